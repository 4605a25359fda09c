package dev.porthole.rdp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.ntlm.EntropySource;
import dev.porthole.rdp.protocol.ntlm.NtlmTestAcceptor;
import dev.porthole.rdp.protocol.ntlm.TestCertificates;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CredSspClient against the in-test CredSSP/NTLM acceptor, for every CredSSP version and failure. */
class CredSspExchangeTest {

    static final byte[] CERT = TestCertificates.selfSigned(TestCertificates.rsaKey(), "SHA256withRSA", "rdp.example");
    static final byte[] OTHER_CERT = TestCertificates.selfSigned(TestCertificates.ecKey(), "SHA256withECDSA", "mitm.example");
    static final long SERVER_TIME = 0x01da_1234_5678_9abcL;

    static EntropySource entropy() {
        Random r = new Random(11);
        return r::nextBytes;
    }

    static CredSspClient client(String password, int protocol) {
        return client(password, protocol, CERT);
    }

    static CredSspClient client(String password, int protocol, byte[] cert) {
        return new CredSspClient(new PasswordCredentials("alice", "TESTDOM", password.toCharArray()), TlsBinding.ofCertificate(cert),
                protocol, "rdp.example", entropy(), 0);
    }

    static CredSspTestAcceptor server(int version) {
        return new CredSspTestAcceptor(version, "alice", "TESTDOM", "S3cret!", CERT, SERVER_TIME, "TERMSRV/rdp.example");
    }

    /** Runs the exchange until the client is done or the server stops answering; returns the last step. */
    static CredSspClient.Step run(CredSspClient client, CredSspTestAcceptor server) {
        byte[] toServer = client.start();
        CredSspClient.Step step = null;
        while (toServer != null) {
            byte[] reply = server.handle(toServer);
            if (reply == null) {
                break;
            }
            step = client.onServerMessage(reply);
            toServer = step.send();
        }
        return step;
    }

    @ParameterizedTest(name = "server version {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void rightPasswordDelegatesTheCredentials(int serverVersion) {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        CredSspTestAcceptor server = server(serverVersion);
        CredSspClient.Step last = run(client, server);
        assertThat(server.verdict()).as("%s", server.notes()).isEqualTo(NtlmTestAcceptor.Verdict.OK);
        assertThat(last.done()).isTrue();
        assertThat(client.state()).isEqualTo(CredSspClient.State.DONE);
        assertThat(client.negotiatedVersion()).isEqualTo(Math.min(6, serverVersion));
        assertThat(server.received().userName()).isEqualTo("alice");
        assertThat(server.received().domainName()).isEqualTo("TESTDOM");
        assertThat(server.received().passwordEquals("S3cret!".toCharArray())).isTrue();
    }

    @ParameterizedTest(name = "server version {0}")
    @ValueSource(ints = {3, 4, 5, 6})
    void wrongPasswordIsAnAuthenticationErrorWithAHumanMessage(int serverVersion) {
        CredSspClient client = client("guess", SecurityProtocols.PROTOCOL_HYBRID);
        CredSspTestAcceptor server = server(serverVersion);
        assertThatThrownBy(() -> run(client, server))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageStartingWith("the server rejected the user name or password")
                .hasMessageContaining("STATUS_LOGON_FAILURE (0xC000006D)")
                .hasMessageNotContaining("guess");
        assertThat(server.verdict()).isEqualTo(NtlmTestAcceptor.Verdict.WRONG_PASSWORD);
        assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
    }

    @Test
    void versionTwoServerSimplyClosesOnAWrongPassword() {
        CredSspTestAcceptor server = server(2);
        assertThatThrownBy(() -> run(client("guess", SecurityProtocols.PROTOCOL_HYBRID), server))
                .isInstanceOf(CredSspTestAcceptor.Closed.class);
        assertThat(server.verdict()).isEqualTo(NtlmTestAcceptor.Verdict.WRONG_PASSWORD);
    }

    @ParameterizedTest(name = "server version {0}")
    @ValueSource(ints = {4, 6})
    void aServerWithAnotherKeyRejectsTheClientsBinding(int serverVersion) {
        // The client saw OTHER_CERT in its TLS handshake (a man-in-the-middle's); the real server holds CERT.
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID, OTHER_CERT);
        CredSspTestAcceptor server = new CredSspTestAcceptor(serverVersion, "alice", "TESTDOM", "S3cret!", CERT, SERVER_TIME,
                "TERMSRV/rdp.example");
        assertThatThrownBy(() -> run(client, server)).isInstanceOf(RdpException.class);
        // Channel bindings catch it first (NTLM level); the pubKeyAuth would too.
        assertThat(server.verdict()).isEqualTo(NtlmTestAcceptor.Verdict.BAD_CHANNEL_BINDINGS);
        assertThat(server.received()).isNull();
    }

    @Test
    void withoutChannelBindingsThePubKeyAuthStillCatchesAnotherKey() {
        CredSspClient client = new CredSspClient(new PasswordCredentials("alice", "TESTDOM", "S3cret!".toCharArray()),
                new TlsBinding(CredSspTestAcceptor.subjectPublicKeyViaJdk(OTHER_CERT), null), SecurityProtocols.PROTOCOL_HYBRID,
                "rdp.example", entropy(), 0);
        CredSspTestAcceptor lenient = new NoBindingAcceptor(6);
        assertThatThrownBy(() -> run(client, lenient)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION));
        assertThat(lenient.pubKeyProblem()).contains("does not match");
        assertThat(lenient.received()).isNull();
    }

    /** An acceptor whose NTLM side expects no channel bindings. */
    static final class NoBindingAcceptor extends CredSspTestAcceptor {
        NoBindingAcceptor(int version) {
            super(version, "alice", "TESTDOM", "S3cret!", CERT, SERVER_TIME, "TERMSRV/rdp.example", new byte[16]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = CredSspTestAcceptor.Tamper.class, names = {"ECHO_CLIENT_PUBKEYAUTH", "WRONG_HASH", "UNSEALED_GARBAGE"})
    void aServerThatCannotProveTheKeyGetsNoCredentials(CredSspTestAcceptor.Tamper tamper) {
        for (int version : new int[] {3, 6}) {
            CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
            CredSspTestAcceptor server = server(version).tamper(tamper);
            assertThatThrownBy(() -> run(client, server))
                    .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST))
                    .hasMessageContaining("pubKeyAuth");
            assertThat(server.received()).isNull();
            assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
        }
    }

    @Test
    void versionTwoServerClosingAfterTheAuthenticateMessageMeansRejectedCredentials() {
        CredSspClient client = client("guess", SecurityProtocols.PROTOCOL_HYBRID);
        CredSspTestAcceptor server = server(2);
        assertThatThrownBy(() -> run(client, server)).isInstanceOf(CredSspTestAcceptor.Closed.class);
        assertThat(client.state()).isEqualTo(CredSspClient.State.PUBLIC_KEY_SENT);
        RdpException e = client.onTransportClosed();
        assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).startsWith("the server rejected the user name or password");
        assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
    }

    @Test
    void closeBeforeTheChallengeIsATransportError() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        client.start();
        RdpException e = client.onTransportClosed();
        assertThat(e.kind()).isEqualTo(RdpException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains("NEGOTIATE_SENT");
        assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
    }

    @Test
    void closeInsteadOfTheAuthorizationResultIsAnAuthenticationError() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID_EX);
        run(client, server(6));
        assertThat(client.onTransportClosed().kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
    }

    @Test
    void hybridExWaitsForTheEarlyUserAuthorizationResult() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID_EX);
        CredSspTestAcceptor server = server(6);
        CredSspClient.Step last = run(client, server);
        assertThat(last.done()).isFalse();
        assertThat(last.expect()).isEqualTo(CredSspClient.Expect.EARLY_USER_AUTHORIZATION_RESULT);
        assertThat(client.state()).isEqualTo(CredSspClient.State.AWAITING_AUTHORIZATION);
        CredSspClient.Step done = client.onServerMessage(new byte[] {0, 0, 0, 0});
        assertThat(done.done()).isTrue();
        assertThat(done.send()).isNull();
        assertThat(client.state()).isEqualTo(CredSspClient.State.DONE);
    }

    @Test
    void hybridExAccessDeniedIsAnAuthenticationError() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID_EX);
        run(client, server(6));
        assertThatThrownBy(() -> client.onServerMessage(new byte[] {5, 0, 0, 0}))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageContaining("AUTHZ_ACCESS_DENIED");
        assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
    }

    @Test
    void hybridExRejectsAResultOfTheWrongSize() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID_EX);
        run(client, server(6));
        assertThatThrownBy(() -> client.onServerMessage(new byte[] {0, 0, 0}))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED));
    }

    @Test
    void serverErrorCodeInTheFirstReplyIsReported() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        client.start();
        byte[] reply = new TsRequest(6, java.util.List.of(), null, null, 0xC0000072, null).toDer();
        assertThatThrownBy(() -> client.onServerMessage(reply))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageStartingWith("the account is disabled");
    }

    @Test
    void versionOneServerIsUnsupported() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        client.start();
        byte[] reply = TsRequest.ofNegoToken(1, new byte[] {1}).toDer();
        assertThatThrownBy(() -> client.onServerMessage(reply))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                .hasMessageContaining("TSRequest.version");
    }

    @Test
    void replyWithoutNegoTokensIsMalformed() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        client.start();
        assertThatThrownBy(() -> client.onServerMessage(new TsRequest(6, java.util.List.of(), null, null, null, null).toDer()))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("TSRequest.negoTokens");
    }

    @Test
    void garbageFromTheServerIsMalformed() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        client.start();
        assertThatThrownBy(() -> client.onServerMessage(new byte[] {0x31, 0x00}))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED));
        assertThat(client.state()).isEqualTo(CredSspClient.State.FAILED);
    }

    @Test
    void stateRulesAndConstructorChecks() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        assertThatThrownBy(() -> client.onServerMessage(new byte[0])).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE));
        assertThat(client.state()).isEqualTo(CredSspClient.State.INITIAL);
        client.start();
        assertThatThrownBy(client::start).hasMessageContaining("NEGOTIATE_SENT");
        assertThatThrownBy(() -> client("x", SecurityProtocols.PROTOCOL_SSL))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.ARGUMENT))
                .hasMessageContaining("selectedProtocol");
    }

    @Test
    void noSecretInToStringOrMessages() {
        CredSspClient client = client("S3cret!", SecurityProtocols.PROTOCOL_HYBRID);
        assertThat(client.toString()).contains("alice").doesNotContain("S3cret!");
        assertThat(new PasswordCredentials("a", "", "S3cret!".toCharArray()).toString()).doesNotContain("S3cret!");
        assertThat(TsPasswordCreds.of("d", "u", "S3cret!".toCharArray()).toString()).doesNotContain("S3cret!").contains("redacted");
        CredSspTestAcceptor server = server(6);
        run(client, server);
        assertThat(client.toString()).doesNotContain("S3cret!");
    }

    @Test
    void callerCredentialsAreCopiedAndTheClientsCopyIsWipedWhenDone() throws Exception {
        char[] password = "S3cret!".toCharArray();
        PasswordCredentials creds = new PasswordCredentials("alice", "TESTDOM", password);
        java.util.Arrays.fill(password, '\0'); // the caller wipes its array right away
        CredSspClient client = new CredSspClient(creds, TlsBinding.ofCertificate(CERT), SecurityProtocols.PROTOCOL_HYBRID,
                "rdp.example", entropy(), 0);
        creds.wipe(); // and its credentials object
        CredSspTestAcceptor server = server(6);
        run(client, server);
        assertThat(server.received().passwordEquals("S3cret!".toCharArray())).isTrue();
        java.lang.reflect.Field f = CredSspClient.class.getDeclaredField("credentials");
        f.setAccessible(true);
        assertThat(((PasswordCredentials) f.get(client)).password()).containsOnly('\0');
    }

    @Test
    void parsesDomainBackslashUser() {
        PasswordCredentials c = PasswordCredentials.parse("CORP\\bob", "x".toCharArray());
        assertThat(c.domain()).isEqualTo("CORP");
        assertThat(c.user()).isEqualTo("bob");
        assertThat(PasswordCredentials.parse("bob", "x".toCharArray()).domain()).isEmpty();
    }
}
