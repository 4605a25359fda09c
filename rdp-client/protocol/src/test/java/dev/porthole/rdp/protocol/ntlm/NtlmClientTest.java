package dev.porthole.rdp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import dev.porthole.rdp.protocol.RdpException;
import org.junit.jupiter.api.Test;

/** NtlmClient against the independent in-test acceptor: every value the server checks, and the failure paths. */
class NtlmClientTest {

    static final byte[] SERVER_CHALLENGE = HexFormat.of().parseHex("0123456789abcdef");
    static final long SERVER_TIME = 0x01d9_0000_1234_5678L;
    static final byte[] BINDINGS = ChannelBindings.gssChannelBindings("tls-server-end-point:0123".getBytes(StandardCharsets.US_ASCII));
    static final String SPN = "TERMSRV/testsrv.example";

    static EntropySource seeded(long seed) {
        Random r = new Random(seed);
        return r::nextBytes;
    }

    static NtlmClient client(String password) {
        return new NtlmClient("alice", "TESTDOM", password.toCharArray(),
                NtlmClient.Options.defaults().withChannelBindings(BINDINGS).withTargetName(SPN).withWorkstation("KIOSK1"), seeded(7));
    }

    static NtlmTestAcceptor acceptor(Long timestamp) {
        return new NtlmTestAcceptor("alice", "TESTDOM", "S3cret!", SERVER_CHALLENGE, timestamp, ChannelBindings.hash(BINDINGS), SPN);
    }

    @Test
    void rightPasswordIsAcceptedAndBothDirectionsSeal() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(SERVER_TIME);
        byte[] auth = client.authenticate(server.challenge(client.negotiate()), 0);
        assertThat(server.accept(auth)).as("%s", server.notes()).isEqualTo(NtlmTestAcceptor.Verdict.OK);
        assertThat(client.state()).isEqualTo(NtlmClient.State.AUTHENTICATED);

        NtlmSession session = client.session();
        for (int i = 0; i < 3; i++) {
            byte[] up = ("client message " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(server.unsealFromClient(session.seal(up))).isEqualTo(up);
            byte[] down = ("server message " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(session.unseal(server.sealToClient(down))).isEqualTo(down);
        }
    }

    @Test
    void authenticateMessageFollowsTheTimestampRules() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(SERVER_TIME);
        AuthenticateMessage a = NtlmTestAcceptor.decode(client.authenticate(server.challenge(client.negotiate()), 42),
                AuthenticateMessage::decode);
        assertThat(a.lmChallengeResponse()).isEqualTo(new byte[24]);
        assertThat(a.mic()).isNotNull().isNotEqualTo(new byte[16]);
        assertThat(a.userName()).isEqualTo("alice");
        assertThat(a.domainName()).isEqualTo("TESTDOM");
        assertThat(a.workstation()).isEqualTo("KIOSK1");
        assertThat(a.version()).isEqualTo(NtlmVersion.PORTHOLE);
        assertThat(a.encryptedRandomSessionKey()).hasSize(16);
        assertThat(a.negotiateFlags() & NtlmClient.REQUIRED_FLAGS).isEqualTo(NtlmClient.REQUIRED_FLAGS);
    }

    @Test
    void withoutServerTimestampTheCallersTimeIsUsedAndThereIsNoMic() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(null);
        byte[] auth = client.authenticate(server.challenge(client.negotiate()), SERVER_TIME + 99);
        assertThat(server.accept(auth)).as("%s", server.notes()).isEqualTo(NtlmTestAcceptor.Verdict.OK);
        AuthenticateMessage a = NtlmTestAcceptor.decode(auth, AuthenticateMessage::decode);
        assertThat(a.mic()).isNull();
        assertThat(a.lmChallengeResponse()).isNotEqualTo(new byte[24]).hasSize(24);
        long time = java.nio.ByteBuffer.wrap(a.ntChallengeResponse(), 24, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(time).isEqualTo(SERVER_TIME + 99);
    }

    @Test
    void wrongPasswordIsRejectedByTheServer() {
        NtlmClient client = client("wrong");
        NtlmTestAcceptor server = acceptor(SERVER_TIME);
        byte[] auth = client.authenticate(server.challenge(client.negotiate()), 0);
        assertThat(server.accept(auth)).isEqualTo(NtlmTestAcceptor.Verdict.WRONG_PASSWORD);
    }

    @Test
    void micCoversTheChallengeTheClientSaw() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(SERVER_TIME);
        byte[] challenge = server.challenge(client.negotiate());
        byte[] tampered = challenge.clone();
        tampered[56] ^= 0x20; // TargetName "TESTSRV" -> "tESTSRV": nothing the client computes with changes
        byte[] auth = client.authenticate(tampered, 0);
        assertThat(server.accept(auth)).isEqualTo(NtlmTestAcceptor.Verdict.BAD_MIC);
    }

    @Test
    void channelBindingsOfAnotherCertificateAreRejected() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = new NtlmTestAcceptor("alice", "TESTDOM", "S3cret!", SERVER_CHALLENGE, SERVER_TIME,
                ChannelBindings.hash(ChannelBindings.gssChannelBindings("tls-server-end-point:9999".getBytes(StandardCharsets.US_ASCII))), SPN);
        assertThat(server.accept(client.authenticate(server.challenge(client.negotiate()), 0)))
                .isEqualTo(NtlmTestAcceptor.Verdict.BAD_CHANNEL_BINDINGS);
    }

    @Test
    void withoutChannelBindingsTheHashIsAllZero() {
        NtlmClient client = new NtlmClient("alice", "TESTDOM", "S3cret!".toCharArray(), NtlmClient.Options.defaults(), seeded(1));
        NtlmTestAcceptor server = new NtlmTestAcceptor("alice", "TESTDOM", "S3cret!", SERVER_CHALLENGE, SERVER_TIME, new byte[16], "");
        assertThat(server.accept(client.authenticate(server.challenge(client.negotiate()), 0))).isEqualTo(NtlmTestAcceptor.Verdict.OK);
    }

    @Test
    void sameEntropySameBytes() {
        byte[] a = run(seeded(3));
        byte[] b = run(seeded(3));
        byte[] c = run(seeded(4));
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    private static byte[] run(EntropySource entropy) {
        NtlmClient client = new NtlmClient("alice", "TESTDOM", "S3cret!".toCharArray(), NtlmClient.Options.defaults(), entropy);
        return client.authenticate(acceptor(SERVER_TIME).challenge(client.negotiate()), 0);
    }

    @Test
    void serverThatRefusesSealingIsRefused() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(SERVER_TIME).withServerFlags(NtlmTestAcceptor.SERVER_FLAGS & ~NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL);
        byte[] challenge = server.challenge(client.negotiate());
        assertThatThrownBy(() -> client.authenticate(challenge, 0))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                .hasMessageContaining("NegotiateFlags").hasMessageContaining("SEAL");
        assertThat(client.state()).isEqualTo(NtlmClient.State.FAILED);
    }

    @Test
    void challengeWithoutNetbiosNamesFailsAuthentication() {
        NtlmClient client = client("S3cret!");
        client.negotiate();
        ChallengeMessage bare = new ChallengeMessage(NtlmTestAcceptor.SERVER_FLAGS, SERVER_CHALLENGE, "X",
                new AvPairs(java.util.List.of(AvPair.timestamp(1))), new NtlmVersion(10, 0, 1, 15));
        byte[] bytes = dev.porthole.rdp.protocol.HexVectors.encode(bare::encode);
        assertThatThrownBy(() -> client.authenticate(bytes, 0))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageContaining("MsvAvNbComputerName");
    }

    @Test
    void malformedChallengeIsMalformedAndEndsTheClient() {
        NtlmClient client = client("S3cret!");
        client.negotiate();
        assertThatThrownBy(() -> client.authenticate("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), 0))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED));
        assertThatThrownBy(() -> client.authenticate(new byte[0], 0))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE));
    }

    @Test
    void callsOutOfOrderAreStateErrors() {
        NtlmClient client = client("S3cret!");
        assertThatThrownBy(() -> client.authenticate(new byte[0], 0)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE));
        assertThatThrownBy(client::session).hasMessageContaining("INITIAL");
        client.negotiate();
        assertThatThrownBy(client::negotiate).hasMessageContaining("NEGOTIATE_SENT");
    }

    @Test
    void nothingSecretInToString() {
        NtlmClient client = client("S3cret!");
        NtlmTestAcceptor server = acceptor(SERVER_TIME);
        client.authenticate(server.challenge(client.negotiate()), 0);
        assertThat(client.toString()).contains("alice").doesNotContain("S3cret!");
        assertThat(NtlmClient.Options.defaults().withChannelBindings(BINDINGS).toString()).doesNotContain("0123");
    }

    @Test
    void negotiateMessageAsksForWhatTheClientNeeds() {
        byte[] bytes = client("x").negotiate();
        NegotiateMessage n = NtlmTestAcceptor.decode(bytes, NegotiateMessage::decode);
        assertThat(n.negotiateFlags()).isEqualTo(NtlmClient.CLIENT_FLAGS);
        assertThat(n.domainName()).isNull();
        assertThat(n.workstationName()).isNull();
        assertThat(n.version()).isEqualTo(NtlmVersion.PORTHOLE);
        assertThat(bytes).hasSize(40);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII));
    }
}
