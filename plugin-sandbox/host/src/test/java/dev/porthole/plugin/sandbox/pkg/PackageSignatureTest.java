package dev.porthole.plugin.sandbox.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.plugin.sandbox.SandboxException;

/** Packing, signing, verifying and installing packages, and every way a package is refused. */
class PackageSignatureTest {

    /** BC checks the certificate against the CMS signing time (now), so the test's clock is now. */
    static final Instant NOW = Instant.now();
    static final String MANIFEST = """
            {"schema": 1, "id": "com.example.echo", "version": "1.0.0", "vendor": "Example Corp",
             "entryClass": "com.example.Echo", "channels": ["ExampleEcho"], "memoryLimitMb": 32}
            """;

    final DevCertificates.Identity ca = DevCertificates.ca("Fleet CA", NOW.minus(Duration.ofDays(10)), Duration.ofDays(365));
    final DevCertificates.Identity vendor = DevCertificates.vendor("Example Corp", ca, NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));
    final PackageVerifier verifier = new PackageVerifier(List.of(ca.certificate()), ChannelPolicy.defaults());

    @TempDir
    Path dir;

    PackageArchive unsigned(String manifest) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        files.put("lib/echo.jar", new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        return new PackageArchive(files);
    }

    PackageArchive signed() {
        return PackageTool.sign(unsigned(MANIFEST), vendor.privateKey(), List.of(vendor.certificate()), ChannelPolicy.defaults());
    }

    static PackageArchive roundTrip(PackageArchive a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.write(out);
        return PackageArchive.read(new java.io.ByteArrayInputStream(out.toByteArray()), PackageArchive.Limits.defaults());
    }

    @Test
    void aSignedPackageVerifiesAfterAWriteReadRoundTrip() {
        VerifiedPackage vp = verifier.verify(roundTrip(signed()), NOW);
        assertThat(vp.manifest().id()).isEqualTo("com.example.echo");
        assertThat(vp.signer().subject()).isEqualTo("CN=Example Corp");
        assertThat(new String(signed().digestList(), StandardCharsets.UTF_8)).startsWith("porthole-plugin-package 1\n")
                .contains(" lib/echo.jar\n").contains(" manifest.json\n").doesNotContain("PORTHOLE.SIG");
    }

    @Test
    void writingIsReproducible() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        unsigned(MANIFEST).write(a);
        unsigned(MANIFEST).write(b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void unsignedIsRefused() {
        assertThatThrownBy(() -> verifier.verify(unsigned(MANIFEST), NOW)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.SIGNATURE)).hasMessageContaining("is not signed");
    }

    @Test
    void tamperedFilesAreRefused() {
        TreeMap<String, byte[]> files = new TreeMap<>(signed().files());
        files.put("lib/echo.jar", new byte[] {'P', 'K', 3, 4, 1, 2, 4});
        assertThatThrownBy(() -> verifier.verify(new PackageArchive(files), NOW)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.SIGNATURE)).hasMessageContaining("does not verify");
        TreeMap<String, byte[]> added = new TreeMap<>(signed().files());
        added.put("lib/extra.jar", new byte[] {1});
        assertThatThrownBy(() -> verifier.verify(new PackageArchive(added), NOW)).hasMessageContaining("does not verify");
        TreeMap<String, byte[]> manifest = new TreeMap<>(signed().files());
        manifest.put("manifest.json", MANIFEST.replace("ExampleEcho", "OtherChannel").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(new PackageArchive(manifest), NOW)).hasMessageContaining("does not verify");
        TreeMap<String, byte[]> garbage = new TreeMap<>(signed().files());
        garbage.put(PackageArchive.SIGNATURE, new byte[] {0x30, 0x03, 1, 2, 3});
        assertThatThrownBy(() -> verifier.verify(new PackageArchive(garbage), NOW)).hasMessageContaining("not a CMS SignedData");
    }

    @Test
    void aSignerOutsideTheTrustAnchorsIsRefused() {
        DevCertificates.Identity otherCa = DevCertificates.ca("Someone Else", NOW.minus(Duration.ofDays(10)), Duration.ofDays(365));
        DevCertificates.Identity stranger = DevCertificates.vendor("Stranger", otherCa, NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));
        PackageArchive p = PackageTool.sign(unsigned(MANIFEST), stranger.privateKey(), List.of(stranger.certificate()), ChannelPolicy.defaults());
        assertThatThrownBy(() -> verifier.verify(p, NOW)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.TRUST)).hasMessageContaining("does not chain to a trust anchor");
        assertThatThrownBy(() -> new PackageVerifier(List.of(), ChannelPolicy.defaults()).verify(signed(), NOW))
                .hasMessageContaining("no trust anchors");
    }

    @Test
    void expiredNotYetValidAndUnfitCertificatesAreRefused() {
        assertThatThrownBy(() -> verifier.verify(signed(), NOW.plus(Duration.ofDays(60)))).hasMessageContaining("does not chain")
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.TRUST));
        assertThatThrownBy(() -> verifier.verify(signed(), NOW.minus(Duration.ofDays(5)))).hasMessageContaining("does not chain");
        DevCertificates.Identity tls = DevCertificates.leaf("tls server", ca, NOW.minus(Duration.ofDays(1)), Duration.ofDays(30),
                KeyPurposeId.id_kp_serverAuth);
        PackageArchive p = PackageTool.sign(unsigned(MANIFEST), tls.privateKey(), List.of(tls.certificate()), ChannelPolicy.defaults());
        assertThatThrownBy(() -> verifier.verify(p, NOW)).hasMessageContaining("is not for code signing");
        PackageArchive self = PackageTool.sign(unsigned(MANIFEST), ca.privateKey(), List.of(ca.certificate()), ChannelPolicy.defaults());
        assertThatThrownBy(() -> verifier.verify(self, NOW)).hasMessageContaining("does not allow digital signatures");
    }

    @Test
    void anIntermediateInTheSignatureBuildsThePath() {
        DevCertificates.Identity intermediate = intermediateCa();
        DevCertificates.Identity v = DevCertificates.vendor("Vendor via intermediate", intermediate, NOW.minus(Duration.ofDays(1)),
                Duration.ofDays(30));
        PackageArchive p = PackageTool.sign(unsigned(MANIFEST), v.privateKey(), List.of(v.certificate(), intermediate.certificate()),
                ChannelPolicy.defaults());
        assertThat(verifier.verify(p, NOW).signer().subject()).isEqualTo("CN=Vendor via intermediate");
        PackageArchive missing = PackageTool.sign(unsigned(MANIFEST), v.privateKey(), List.of(v.certificate()), ChannelPolicy.defaults());
        assertThatThrownBy(() -> verifier.verify(missing, NOW)).hasMessageContaining("does not chain");
    }

    private DevCertificates.Identity intermediateCa() {
        // an intermediate CA is a CA certificate issued by the root: build it with the leaf helper's issuer and CA flags
        java.security.KeyPair kp = DevCertificates.newKeyPair();
        try {
            var b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(ca.certificate(), java.math.BigInteger.valueOf(77),
                    java.util.Date.from(NOW.minus(Duration.ofDays(5))), java.util.Date.from(NOW.plus(Duration.ofDays(100))),
                    new javax.security.auth.x500.X500Principal("CN=Intermediate"), kp.getPublic());
            b.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(0));
            b.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
                    new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign));
            var cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                    b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
            return new DevCertificates.Identity(kp, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void contentChecksRunBeforeSigning() {
        assertThatThrownBy(() -> PackageTool.sign(unsigned(MANIFEST.replace("ExampleEcho", "Microsoft::Windows::RDS::Graphics")),
                vendor.privateKey(), List.of(vendor.certificate()), ChannelPolicy.defaults()))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.POLICY));
        TreeMap<String, byte[]> noJar = new TreeMap<>();
        noJar.put("manifest.json", MANIFEST.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PackageVerifier.checkContents(new PackageArchive(noJar), ChannelPolicy.defaults()))
                .hasMessageContaining("no jar under lib/");
        TreeMap<String, byte[]> noProfile = new TreeMap<>(unsigned(MANIFEST.replace("\"memoryLimitMb\": 32", "\"memoryLimitMb\": 32, \"seccompProfile\": \"s.json\"")).files());
        assertThatThrownBy(() -> PackageVerifier.checkContents(new PackageArchive(noProfile), ChannelPolicy.defaults()))
                .hasMessageContaining("'s.json' is not in the package");
    }

    @Test
    void hostileArchivesAreRefused() throws IOException {
        assertThatThrownBy(() -> PackageArchive.read(new java.io.ByteArrayInputStream(zip("../evil", new byte[1])),
                PackageArchive.Limits.defaults())).hasMessageContaining("'../evil' is not a plain relative path");
        assertThatThrownBy(() -> PackageArchive.read(new java.io.ByteArrayInputStream(zip("/abs", new byte[1])),
                PackageArchive.Limits.defaults())).hasMessageContaining("not a plain relative path");
        byte[] bomb = zip("lib/big.jar", new byte[5_000_000]); // compresses to a few KB
        assertThat(bomb.length).isLessThan(20_000);
        assertThatThrownBy(() -> PackageArchive.read(new java.io.ByteArrayInputStream(bomb), new PackageArchive.Limits(16, 1 << 20, 1 << 21)))
                .hasMessageContaining("exceeds 1048576 bytes");
        assertThatThrownBy(() -> PackageArchive.read(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), PackageArchive.Limits.defaults()))
                .hasMessageContaining("empty (or not a ZIP archive)");
        Path link = dir.resolve("plugin");
        Files.createDirectories(link.resolve("lib"));
        Files.createSymbolicLink(link.resolve("lib/x.jar"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> PackageArchive.fromDirectory(link, PackageArchive.Limits.defaults())).hasMessageContaining("symbolic link");
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void storeInstallsListsReverifiesAndRemoves() throws IOException {
        PluginStore store = new PluginStore(dir.resolve("store"), verifier);
        Path pkg = dir.resolve("echo.zip");
        signed().write(pkg);
        PluginStore.InstalledPlugin ip = store.install(pkg, NOW);
        assertThat(ip.packageDir().resolve("lib/echo.jar")).exists();
        assertThat(ip.stateDir()).isDirectory();
        assertThat(store.list(NOW)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("com.example.echo");
            assertThat(e.signer()).isEqualTo("CN=Example Corp");
        });
        // a file changed on disk after installation: refused at load (start), and listed as refused
        Files.write(ip.packageDir().resolve("lib/echo.jar"), new byte[] {9});
        assertThatThrownBy(() -> store.load("com.example.echo", NOW)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.SIGNATURE)).hasMessageContaining("no longer verifies");
        assertThat(store.list(NOW).getFirst().signer()).startsWith("REFUSED:");
        // reinstalling repairs it
        store.install(pkg, NOW);
        assertThat(store.load("com.example.echo", NOW).manifest().version()).isEqualTo("1.0.0");
        assertThat(store.remove("com.example.echo")).isTrue();
        assertThat(store.list(NOW)).isEmpty();
        assertThat(store.remove("com.example.echo")).isFalse();
        assertThatThrownBy(() -> store.load("com.example.echo", NOW)).hasMessageContaining("is not installed");
        assertThatThrownBy(() -> store.remove("../etc")).hasMessageContaining("is not a plugin id");
    }

    @Test
    void pemHelpersReadWhatDevCertificatesWrite() {
        String pem = DevCertificates.pem(vendor.certificate(), ca.certificate());
        assertThat(PackageSignature.readCertificates(pem, "chain.pem")).containsExactly(vendor.certificate(), ca.certificate());
        String key = DevCertificates.pem(vendor.privateKey());
        assertThat(((java.security.interfaces.ECPrivateKey) PackageSignature.readPrivateKey(key, "key.pem")).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) vendor.privateKey()).getS());
        assertThatThrownBy(() -> PackageSignature.readCertificates("nothing", "x.pem")).hasMessageContaining("x.pem: contains no PEM certificate");
    }
}
