package dev.porthole.rdp.protocol.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.ntlm.EntropySource;
import dev.porthole.rdp.protocol.pdu.license.ClientNewLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.ProductInfo;
import dev.porthole.rdp.protocol.pdu.license.ServerLicenseRequest;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors for the licensing cryptography: a key exchange and a license recorded from Windows
 * servers (IronRDP's test data, see vectors/ironrdp/license/SOURCE.md), and what the MS-RDPBCGR and
 * MS-RDPELE examples can check (proprietary certificate 4.1.4 and its signature, the RSA sample key of
 * MS-RDPBCGR 4.8, the X.509 chain of MS-RDPELE 4.1, the per-field RC4 of MS-RDPELE 4.5).
 */
class LicensingGoldenTest {

    static byte[] iron(String name) {
        return HexVectors.load("/vectors/ironrdp/license/" + name + ".hex");
    }

    static byte[] ele(String name) {
        return HexVectors.load("/vectors/ms-rdpele/" + name);
    }

    @Test
    void keyDerivationMatchesTheRecordedSession() {
        LicensingKeys keys = LicensingKeys.derive(iron("new-license-premaster-secret"), iron("new-license-client-random"),
                iron("new-license-server-random"));
        assertThat(keys.masterSecret()).isEqualTo(iron("new-license-master-secret"));
        assertThat(keys.sessionKeyBlob()).isEqualTo(iron("new-license-session-key-blob"));
        assertThat(keys.macSaltKey()).isEqualTo(java.util.Arrays.copyOf(iron("new-license-session-key-blob"), 16));
        assertThat(keys.licensingEncryptionKey()).isEqualTo(iron("new-license-licensing-encryption-key"));
    }

    @Test
    void premasterSecretEncryptionWithTheTerminalServerKeyMatchesTheRecordedSession() {
        X509CertificateChain chain = X509CertificateChain.of(List.of(Bytes.of(iron("license-server-certificate")),
                Bytes.of(iron("terminal-server-certificate"))));
        ServerPublicKey key = chain.publicKey();
        assertThat(key.bits()).isEqualTo(512);
        assertThat(key.exponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(key.encrypt(iron("new-license-premaster-secret"))).isEqualTo(iron("new-license-encrypted-premaster-secret"));
    }

    @Test
    void theClientsNewLicenseRequestCarriesTheRecordedEncryptedSecret() {
        Deque<byte[]> draws = new ArrayDeque<>(List.of(iron("new-license-client-random"), iron("new-license-premaster-secret")));
        EntropySource recorded = out -> System.arraycopy(draws.removeFirst(), 0, out, 0, out.length);
        X509CertificateChain chain = X509CertificateChain.of(List.of(Bytes.of(iron("license-server-certificate")),
                Bytes.of(iron("terminal-server-certificate"))));
        LicensePdu request = new LicensePdu(3, new ServerLicenseRequest(Bytes.of(iron("new-license-server-random")),
                new ProductInfo(0x60000, "Microsoft Corporation", "A02"),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Bytes.ofHex("01000000")),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_CERTIFICATE_BLOB, TestLicenseServer.encoded(chain)),
                List.of(LicenseBinaryBlob.ansi(LicenseBinaryBlob.BB_SCOPE_BLOB, "microsoft.com"))));
        LicenseClient client = new LicenseClient("sample-user", "sample-machine-name",
                LicensingSettings.of(recorded, LicenseClientTest.DEVICE_ID), new byte[0]);
        LicenseClient.Reply reply = (LicenseClient.Reply) client.onServerMessage(LicenseClientTest.wire(request));
        ClientNewLicenseRequest r = (ClientNewLicenseRequest) reply.pdu().message();
        assertThat(r.clientRandom().toByteArray()).isEqualTo(iron("new-license-client-random"));
        assertThat(r.encryptedPreMasterSecret()).isEqualTo(new LicenseBinaryBlob(LicenseBinaryBlob.BB_RANDOM_BLOB,
                Bytes.of(iron("new-license-encrypted-premaster-secret"))));
        assertThat(r.platformId()).isEqualTo(0x04010000);
        assertThat(r.clientUserName().ansiText()).isEqualTo("sample-user");
        assertThat(r.clientMachineName().ansiText()).isEqualTo("sample-machine-name");
    }

    @Test
    void theRecordedUpgradeLicenseDecryptsAndItsMacVerifies() {
        LicensingKeys keys = LicensingKeys.of(iron("upgrade-license-mac-salt-key"), iron("upgrade-license-licensing-encryption-key"));
        byte[] clear = keys.rc4(iron("upgrade-license-encrypted-license-info"));
        assertThat(keys.mac(clear)).isEqualTo(iron("upgrade-license-mac-data"));
        assertThat(keys.verify(clear, iron("upgrade-license-mac-data"))).isTrue();
        NewLicenseInfo info = Decoding.decodeAll(clear, NewLicenseInfo::decode);
        assertThat(info.version()).isEqualTo(0x000a0001);
        assertThat(info.scope()).isEqualTo("microsoft.com");
        assertThat(info.companyName()).isEqualTo("Microsoft Corporation");
        assertThat(info.productId()).isEqualTo("A02");
        assertThat(info.licenseInfo().length()).isEqualTo(5112);
        byte[] tampered = iron("upgrade-license-mac-data");
        tampered[3] ^= 0x40;
        assertThat(keys.verify(clear, tampered)).isFalse();
    }

    static ProprietaryServerCertificate certificateOf4_1_4() {
        ConnectResponse cr = Decoding.decode(HexVectors.load("/vectors/ms-rdpbcgr/4.1.4-mcs-connect-response.hex"),
                ConnectResponse::decode);
        byte[] cert = cr.gcc().serverData().security().serverCertificate();
        return (ProprietaryServerCertificate) Decoding.decodeAll(cert, ServerCertificate::decode);
    }

    @Test
    void theProprietaryCertificateOfMsRdpbcgr414VerifiesWithTheTerminalServicesKey() {
        ProprietaryServerCertificate c = certificateOf4_1_4();
        assertThat(c.version()).isEqualTo(ServerCertificate.CERT_CHAIN_VERSION_1);
        assertThat(c.temporary()).isFalse();
        assertThat(c.rsaKey().keylen()).isEqualTo(72);
        assertThat(c.rsaKey().bitlen()).isEqualTo(512);
        assertThat(c.rsaKey().datalen()).isEqualTo(63);
        assertThat(c.publicKey().exponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(c.publicKey().modulusLength()).isEqualTo(64);
        assertThat(Bytes.of(TestLicenseServer.reverse(TestLicenseServer.fixed(c.publicKey().modulus(), 64))))
                .isEqualTo(Bytes.ofHex("cb81feba6d61c35505d55f2e87f87194d6f1a5cbf15f0c3df8700296c4fb9bc8"
                        + "3c2d55aee8ff3275ea6879e5a201fd31a0b11f55a61fc1f6d1838863265612bc"));
        assertThat(c.signatureValid()).isTrue();
        assertThat(c.signedHash()).isEqualTo(Bytes.ofHex("406ac06d77a1a7f72e8f81ab4d24a6c5").toByteArray());

        RsaPublicKey k = c.rsaKey();
        byte[] modulus = k.modulus().toByteArray();
        modulus[5] ^= 1;
        ProprietaryServerCertificate otherKey = new ProprietaryServerCertificate(c.version(), c.sigAlgId(), c.keyAlgId(),
                c.publicKeyBlobType(), new RsaPublicKey(k.keylen(), k.bitlen(), k.datalen(), k.pubExp(), Bytes.of(modulus)),
                c.signatureBlobType(), c.signature());
        assertThat(otherKey.signatureValid()).as("signature over another key").isFalse();
    }

    @Test
    void theRsaSampleOfMsRdpbcgr48RoundTripsThroughThePrivateKey() {
        byte[] modulus = Bytes.ofHex("37a870fe9ab9a854cb9879447ab9eb3806ea26a147ea19705df352887021b59e"
                + "50b4e1f51ad82d514d1aad797c8946b0cc667402d8285d9dd7cafc600f38f9b3").toByteArray();
        BigInteger d = new BigInteger(1, TestLicenseServer.reverse(Bytes.ofHex(
                "c107e7d4d3388d36f59e8b960d5565082825a32ec768d644852d32f672a89bba"
                        + "5e8282f05c0ceb6b126aa74515ce41e003e5e66ddffd58610b07a47bb3f37194").toByteArray()));
        byte[] clientRandom = new byte[32];
        clientRandom[0] = (byte) 0xff;
        clientRandom[1] = (byte) 0xee;
        clientRandom[31] = (byte) 0xff;
        ServerPublicKey key = ServerPublicKey.ofLittleEndian(modulus, 0x10001);
        byte[] encrypted = key.encrypt(clientRandom);
        assertThat(encrypted).hasSize(72);
        assertThat(java.util.Arrays.copyOfRange(encrypted, 64, 72)).containsOnly(0);
        BigInteger c = new BigInteger(1, TestLicenseServer.reverse(java.util.Arrays.copyOf(encrypted, 64)));
        byte[] decrypted = TestLicenseServer.reverse(TestLicenseServer.fixed(c.modPow(d, key.modulus()), 64));
        assertThat(java.util.Arrays.copyOf(decrypted, 32)).isEqualTo(clientRandom);
        assertThat(java.util.Arrays.copyOfRange(decrypted, 32, 64)).containsOnly(0);
    }

    @Test
    void theX509ChainOfMsRdpele41GivesA2048BitKeyAndThe42BlobSize() {
        LicensePdu pdu = Decoding.decodeAll(ele("4.1-server-license-request.hex"), LicensePdu::decode);
        ServerLicenseRequest request = (ServerLicenseRequest) pdu.message();
        ServerCertificate cert = Decoding.decodeAll(request.serverCertificate().data().toByteArray(), ServerCertificate::decode);
        assertThat(cert).isInstanceOfSatisfying(X509CertificateChain.class, chain -> {
            assertThat(chain.version()).isEqualTo(0x80000002); // CERT_CHAIN_VERSION_2, issued temporarily
            assertThat(chain.temporary()).isTrue();
            assertThat(chain.certificates()).hasSize(2);
            assertThat(chain.size()).isEqualTo(request.serverCertificate().data().length());
        });
        ServerPublicKey key = cert.publicKey();
        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.exponent()).isEqualTo(BigInteger.valueOf(65537));
        // the MS-RDPELE 4.2 answer to this request carries an EncryptedPreMasterSecret of 0x108 bytes
        ClientNewLicenseRequest answer = (ClientNewLicenseRequest) Decoding.decodeAll(
                ele("4.2-client-new-license-request.hex"), LicensePdu::decode).message();
        byte[] ours = key.encrypt(new byte[48]);
        assertThat(ours).hasSize(answer.encryptedPreMasterSecret().data().length()).hasSize(0x108);
    }

    /**
     * What the xrdp testbed peer sends (vectors/xrdp): a Server License Request with a version 2.0 preamble,
     * product "236" and a proprietary certificate whose 512-bit key has a 511-bit modulus, signed with the
     * Terminal Services key; the client answers with a Client New License Request encrypted for that key,
     * and xrdp's valid-client message (bbErrorInfo of type 0x1428, length 0) completes licensing.
     */
    @Test
    void xrdpsLicenseRequestIsAnsweredAndItsValidClientCompletes() {
        LicensePdu request = Decoding.decodeAll(HexVectors.load("/vectors/xrdp/license-request.hex"), LicensePdu::decodeSecured);
        assertThat(request.version()).isEqualTo(LicensePdu.PREAMBLE_VERSION_2_0);
        ServerLicenseRequest r = (ServerLicenseRequest) request.message();
        assertThat(r.productInfo().productId()).isEqualTo("236");
        ProprietaryServerCertificate cert = (ProprietaryServerCertificate) Decoding.decodeAll(
                r.serverCertificate().data().toByteArray(), ServerCertificate::decode);
        assertThat(cert.signatureValid()).isTrue();
        assertThat(cert.rsaKey().bitlen()).isEqualTo(512);
        assertThat(cert.publicKey().bits()).isEqualTo(511);

        RecordingEntropy entropy = new RecordingEntropy(99);
        LicenseClient client = new LicenseClient("xrdp-user", "porthole", LicensingSettings.of(entropy, LicenseClientTest.DEVICE_ID),
                new byte[0]);
        LicenseClient.Reply reply = (LicenseClient.Reply) client.onServerMessage(request);
        ClientNewLicenseRequest answer = (ClientNewLicenseRequest) reply.pdu().message();
        assertThat(answer.encryptedPreMasterSecret().data().toByteArray())
                .isEqualTo(cert.publicKey().encrypt(entropy.given(1))).hasSize(72);
        LicensePdu validClient = Decoding.decodeAll(HexVectors.load("/vectors/xrdp/license-valid-client.hex"), LicensePdu::decodeSecured);
        LicenseClient.Done done = (LicenseClient.Done) client.onServerMessage(validClient);
        assertThat(done.outcome().detail()).isEqualTo("valid client after a key exchange with the 511-bit RSA key of the "
                + "proprietary certificate");
    }

    /**
     * MS-RDPELE 4.5: the encrypted challenge response data and the encrypted hardware id, XORed with their
     * clear texts (annotated in the example), give the same key stream: each field is encrypted with a
     * fresh RC4 key schedule (5.1.3). The client's RC4 behaves the same way.
     */
    @Test
    void eachFieldIsEncryptedWithAFreshKeyStreamAsInMsRdpele45() {
        byte[] response = HexVectors.parse("00 01 00 01 03 00 0a 00 54 00 45 00 53 00 54 00 00 00");
        byte[] hwid = HexVectors.parse("02 00 00 00 f1 59 87 3e c9 d8 98 af 24 02 f8 f3 29 3a f0 26");
        byte[] encryptedResponse = HexVectors.parse("fa b4 e8 24 cf 56 b2 4e 80 02 bd b6 61 fc df e9 6c 44");
        byte[] encryptedHwid = HexVectors.parse("f8 b5 e8 25 3d 0f 3f 70 1d da 60 19 16 fe 73 1a 45 7e 02 71");
        byte[] stream1 = xor(response, encryptedResponse);
        byte[] stream2 = xor(hwid, encryptedHwid);
        assertThat(java.util.Arrays.copyOf(stream2, stream1.length)).isEqualTo(stream1);

        LicensingKeys keys = LicensingKeys.of(new byte[16], Bytes.ofHex("0123456789abcdeffedcba9876543210").toByteArray());
        byte[] ours1 = xor(response, keys.rc4(response));
        byte[] ours2 = xor(hwid, keys.rc4(hwid));
        assertThat(java.util.Arrays.copyOf(ours2, ours1.length)).isEqualTo(ours1);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
