package dev.porthole.rdp.protocol.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.ntlm.TestCertificates;
import dev.porthole.rdp.protocol.pdu.license.ClientHardwareId;
import dev.porthole.rdp.protocol.pdu.license.ClientLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.ClientNewLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.ClientPlatformChallengeResponse;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicenseMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.PlatformChallengeResponseData;
import dev.porthole.rdp.protocol.pdu.license.ProductInfo;
import dev.porthole.rdp.protocol.pdu.license.ServerLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.ServerLicense;
import dev.porthole.rdp.protocol.pdu.license.ServerPlatformChallenge;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;

/**
 * A licensing server for tests (MS-RDPELE 3.2), written against the specification independently of the
 * client code: the key derivation (5.1.2), MAC (5.1.5) and RC4 (5.1.3) use the JDK's MessageDigest and
 * ARCFOUR cipher, RSA decryption (MS-RDPBCGR 5.3.4.2) is BigInteger arithmetic on the private key, and the
 * proprietary certificate is signed with the Terminal Services private key that MS-RDPBCGR 5.3.3.1.1
 * publishes. It checks every client message with assertions and records what it verified in
 * {@link #checks()}.
 */
public final class TestLicenseServer {

    /** Which certificate the Server License Request carries. */
    public enum Certificate {
        /** A proprietary certificate with a 512-bit key, signed with the Terminal Services key. */
        PROPRIETARY,
        /** A proprietary certificate whose signature does not verify. */
        PROPRIETARY_BADLY_SIGNED,
        /** An X.509 chain (license server and terminal server certificates) with a 2048-bit terminal server key. */
        X509_CHAIN,
        /** None: the client has to use the Server Security Data's certificate ({@link #proprietaryCertificate()}). */
        NONE
    }

    /** How the server ends licensing after the client's first answer. */
    public enum Ending {
        /** STATUS_VALID_CLIENT right away, as xrdp does. */
        VALID_CLIENT,
        /** A platform challenge, then a new (or, after Client License Information, an upgraded) license. */
        CHALLENGE_THEN_LICENSE,
        /** A new (or upgraded) license without a challenge. */
        LICENSE
    }

    /** MS-RDPBCGR 5.3.3.1.1: the Terminal Services signing key (little-endian in the specification). */
    static final BigInteger TS_MODULUS = le("""
            3d3a5ebd72433ec94dbbc11e4aba5fcb3e882087eff5c1e2d7b76b9af2524595
            ce63656b583afeef7ce7bffe3df65c7d6c5e06091af561bb2093095f056dea87""");
    static final BigInteger TS_PRIVATE_EXPONENT = le("""
            87a71932da11875558001616256568f8243ee6fae9674994cf92cc3399e80860
            179a129f24ddb12499c73ab80a7b0ddd350779170b519bb3c7100113e73ff35f""");

    private static KeyPair proprietaryKey;

    private final Certificate certificate;
    private final Ending ending;
    private final byte[] serverRandom = new byte[32];
    private final byte[] challenge;
    private final NewLicenseInfo license;
    private final BigInteger modulus;
    private final BigInteger privateExponent;
    private final int modulusLength;
    private final List<String> checks = new ArrayList<>();
    private boolean corruptChallengeMac;
    private boolean corruptLicenseMac;
    private String expectedUser;
    private String expectedMachine;
    private ClientHardwareId expectedHardwareId;
    private byte[] expectedPremaster;
    private Bytes expectedStoredLicense;
    private byte[] clientRandom;
    private byte[] premaster;
    private byte[] macSaltKey;
    private byte[] licensingKey;
    private boolean clientPresentedLicense;
    private ClientHardwareId receivedHardwareId;
    private int step;

    public TestLicenseServer(Certificate certificate, Ending ending, long seed) {
        this(certificate, ending, seed, Bytes.ofHex("5400450053005400 0000"), new NewLicenseInfo(0x00060000, "microsoft.com",
                "Microsoft Corporation", "A02", Bytes.of("a client access license".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    public TestLicenseServer(Certificate certificate, Ending ending, long seed, Bytes challenge, NewLicenseInfo license) {
        this.certificate = certificate;
        this.ending = ending;
        this.challenge = challenge.toByteArray();
        this.license = license;
        new Random(seed).nextBytes(serverRandom);
        KeyPair keys = certificate == Certificate.X509_CHAIN ? TestCertificates.rsaKey() : proprietaryKey();
        modulus = ((RSAPublicKey) keys.getPublic()).getModulus();
        privateExponent = ((RSAPrivateKey) keys.getPrivate()).getPrivateExponent();
        modulusLength = (modulus.bitLength() + 7) / 8;
    }

    /** A 512-bit key, as Windows uses with proprietary certificates (MS-RDPELE footnote 2). */
    static synchronized KeyPair proprietaryKey() {
        if (proprietaryKey == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(512);
                proprietaryKey = g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
        return proprietaryKey;
    }

    /** Checks the client's names, hardware id and (when known) premaster secret. */
    public TestLicenseServer expecting(String user, String machine, ClientHardwareId hardwareId, byte[] premasterSecret) {
        this.expectedUser = user;
        this.expectedMachine = machine;
        this.expectedHardwareId = hardwareId;
        this.expectedPremaster = premasterSecret == null ? null : premasterSecret.clone();
        return this;
    }

    /** Expects Client License Information presenting {@code license}. */
    public TestLicenseServer expectingStoredLicense(Bytes storedLicense) {
        this.expectedStoredLicense = storedLicense;
        return this;
    }

    public TestLicenseServer corruptChallengeMac() {
        this.corruptChallengeMac = true;
        return this;
    }

    public TestLicenseServer corruptLicenseMac() {
        this.corruptLicenseMac = true;
        return this;
    }

    public List<String> checks() {
        return List.copyOf(checks);
    }

    public byte[] serverRandom() {
        return serverRandom.clone();
    }

    public NewLicenseInfo license() {
        return license;
    }

    /** The hardware id the client sent, decrypted (null before it sent one). */
    public ClientHardwareId receivedHardwareId() {
        return receivedHardwareId;
    }

    /** The Server License Request (MS-RDPELE 2.2.2.1). */
    public LicensePdu licenseRequest() {
        Bytes cert = switch (certificate) {
            case PROPRIETARY -> encoded(proprietaryCertificate(false));
            case PROPRIETARY_BADLY_SIGNED -> encoded(proprietaryCertificate(true));
            case X509_CHAIN -> encoded(x509Chain());
            case NONE -> Bytes.EMPTY;
        };
        return new LicensePdu(LicensePdu.PREAMBLE_VERSION_3_0, new ServerLicenseRequest(Bytes.of(serverRandom),
                new ProductInfo(0x00060000, "Microsoft Corporation", "A02"),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Bytes.ofHex("01000000")),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_CERTIFICATE_BLOB, cert),
                List.of(LicenseBinaryBlob.ansi(LicenseBinaryBlob.BB_SCOPE_BLOB, "microsoft.com"))));
    }

    /** The SERVER_CERTIFICATE bytes with this server's key as a signed proprietary certificate. */
    public byte[] proprietaryCertificateBytes() {
        return encoded(proprietaryCertificate(false)).toByteArray();
    }

    ProprietaryServerCertificate proprietaryCertificate(boolean badSignature) {
        checks.add("signed the proprietary certificate with the Terminal Services key");
        return sign(RsaPublicKey.of(modulus, 0x10001, modulus.bitLength()), badSignature);
    }

    /** A proprietary certificate for {@code key} signed as MS-RDPBCGR 5.3.3.1.2 describes (or with a wrong hash). */
    public static ProprietaryServerCertificate sign(RsaPublicKey key, boolean badSignature) {
        ProprietaryServerCertificate unsigned = new ProprietaryServerCertificate(1, 1, 1, 6, key, 8, Bytes.zeros(72));
        byte[] m = new byte[64];
        System.arraycopy(unsigned.signedHash(), 0, m, 0, 16);
        Arrays.fill(m, 17, 62, (byte) 0xFF);
        m[62] = 0x01;
        if (badSignature) {
            m[0] ^= 1;
        }
        BigInteger s = new BigInteger(1, reverse(m)).modPow(TS_PRIVATE_EXPONENT, TS_MODULUS);
        byte[] signature = Arrays.copyOf(reverse(fixed(s, 64)), 72);
        return new ProprietaryServerCertificate(1, 1, 1, 6, key, 8, Bytes.of(signature));
    }

    /** {@code request} with {@code certificate} in place of its own. */
    public static LicensePdu withCertificate(LicensePdu request, Bytes certificate) {
        ServerLicenseRequest r = (ServerLicenseRequest) request.message();
        return new LicensePdu(request.flags(), new ServerLicenseRequest(r.serverRandom(), r.productInfo(), r.keyExchangeList(),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_CERTIFICATE_BLOB, certificate), r.scopeList()));
    }

    X509CertificateChain x509Chain() {
        byte[] issuer = TestCertificates.selfSigned(TestCertificates.ecKey(), "SHA256withECDSA", "license server");
        byte[] terminal = TestCertificates.selfSigned(TestCertificates.rsaKey(), "SHA256withRSA", "terminal server");
        return X509CertificateChain.of(List.of(Bytes.of(issuer), Bytes.of(terminal)));
    }

    static Bytes encoded(ServerCertificate c) {
        return Bytes.of(HexVectors.encode(c::encode));
    }

    /** The server's answer to a client licensing message; asserts everything it can check. */
    public LicensePdu onClientMessage(LicensePdu pdu) {
        step++;
        assertThat(pdu.flags() & LicensePdu.LICENSE_PROTOCOL_VERSION_MASK).as("preamble version").isEqualTo(3);
        LicenseMessage m = pdu.message();
        return switch (m) {
            case ClientNewLicenseRequest r -> {
                keyExchange(r.preferredKeyExchangeAlg(), r.platformId(), r.clientRandom(), r.encryptedPreMasterSecret());
                assertThat(r.clientUserName().blobType()).isEqualTo(LicenseBinaryBlob.BB_CLIENT_USER_NAME_BLOB);
                assertThat(r.clientMachineName().blobType()).isEqualTo(LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB);
                assertThat(r.clientUserName().data().get(r.clientUserName().data().length() - 1)).as("user name NUL").isZero();
                if (expectedUser != null) {
                    assertThat(r.clientUserName().ansiText()).isEqualTo(expectedUser);
                    assertThat(r.clientMachineName().ansiText()).isEqualTo(expectedMachine);
                    checks.add("user and machine names");
                }
                assertThat(expectedStoredLicense).as("client asked for a new license instead of presenting one").isNull();
                yield afterFirstAnswer();
            }
            case ClientLicenseInfo info -> {
                keyExchange(info.preferredKeyExchangeAlg(), info.platformId(), info.clientRandom(), info.encryptedPreMasterSecret());
                assertThat(info.licenseInfo().blobType()).isEqualTo(LicenseBinaryBlob.BB_DATA_BLOB);
                assertThat(info.licenseInfo().data()).isEqualTo(expectedStoredLicense);
                byte[] hwid = rc4(info.encryptedHwid().data().toByteArray());
                assertThat(mac(hwid)).as("CLIENT_LICENSE_INFO.MACData over the clear hardware id").isEqualTo(info.macData().toByteArray());
                checkHardwareId(hwid, info.platformId());
                checks.add("license info MAC");
                clientPresentedLicense = true;
                yield afterFirstAnswer();
            }
            case ClientPlatformChallengeResponse r -> {
                assertThat(step).isEqualTo(2);
                assertThat(r.encryptedPlatformChallengeResponse().blobType()).isEqualTo(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB);
                assertThat(r.encryptedHwid().blobType()).isEqualTo(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB);
                byte[] response = rc4(r.encryptedPlatformChallengeResponse().data().toByteArray());
                byte[] hwid = rc4(r.encryptedHwid().data().toByteArray());
                PlatformChallengeResponseData data = Decoding.decodeAll(response, PlatformChallengeResponseData::decode);
                assertThat(data.version()).isEqualTo(PlatformChallengeResponseData.VERSION);
                assertThat(data.licenseDetailLevel()).isEqualTo(PlatformChallengeResponseData.LICENSE_DETAIL_DETAIL);
                assertThat(data.challenge().toByteArray()).as("echoed platform challenge").isEqualTo(challenge);
                checks.add("platform challenge echoed");
                assertThat(mac(concat(response, hwid))).as("CLIENT_PLATFORM_CHALLENGE_RESPONSE.MACData")
                        .isEqualTo(r.macData().toByteArray());
                checks.add("challenge response MAC");
                checkHardwareId(hwid, expectedHardwareId == null ? ByteBuffer.wrap(hwid).order(ByteOrder.LITTLE_ENDIAN).getInt()
                        : expectedHardwareId.platformId());
                yield licenseMessage();
            }
            default -> throw new AssertionError("unexpected client message " + m);
        };
    }

    private void keyExchange(int alg, int platformId, Bytes random, LicenseBinaryBlob encrypted) {
        assertThat(step).isEqualTo(1);
        assertThat(alg).isEqualTo(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA);
        assertThat(encrypted.blobType()).isEqualTo(LicenseBinaryBlob.BB_RANDOM_BLOB);
        byte[] blob = encrypted.data().toByteArray();
        assertThat(blob).as("encrypted premaster secret: modulus length + 8 bytes (MS-RDPBCGR 5.3.4.1)")
                .hasSize(modulusLength + 8);
        assertThat(Arrays.copyOfRange(blob, modulusLength, blob.length)).as("8 zero padding bytes").containsOnly(0);
        BigInteger c = new BigInteger(1, reverse(Arrays.copyOf(blob, modulusLength)));
        byte[] clear = reverse(fixed(c.modPow(privateExponent, modulus), modulusLength));
        assertThat(Arrays.copyOfRange(clear, 48, clear.length)).as("premaster secret is 48 bytes").containsOnly(0);
        premaster = Arrays.copyOf(clear, 48);
        if (expectedPremaster != null) {
            assertThat(premaster).as("decrypted premaster secret").isEqualTo(expectedPremaster);
            checks.add("premaster secret");
        }
        clientRandom = random.toByteArray();
        deriveKeys();
        if (expectedHardwareId != null) {
            assertThat(platformId).isEqualTo(expectedHardwareId.platformId());
        }
    }

    private void checkHardwareId(byte[] hwid, int platformId) {
        ClientHardwareId id = Decoding.decodeAll(hwid, ClientHardwareId::decode);
        receivedHardwareId = id;
        assertThat(id.platformId()).isEqualTo(platformId);
        if (expectedHardwareId != null) {
            assertThat(id).isEqualTo(expectedHardwareId);
            checks.add("hardware id");
        }
    }

    private LicensePdu afterFirstAnswer() {
        return switch (ending) {
            case VALID_CLIENT -> new LicensePdu(LicensePdu.PREAMBLE_VERSION_3_0, LicenseErrorMessage.VALID_CLIENT);
            case CHALLENGE_THEN_LICENSE -> {
                byte[] mac = mac(challenge);
                if (corruptChallengeMac) {
                    mac[0] ^= 1;
                }
                yield new LicensePdu(LicensePdu.PREAMBLE_VERSION_3_0, new ServerPlatformChallenge(0,
                        new LicenseBinaryBlob(LicenseBinaryBlob.BB_ANY_BLOB, Bytes.of(rc4(challenge))), Bytes.of(mac)));
            }
            case LICENSE -> licenseMessage();
        };
    }

    private LicensePdu licenseMessage() {
        byte[] clear = HexVectors.encode(license::encode);
        byte[] mac = mac(clear);
        if (corruptLicenseMac) {
            mac[15] ^= 1;
        }
        LicenseBinaryBlob blob = new LicenseBinaryBlob(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB, Bytes.of(rc4(clear)));
        LicenseMessage m = clientPresentedLicense ? ServerLicense.upgraded(blob, Bytes.of(mac)) : ServerLicense.issued(blob, Bytes.of(mac));
        return new LicensePdu(LicensePdu.PREAMBLE_VERSION_3_0, m);
    }

    /** MS-RDPELE 5.1.2 with the JDK's digests. */
    private void deriveKeys() {
        byte[] master = concat(salted(premaster, "A", clientRandom, serverRandom), salted(premaster, "BB", clientRandom, serverRandom),
                salted(premaster, "CCC", clientRandom, serverRandom));
        byte[] blob = concat(salted(master, "A", serverRandom, clientRandom), salted(master, "BB", serverRandom, clientRandom),
                salted(master, "CCC", serverRandom, clientRandom));
        macSaltKey = Arrays.copyOf(blob, 16);
        licensingKey = digest("MD5", Arrays.copyOfRange(blob, 16, 32), clientRandom, serverRandom);
    }

    private static byte[] salted(byte[] s, String i, byte[] r1, byte[] r2) {
        return digest("MD5", s, digest("SHA-1", i.getBytes(java.nio.charset.StandardCharsets.US_ASCII), s, r1, r2));
    }

    /** MS-RDPELE 5.1.5. */
    private byte[] mac(byte[] data) {
        byte[] pad1 = new byte[40];
        byte[] pad2 = new byte[48];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5C);
        byte[] length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array();
        return digest("MD5", macSaltKey, pad2, digest("SHA-1", macSaltKey, pad1, length, data));
    }

    /** MS-RDPELE 5.1.3 with the JDK's ARCFOUR cipher, a fresh key schedule per field. */
    private byte[] rc4(byte[] data) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(licensingKey, "ARCFOUR"));
            return rc4.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** {@code v} big-endian in exactly {@code n} bytes. */
    static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        int copy = Math.min(b.length, n);
        System.arraycopy(b, b.length - copy, out, n - copy, copy);
        return out;
    }

    static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static BigInteger le(String hex) {
        return new BigInteger(1, reverse(Bytes.ofHex(hex).toByteArray()));
    }
}
