package dev.porthole.rdp.protocol.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.license.TestLicenseServer.Certificate;
import dev.porthole.rdp.protocol.license.TestLicenseServer.Ending;
import dev.porthole.rdp.protocol.pdu.license.ClientHardwareId;
import dev.porthole.rdp.protocol.pdu.license.ClientLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.ClientNewLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.ServerPlatformChallenge;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The licensing client against {@link TestLicenseServer}, which checks everything the client sends. */
class LicenseClientTest {

    static final Bytes DEVICE_ID = Bytes.ofHex("00112233445566778899aabbccddeeff");
    static final ClientHardwareId HWID = new ClientHardwareId(LicensingSettings.DEFAULT_PLATFORM_ID, 0x33221100, 0x77665544,
            0xbbaa9988, 0xffeeddcc);

    /** The PDU as it crosses the wire: security header, preamble, message, and back. */
    static LicensePdu wire(LicensePdu pdu) {
        return Decoding.decodeAll(HexVectors.encode(pdu::encodeSecured), LicensePdu::decodeSecured);
    }

    /** Plays the whole dialogue; returns the client's last step. */
    static LicenseClient.Step run(LicenseClient client, TestLicenseServer server) {
        LicenseClient.Step step = client.onServerMessage(wire(server.licenseRequest()));
        while (step instanceof LicenseClient.Reply reply) {
            step = client.onServerMessage(wire(server.onClientMessage(wire(reply.pdu()))));
        }
        return step;
    }

    static LicenseClient client(RecordingEntropy entropy) {
        return new LicenseClient("alice", "porthole", LicensingSettings.of(entropy, DEVICE_ID), new byte[0]);
    }

    @ParameterizedTest
    @EnumSource(value = Certificate.class, names = {"PROPRIETARY", "X509_CHAIN"})
    void fullExchangeWithPlatformChallengeIssuesALicense(Certificate certificate) {
        RecordingEntropy entropy = new RecordingEntropy(7);
        LicenseClient client = client(entropy);
        TestLicenseServer server = new TestLicenseServer(certificate, Ending.CHALLENGE_THEN_LICENSE, 11);
        server.expecting("alice", "porthole", HWID, null);
        LicenseClient.Step step = client.onServerMessage(wire(server.licenseRequest()));
        assertThat(entropy.count()).isEqualTo(2);
        server.expecting("alice", "porthole", HWID, entropy.given(1));
        LicenseClient.Reply request = (LicenseClient.Reply) step;
        ClientNewLicenseRequest r = (ClientNewLicenseRequest) request.pdu().message();
        assertThat(r.clientRandom().toByteArray()).isEqualTo(entropy.given(0));
        assertThat(request.pdu().flags()).isEqualTo(0x83);
        assertThat(client.state()).isEqualTo(LicenseClient.State.AWAIT_CHALLENGE_OR_LICENSE);

        LicensePdu challenge = server.onClientMessage(wire(request.pdu()));
        assertThat(challenge.message()).isInstanceOf(ServerPlatformChallenge.class);
        LicenseClient.Reply response = (LicenseClient.Reply) client.onServerMessage(wire(challenge));
        assertThat(client.state()).isEqualTo(LicenseClient.State.AWAIT_LICENSE);
        LicenseClient.Done done = (LicenseClient.Done) client.onServerMessage(wire(server.onClientMessage(wire(response.pdu()))));

        assertThat(done.outcome().result()).isEqualTo(LicenseOutcome.Result.LICENSE_ISSUED);
        assertThat(done.outcome().license()).isEqualTo(server.license());
        assertThat(done.outcome().detail()).startsWith("new license issued by microsoft.com for Microsoft Corporation A02")
                .contains(certificate == Certificate.X509_CHAIN ? "2048-bit RSA key of the X.509 chain"
                        : "512-bit RSA key of the proprietary certificate");
        assertThat(server.checks()).contains("premaster secret", "user and machine names", "platform challenge echoed",
                "challenge response MAC", "hardware id");
        assertThat(client.state()).isEqualTo(LicenseClient.State.COMPLETED);
    }

    @Test
    void xrdpStyleValidClientAfterTheRequestCompletes() {
        LicenseClient client = client(new RecordingEntropy(1));
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 2)
                .expecting("alice", "porthole", HWID, null);
        LicenseClient.Done done = (LicenseClient.Done) run(client, server);
        assertThat(done.outcome()).isEqualTo(new LicenseOutcome(LicenseOutcome.Result.VALID_CLIENT, null,
                "valid client after a key exchange with the 512-bit RSA key of the proprietary certificate"));
    }

    @Test
    void aLicenseWithoutChallengeAlsoCompletes() {
        LicenseClient client = client(new RecordingEntropy(3));
        LicenseClient.Done done = (LicenseClient.Done) run(client, new TestLicenseServer(Certificate.PROPRIETARY, Ending.LICENSE, 4));
        assertThat(done.outcome().result()).isEqualTo(LicenseOutcome.Result.LICENSE_ISSUED);
    }

    @Test
    void aStoredLicenseIsPresentedAndUpgraded() {
        Bytes stored = Bytes.ofHex("3082 0001 02 03 04 05");
        LicenseClient client = new LicenseClient("alice", "porthole",
                LicensingSettings.of(new RecordingEntropy(5), DEVICE_ID).withStoredLicense(stored), new byte[0]);
        TestLicenseServer server = new TestLicenseServer(Certificate.X509_CHAIN, Ending.CHALLENGE_THEN_LICENSE, 6)
                .expecting("alice", "porthole", HWID, null).expectingStoredLicense(stored);
        LicenseClient.Reply first = (LicenseClient.Reply) client.onServerMessage(wire(server.licenseRequest()));
        assertThat(first.pdu().message()).isInstanceOfSatisfying(ClientLicenseInfo.class, info -> {
            assertThat(info.licenseInfo()).isEqualTo(new LicenseBinaryBlob(LicenseBinaryBlob.BB_DATA_BLOB, stored));
            assertThat(info.encryptedHwid().data().length()).isEqualTo(ClientHardwareId.SIZE);
        });
        LicenseClient.Step step = client.onServerMessage(wire(server.onClientMessage(wire(first.pdu()))));
        step = client.onServerMessage(wire(server.onClientMessage(wire(((LicenseClient.Reply) step).pdu()))));
        LicenseOutcome outcome = ((LicenseClient.Done) step).outcome();
        assertThat(outcome.result()).isEqualTo(LicenseOutcome.Result.LICENSE_UPGRADED);
        assertThat(outcome.detail()).startsWith("license upgraded by microsoft.com");
        assertThat(server.checks()).contains("license info MAC", "hardware id", "challenge response MAC");
    }

    @Test
    void withoutACertificateInTheRequestTheServerSecurityDataCertificateIsUsed() {
        TestLicenseServer server = new TestLicenseServer(Certificate.NONE, Ending.CHALLENGE_THEN_LICENSE, 8);
        LicenseClient client = new LicenseClient("alice", "porthole", LicensingSettings.of(new RecordingEntropy(9), DEVICE_ID),
                server.proprietaryCertificateBytes());
        LicenseClient.Done done = (LicenseClient.Done) run(client, server);
        assertThat(done.outcome().detail()).contains("proprietary certificate of the Server Security Data");
    }

    @Test
    void withoutAnyCertificateTheExchangeIsUnsupported() {
        LicenseClient client = client(new RecordingEntropy(9));
        TestLicenseServer server = new TestLicenseServer(Certificate.NONE, Ending.VALID_CLIENT, 8);
        assertThatThrownBy(() -> client.onServerMessage(wire(server.licenseRequest())))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                .hasMessageContaining("SERVER_LICENSE_REQUEST.ServerCertificate")
                .hasMessageContaining("Server Security Data holds none");
        assertThat(client.state()).isEqualTo(LicenseClient.State.FAILED);
    }

    @Test
    void aBadlySignedProprietaryCertificateIsAnsweredWithInvalidServerCertificate() {
        LicenseClient client = client(new RecordingEntropy(10));
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY_BADLY_SIGNED, Ending.VALID_CLIENT, 8);
        LicenseClient.Abort abort = (LicenseClient.Abort) client.onServerMessage(wire(server.licenseRequest()));
        assertThat(abort.pdu().message()).isEqualTo(new LicenseErrorMessage(LicenseErrorMessage.ERR_INVALID_SERVER_CERTIFICATE,
                LicenseErrorMessage.ST_TOTAL_ABORT, LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB)));
        assertThat(abort.error().kind()).isEqualTo(RdpException.Kind.TRUST);
        assertThat(abort.error()).hasMessageContaining("signature does not verify");
        assertThat(client.state()).isEqualTo(LicenseClient.State.FAILED);
    }

    @Test
    void aKeyTooSmallForTheExchangeIsAnsweredWithInvalidServerCertificate() {
        java.math.BigInteger n = java.math.BigInteger.ONE.shiftLeft(255).add(java.math.BigInteger.valueOf(9));
        ProprietaryServerCertificate tiny = TestLicenseServer.sign(RsaPublicKey.of(n, 65537, 256), false);
        assertThat(tiny.signatureValid()).isTrue();
        LicensePdu request = TestLicenseServer.withCertificate(
                new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 1).licenseRequest(), TestLicenseServer.encoded(tiny));
        LicenseClient.Abort abort = (LicenseClient.Abort) client(new RecordingEntropy(1)).onServerMessage(wire(request));
        assertThat(((LicenseErrorMessage) abort.pdu().message()).errorCode())
                .isEqualTo(LicenseErrorMessage.ERR_INVALID_SERVER_CERTIFICATE);
        assertThat(abort.error().kind()).isEqualTo(RdpException.Kind.UNSUPPORTED);
        assertThat(abort.error()).hasMessageContaining("modulus: 256 bits in 32 bytes is outside 512..8192-bit keys");
    }

    @Test
    void aMalformedCertificateIsAnsweredWithInvalidServerCertificateNamingTheField() {
        LicensePdu request = TestLicenseServer.withCertificate(
                new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 1).licenseRequest(),
                Bytes.ofHex("02000000 05000000 ffff0000"));
        LicenseClient.Abort abort = (LicenseClient.Abort) client(new RecordingEntropy(1)).onServerMessage(wire(request));
        assertThat(abort.error().kind()).isEqualTo(RdpException.Kind.MALFORMED);
        assertThat(abort.error()).hasMessageContaining("X509_CERTIFICATE_CHAIN.CertBlobArray[0].cbCert");
    }

    @Test
    void aChallengeWithABadMacIsAnsweredWithInvalidMac() {
        LicenseClient client = client(new RecordingEntropy(12));
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY, Ending.CHALLENGE_THEN_LICENSE, 13)
                .corruptChallengeMac();
        LicenseClient.Abort abort = (LicenseClient.Abort) run(client, server);
        assertThat(((LicenseErrorMessage) abort.pdu().message()).errorCode()).isEqualTo(LicenseErrorMessage.ERR_INVALID_MAC);
        assertThat(abort.error().kind()).isEqualTo(RdpException.Kind.TRUST);
        assertThat(abort.error()).hasMessageStartingWith("SERVER_PLATFORM_CHALLENGE.MACData");
    }

    @Test
    void aLicenseWithABadMacIsAnsweredWithInvalidMac() {
        LicenseClient client = client(new RecordingEntropy(14));
        LicenseClient.Abort abort = (LicenseClient.Abort) run(client,
                new TestLicenseServer(Certificate.X509_CHAIN, Ending.CHALLENGE_THEN_LICENSE, 15).corruptLicenseMac());
        assertThat(abort.error()).hasMessageStartingWith("SERVER_NEW_LICENSE.MACData");
        assertThat(client.state()).isEqualTo(LicenseClient.State.FAILED);
    }

    static LicensePdu error(int code, int transition) {
        return new LicensePdu(3, new LicenseErrorMessage(code, transition, LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB)));
    }

    @Test
    void theValidClientShortCutNeedsNoEntropy() {
        LicenseClient client = new LicenseClient("", "porthole", LicensingSettings.NONE, new byte[0]);
        LicenseClient.Done done = (LicenseClient.Done) client.onServerMessage(wire(new LicensePdu(3, LicenseErrorMessage.VALID_CLIENT)));
        assertThat(done.outcome().detail()).isEqualTo("valid client");
    }

    @Test
    void aLicenseRequestWithoutEntropyFailsNamingWhatIsMissing() {
        LicenseClient client = new LicenseClient("", "porthole", LicensingSettings.NONE, new byte[0]);
        assertThatThrownBy(() -> client.onServerMessage(wire(new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 1)
                .licenseRequest())))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.ARGUMENT))
                .hasMessageContaining("LicensingSettings.entropy");
    }

    @Test
    void errorsWithTotalAbortFailWithTheErrorsName() {
        LicenseClient refused = client(new RecordingEntropy(1));
        assertThatThrownBy(() -> refused.onServerMessage(wire(error(LicenseErrorMessage.ERR_NO_LICENSE_SERVER,
                LicenseErrorMessage.ST_TOTAL_ABORT))))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageContaining("ERR_NO_LICENSE_SERVER").hasMessageContaining("ST_TOTAL_ABORT");
        LicenseClient broken = client(new RecordingEntropy(1));
        assertThatThrownBy(() -> broken.onServerMessage(wire(error(LicenseErrorMessage.ERR_INVALID_MAC,
                LicenseErrorMessage.ST_TOTAL_ABORT))))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                .hasMessageContaining("ERR_INVALID_MAC");
    }

    @Test
    void anErrorWithNoTransitionLetsTheConnectionGoOn() {
        LicenseClient.Done done = (LicenseClient.Done) client(new RecordingEntropy(1)).onServerMessage(wire(error(
                LicenseErrorMessage.ERR_INVALID_CLIENT, LicenseErrorMessage.ST_NO_TRANSITION)));
        assertThat(done.outcome().result()).isEqualTo(LicenseOutcome.Result.CONTINUED_AFTER_ERROR);
        assertThat(done.outcome().detail()).contains("ERR_INVALID_CLIENT with ST_NO_TRANSITION");
    }

    @Test
    void resendAndResetAreHonouredAFewTimes() {
        LicenseClient client = client(new RecordingEntropy(20));
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 21);
        LicenseClient.Reply first = (LicenseClient.Reply) client.onServerMessage(wire(server.licenseRequest()));
        LicenseClient.Reply again = (LicenseClient.Reply) client.onServerMessage(wire(error(LicenseErrorMessage.ERR_INVALID_MAC,
                LicenseErrorMessage.ST_RESEND_LAST_MESSAGE)));
        assertThat(again.pdu()).isEqualTo(first.pdu());
        assertThat(client.onServerMessage(wire(error(LicenseErrorMessage.ERR_INVALID_MAC, LicenseErrorMessage.ST_RESET_PHASE_TO_START))))
                .isInstanceOf(LicenseClient.Wait.class);
        assertThat(client.state()).isEqualTo(LicenseClient.State.AWAIT_LICENSE_REQUEST);
        LicenseClient.Reply fresh = (LicenseClient.Reply) client.onServerMessage(wire(server.licenseRequest()));
        assertThat(fresh.pdu()).isNotEqualTo(first.pdu()); // a new client random and premaster secret
        for (int i = 1; i < LicenseClient.MAX_REPEATS; i++) {
            client.onServerMessage(wire(error(LicenseErrorMessage.ERR_INVALID_MAC, LicenseErrorMessage.ST_RESET_PHASE_TO_START)));
            client.onServerMessage(wire(server.licenseRequest()));
        }
        assertThatThrownBy(() -> client.onServerMessage(wire(error(LicenseErrorMessage.ERR_INVALID_MAC,
                LicenseErrorMessage.ST_RESET_PHASE_TO_START))))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE))
                .hasMessageContaining("ST_RESET_PHASE_TO_START more than 3 times");
    }

    @Test
    void messagesOutOfSequenceAreStateErrors() {
        TestLicenseServer server = new TestLicenseServer(Certificate.PROPRIETARY, Ending.CHALLENGE_THEN_LICENSE, 30);
        LicenseClient early = client(new RecordingEntropy(31));
        LicensePdu challenge = new LicensePdu(3, new ServerPlatformChallenge(0,
                new LicenseBinaryBlob(0, Bytes.ofHex("0102")), Bytes.zeros(16)));
        assertThatThrownBy(() -> early.onServerMessage(challenge))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE))
                .hasMessageContaining("ServerPlatformChallenge out of sequence in state AWAIT_LICENSE_REQUEST");

        LicenseClient twice = client(new RecordingEntropy(31));
        twice.onServerMessage(wire(server.licenseRequest()));
        assertThatThrownBy(() -> twice.onServerMessage(wire(server.licenseRequest())))
                .hasMessageContaining("ServerLicenseRequest out of sequence");

        LicenseClient done = client(new RecordingEntropy(31));
        done.onServerMessage(wire(new LicensePdu(3, LicenseErrorMessage.VALID_CLIENT)));
        assertThatThrownBy(() -> done.onServerMessage(wire(server.licenseRequest())))
                .hasMessageContaining("after licensing was completed");

        LicenseClient confused = client(new RecordingEntropy(31));
        LicensePdu clientMessage = Decoding.decodeAll(HexVectors.load("/vectors/ms-rdpele/4.2-client-new-license-request.hex"),
                LicensePdu::decode);
        assertThatThrownBy(() -> confused.onServerMessage(clientMessage))
                .hasMessageContaining("ClientNewLicenseRequest, a message only clients send");
    }

    @Test
    void secretsStayOutOfToString() {
        RecordingEntropy entropy = new RecordingEntropy(40);
        LicenseClient client = client(entropy);
        client.onServerMessage(wire(new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 41).licenseRequest()));
        LicensingKeys keys = LicensingKeys.derive(entropy.given(1), entropy.given(0), new byte[32]);
        for (String text : List.of(client.toString(), keys.toString(), LicensingSettings.of(entropy, DEVICE_ID).toString())) {
            assertThat(text).doesNotContain(Bytes.of(keys.licensingEncryptionKey()).toHex())
                    .doesNotContain(Bytes.of(entropy.given(1)).toHex().substring(0, 16))
                    .doesNotContain(DEVICE_ID.toHex());
        }
        assertThat(keys.toString()).isEqualTo("LicensingKeys[***]");
    }

    @Test
    void namesOutsideLatin1AreSentAsQuestionMarks() {
        RecordingEntropy entropy = new RecordingEntropy(50);
        LicenseClient client = new LicenseClient("Zoë Ωmega", "π-box", LicensingSettings.of(entropy, DEVICE_ID), new byte[0]);
        LicenseClient.Reply reply = (LicenseClient.Reply) client.onServerMessage(
                wire(new TestLicenseServer(Certificate.PROPRIETARY, Ending.VALID_CLIENT, 51).licenseRequest()));
        ClientNewLicenseRequest r = (ClientNewLicenseRequest) reply.pdu().message();
        assertThat(r.clientUserName().ansiText()).isEqualTo("Zoë ?mega");
        assertThat(r.clientMachineName().ansiText()).isEqualTo("?-box");
    }
}
