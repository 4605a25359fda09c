package dev.porthole.rdp.protocol.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import dev.porthole.rdp.protocol.Arb;
import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.license.TestLicenseServer.Certificate;
import dev.porthole.rdp.protocol.license.TestLicenseServer.Ending;
import dev.porthole.rdp.protocol.pdu.license.ClientHardwareId;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.ServerLicense;
import dev.porthole.rdp.protocol.pdu.license.ServerPlatformChallenge;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The licensing exchange and its codecs over generated inputs. */
class LicensingPropertiesTest {

    @Provide
    Arbitrary<NewLicenseInfo> licenses() {
        return Combinators.combine(Arb.i32(), Arbitraries.strings().withCharRange((char) 1, (char) 0xFF).ofMaxLength(20), Arb.text(20), Arb.text(8),
                Arb.bytes(1, 3000)).as(NewLicenseInfo::new);
    }

    @Provide
    Arbitrary<Certificate> certificates() {
        return Arbitraries.of(Certificate.PROPRIETARY, Certificate.X509_CHAIN);
    }

    /**
     * Whatever the randomness, device id, names, challenge and license, the client completes the exchange
     * and the independent test server verifies the premaster secret, every MAC and the hardware id.
     */
    @Property(tries = 60)
    void theFullExchangeCompletesForAnyInputs(@ForAll long seed, @ForAll @Size(16) byte[] deviceId,
                                              @ForAll("certificates") Certificate certificate,
                                              @ForAll @Size(max = 300) byte[] challenge, @ForAll("licenses") NewLicenseInfo license,
                                              @ForAll boolean stored, @ForAll boolean withChallenge) {
        RecordingEntropy entropy = new RecordingEntropy(seed);
        LicensingSettings settings = LicensingSettings.of(entropy, Bytes.of(deviceId));
        Bytes storedLicense = Bytes.of(deviceId);
        if (stored) {
            settings = settings.withStoredLicense(storedLicense);
        }
        LicenseClient client = new LicenseClient("user" + seed, "machine", settings, new byte[0]);
        TestLicenseServer server = new TestLicenseServer(certificate,
                withChallenge ? Ending.CHALLENGE_THEN_LICENSE : Ending.LICENSE, seed, Bytes.of(challenge), license)
                .expecting(stored ? null : "user" + seed, "machine", client.hardwareId(), null);
        if (stored) {
            server.expectingStoredLicense(storedLicense);
        }
        LicenseClient.Step step = client.onServerMessage(LicenseClientTest.wire(server.licenseRequest()));
        server.expecting(stored ? null : "user" + seed, "machine", client.hardwareId(), entropy.given(1));
        while (step instanceof LicenseClient.Reply reply) {
            step = client.onServerMessage(LicenseClientTest.wire(server.onClientMessage(LicenseClientTest.wire(reply.pdu()))));
        }
        LicenseOutcome outcome = ((LicenseClient.Done) step).outcome();
        assertThat(outcome.license()).isEqualTo(license);
        assertThat(outcome.result()).isEqualTo(stored ? LicenseOutcome.Result.LICENSE_UPGRADED : LicenseOutcome.Result.LICENSE_ISSUED);
        assertThat(server.checks()).contains("premaster secret");
        if (withChallenge || stored) {
            assertThat(server.receivedHardwareId()).isEqualTo(client.hardwareId());
        }
        ClientHardwareId id = client.hardwareId();
        assertThat(HexVectors.encode(id::encode)).endsWith(deviceId);
    }

    /** Flipping any bit of the encrypted challenge, its MAC, the encrypted license or its MAC is caught. */
    @Property(tries = 100)
    void anyBitFlipInAnEncryptedFieldOrItsMacIsRefused(@ForAll long seed, @ForAll boolean inLicense, @ForAll boolean inMac,
                                                      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(max = 7) int bit) {
        LicenseClient client = LicenseClientTest.client(new RecordingEntropy(seed));
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY, Ending.CHALLENGE_THEN_LICENSE, seed);
        LicenseClient.Reply request = (LicenseClient.Reply) client.onServerMessage(LicenseClientTest.wire(server.licenseRequest()));
        LicensePdu challenge = server.onClientMessage(request.pdu());
        LicensePdu toClient = challenge;
        if (inLicense) {
            LicenseClient.Reply response = (LicenseClient.Reply) client.onServerMessage(challenge);
            toClient = server.onClientMessage(response.pdu());
        }
        LicenseClient.Step step = client.onServerMessage(flip(toClient, inMac, position, bit));
        assertThat(step).isInstanceOfSatisfying(LicenseClient.Abort.class, a -> {
            assertThat(((LicenseErrorMessage) a.pdu().message()).errorCode()).isEqualTo(LicenseErrorMessage.ERR_INVALID_MAC);
            assertThat(a.error()).hasMessageContaining(".MACData");
        });
    }

    private static LicensePdu flip(LicensePdu pdu, boolean inMac, int position, int bit) {
        return switch (pdu.message()) {
            case ServerPlatformChallenge c -> new LicensePdu(pdu.flags(), new ServerPlatformChallenge(c.connectFlags(),
                    inMac ? c.encryptedPlatformChallenge() : flip(c.encryptedPlatformChallenge(), position, bit),
                    inMac ? flip(c.macData(), position, bit) : c.macData()));
            case ServerLicense l -> new LicensePdu(pdu.flags(), new ServerLicense(l.upgrade(),
                    inMac ? l.encryptedLicenseInfo() : flip(l.encryptedLicenseInfo(), position, bit),
                    inMac ? flip(l.macData(), position, bit) : l.macData()));
            default -> throw new AssertionError(pdu);
        };
    }

    private static LicenseBinaryBlob flip(LicenseBinaryBlob blob, int position, int bit) {
        return new LicenseBinaryBlob(blob.blobType(), flip(blob.data(), position, bit));
    }

    private static Bytes flip(Bytes bytes, int position, int bit) {
        byte[] b = bytes.toByteArray();
        b[position % b.length] ^= (byte) (1 << bit);
        return Bytes.of(b);
    }

    /** Raw RSA as MS-RDPBCGR 5.3.4.1 prescribes is undone by the private key for every premaster secret. */
    @Property(tries = 200)
    void premasterSecretEncryptionIsUndoneByThePrivateKey(@ForAll @Size(48) byte[] secret) {
        var keys = TestLicenseServer.proprietaryKey();
        BigInteger n = ((java.security.interfaces.RSAPublicKey) keys.getPublic()).getModulus();
        BigInteger d = ((java.security.interfaces.RSAPrivateKey) keys.getPrivate()).getPrivateExponent();
        ServerPublicKey key = RsaPublicKey.of(n, 65537, 512).publicKey();
        byte[] encrypted = key.encrypt(secret);
        assertThat(encrypted).hasSize(72);
        BigInteger c = new BigInteger(1, TestLicenseServer.reverse(java.util.Arrays.copyOf(encrypted, 64)));
        byte[] clear = TestLicenseServer.reverse(TestLicenseServer.fixed(c.modPow(d, n), 64));
        assertThat(java.util.Arrays.copyOf(clear, 48)).isEqualTo(secret);
    }

    @Provide
    Arbitrary<ServerCertificate> serverCertificates() {
        Arbitrary<ServerCertificate> chains = Combinators.combine(Arbitraries.of(2, 0x80000002),
                Arb.bytes(0, 200).list().ofMinSize(1).ofMaxSize(5), Arb.bytes(0, 30)).as(X509CertificateChain::new);
        Arbitrary<ServerCertificate> proprietary = Combinators.combine(Arbitraries.of(1, 0x80000001),
                Arbitraries.integers().between(9, 300).flatMap(keylen -> Combinators.combine(Arb.i32(), Arb.i32(), Arb.i32(),
                        Arb.bytes(keylen)).as((bitlen, datalen, exp, mod) -> new RsaPublicKey(keylen, bitlen, datalen, exp, mod))),
                Arb.bytes(0, 80)).as((v, key, sig) -> new ProprietaryServerCertificate(v, 1, 1, 6, key, 8, sig));
        return Arbitraries.oneOf(chains, proprietary);
    }

    @Property(tries = 300)
    void serverCertificatesRoundTrip(@ForAll("serverCertificates") ServerCertificate certificate) {
        byte[] bytes = HexVectors.encode(certificate::encode);
        assertThat(bytes).hasSize(certificate.size());
        assertThat(Decoding.decodeAll(bytes, ServerCertificate::decode)).isEqualTo(certificate);
    }

    /** Every RC4 call starts a fresh key stream, so decrypting is encrypting again (MS-RDPELE 5.1.3, 5.1.4). */
    @Property(tries = 200)
    void rc4FieldsAreTheirOwnInverse(@ForAll @Size(16) byte[] salt, @ForAll @Size(16) byte[] key, @ForAll @Size(max = 500) byte[] data) {
        LicensingKeys keys = LicensingKeys.of(salt, key);
        assertThat(keys.rc4(keys.rc4(data))).isEqualTo(data);
        assertThat(keys.verify(data, keys.mac(data))).isTrue();
    }

}
