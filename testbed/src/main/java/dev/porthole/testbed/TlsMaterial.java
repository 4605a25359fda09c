package dev.porthole.testbed;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway TLS keys and certificates made by the tests themselves (never committed): a test CA,
 * server and client certificates it issues, and self-signed server certificates for RDP peers.
 */
public final class TlsMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsMaterial() {}

    /** A key pair and its certificate chain (leaf first). */
    public record Issued(KeyPair keyPair, List<X509Certificate> chain) {

        public X509Certificate certificate() {
            return chain.getFirst();
        }

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        /** SHA-256 of the DER certificate, lower-case hex without separators. */
        public String sha256Fingerprint() {
            return fingerprint(certificate());
        }

        /** Writes the leaf certificate and the private key (PKCS#8 PEM, owner-only) to the two files. */
        public void writePem(Path certFile, Path keyFile) {
            writeString(certFile, pem(certificate()), "rw-r--r--");
            writeString(keyFile, pem(privateKey()), "rw-------");
        }

        /** A PKCS#12 key store holding this key and chain under alias {@code key}. */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", privateKey(), password, chain.toArray(Certificate[]::new));
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new PeerException("cannot build key store", e);
            }
        }
    }

    /** A certificate authority that issues server and client certificates. */
    public record Authority(Issued self) {

        public X509Certificate certificate() {
            return self.certificate();
        }

        public void writeCertificatePem(Path file) {
            writeString(file, pem(certificate()), "rw-r--r--");
        }

        /** A trust store holding only this CA. */
        public KeyStore trustStore() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("ca", certificate());
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new PeerException("cannot build trust store", e);
            }
        }

        /** A server certificate for the given DNS names and IP addresses. */
        public Issued issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses) {
            return issue(commonName, dnsNames, ipAddresses, KeyPurposeId.id_kp_serverAuth);
        }

        /** A client certificate whose subject common name is {@code commonName}. */
        public Issued issueClient(String commonName) {
            return issue(commonName, List.of(), List.of(), KeyPurposeId.id_kp_clientAuth);
        }

        private Issued issue(String cn, List<String> dns, List<String> ips, KeyPurposeId purpose) {
            KeyPair kp = rsa();
            X509Certificate cert = build(new X500Name("CN=" + cn), kp, certificate().getSubjectX500Principal().getName(),
                    self.privateKey(), false, dns, ips, purpose);
            return new Issued(kp, List.of(cert, certificate()));
        }
    }

    /** A new test CA. */
    public static Authority newAuthority(String commonName) {
        KeyPair kp = rsa();
        X509Certificate cert = build(new X500Name("CN=" + commonName), kp, null, kp.getPrivate(), true,
                List.of(), List.of(), null);
        return new Authority(new Issued(kp, List.of(cert)));
    }

    /** A self-signed server certificate, as RDP hosts commonly use. */
    public static Issued selfSignedServer(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        KeyPair kp = rsa();
        X509Certificate cert = build(new X500Name("CN=" + commonName), kp, null, kp.getPrivate(), false,
                dnsNames, ipAddresses, KeyPurposeId.id_kp_serverAuth);
        return new Issued(kp, List.of(cert));
    }

    /** SHA-256 of the DER form, lower-case hex without separators. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new PeerException("cannot hash certificate", e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeString(Path file, String content, String perms) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PeerException("RSA unavailable", e);
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, String issuerDn, PrivateKey issuerKey,
                                         boolean ca, List<String> dns, List<String> ips, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            X500Name issuer = issuerDn == null ? subject : new X500Name(issuerDn);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            List<GeneralName> names = new ArrayList<>();
            dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
            for (String ip : ips) {
                InetAddress.getByName(ip); // validates the literal
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new PeerException("cannot build test certificate for " + subject, e);
        }
    }
}
