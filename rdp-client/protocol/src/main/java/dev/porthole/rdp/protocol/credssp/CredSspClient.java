package dev.porthole.rdp.protocol.credssp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.ntlm.EntropySource;
import dev.porthole.rdp.protocol.ntlm.NtlmClient;
import dev.porthole.rdp.protocol.ntlm.NtlmSession;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * A sans-I/O CredSSP client (MS-CSSP 3.1.5) over NTLMv2, for RDP Network Level Authentication
 * (MS-RDPBCGR 5.4.5.2). The caller moves bytes between this object and the TLS connection:
 * <pre>
 * send(client.start());
 * Step step;
 * do { step = client.onServerMessage(nextMessage(step.expect())); send(step.send()); } while (!step.done());
 * </pre>
 * The exchange: NEGOTIATE_MESSAGE → CHALLENGE_MESSAGE → AUTHENTICATE_MESSAGE with pubKeyAuth →
 * the server's pubKeyAuth, verified → sealed TSCredentials → with PROTOCOL_HYBRID_EX, the Early
 * User Authorization Result PDU (MS-RDPBCGR 2.2.10.2).
 *
 * <p>Version: this client speaks version {@value #VERSION} and uses min(6, server's version) for
 * the public-key binding: from version 5 a SHA-256 hash over a magic string, the 32-byte client
 * nonce and the SubjectPublicKey; below 5 the sealed SubjectPublicKey, which the server answers
 * with its first byte incremented.
 *
 * <p>Failures throw {@link RdpException} and leave the client {@link State#FAILED}: the server's
 * errorCode becomes the matching {@link NtStatus} message (AUTHENTICATION for rejected
 * credentials), a pubKeyAuth that does not prove the TLS key is TRUST, bad bytes are MALFORMED.
 * The password is wiped once the credentials are sealed or the exchange fails.
 */
public final class CredSspClient {

    static final String PDU = "CredSSP client";
    /** The highest CredSSP version this client speaks. */
    public static final int VERSION = 6;
    static final byte[] CLIENT_SERVER_MAGIC = "CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_CLIENT_MAGIC = "CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII);

    /** Where the exchange is. */
    public enum State {
        /** {@link #start()} not yet called. */
        INITIAL,
        /** NTLM NEGOTIATE_MESSAGE sent; waiting for the CHALLENGE_MESSAGE. */
        NEGOTIATE_SENT,
        /** AUTHENTICATE_MESSAGE and pubKeyAuth sent; waiting for the server's pubKeyAuth. */
        PUBLIC_KEY_SENT,
        /** Credentials sent under PROTOCOL_HYBRID_EX; waiting for the Early User Authorization Result PDU. */
        AWAITING_AUTHORIZATION,
        /** CredSSP completed; the RDP connection sequence continues on the TLS connection. */
        DONE,
        /** The exchange failed; see the exception that was thrown. */
        FAILED
    }

    /** What the caller must read from the connection next. */
    public enum Expect {
        /** One DER TSRequest (frame with {@link TsRequest#peekLength}). */
        TS_REQUEST,
        /** The 4-byte Early User Authorization Result PDU. */
        EARLY_USER_AUTHORIZATION_RESULT,
        /** Nothing: CredSSP is done. */
        NOTHING
    }

    /**
     * The outcome of one server message.
     *
     * @param send   bytes to write to the TLS connection, or {@code null} for none
     * @param expect what to read next
     */
    public record Step(byte[] send, Expect expect) {

        public boolean done() {
            return expect == Expect.NOTHING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && Arrays.equals(s.send, send) && s.expect == expect;
        }

        @Override
        public int hashCode() {
            return expect.hashCode();
        }

        @Override
        public String toString() {
            return "Step[send=" + (send == null ? "nothing" : send.length + " bytes") + ", expect=" + expect + "]";
        }
    }

    private final PasswordCredentials credentials;
    private final TlsBinding server;
    private final boolean hybridEx;
    private final EntropySource entropy;
    private final long fileTime;
    private final NtlmClient ntlm;
    private State state = State.INITIAL;
    private int negotiatedVersion;
    private byte[] clientNonce;

    /**
     * @param credentials      copied; the caller may wipe its own
     * @param server           the TLS server's public key (and certificate channel bindings)
     * @param selectedProtocol RDP_NEG_RSP.selectedProtocol: PROTOCOL_HYBRID or PROTOCOL_HYBRID_EX
     * @param serverHost       the host name the user asked for, for the SPN {@code TERMSRV/host}; or {@code null}
     * @param entropy          randomness for NTLM and the client nonce
     * @param fileTime         the current time as FILETIME, used only if the server sends no timestamp
     */
    public CredSspClient(PasswordCredentials credentials, TlsBinding server, int selectedProtocol, String serverHost,
                         EntropySource entropy, long fileTime) {
        Objects.requireNonNull(credentials, "credentials");
        this.server = Objects.requireNonNull(server, "server");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        this.fileTime = fileTime;
        if (selectedProtocol != SecurityProtocols.PROTOCOL_HYBRID && selectedProtocol != SecurityProtocols.PROTOCOL_HYBRID_EX) {
            throw RdpException.argument(PDU, "selectedProtocol", SecurityProtocols.describe(selectedProtocol)
                    + " is not CredSSP (HYBRID or HYBRID_EX)");
        }
        this.hybridEx = selectedProtocol == SecurityProtocols.PROTOCOL_HYBRID_EX;
        this.credentials = credentials.copy();
        char[] password = credentials.password();
        try {
            NtlmClient.Options options = NtlmClient.Options.defaults().withChannelBindings(server.channelBindings())
                    .withTargetName(serverHost == null ? null : "TERMSRV/" + serverHost);
            this.ntlm = new NtlmClient(credentials.user(), credentials.domain(), password, options, entropy);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public State state() {
        return state;
    }

    /** min(6, server version) once the server has answered, 0 before. */
    public int negotiatedVersion() {
        return negotiatedVersion;
    }

    /** The first TSRequest: version 6 and the NTLM NEGOTIATE_MESSAGE. Reply to read: {@link Expect#TS_REQUEST}. */
    public byte[] start() {
        requireState(State.INITIAL, "start");
        return guarded(() -> {
            byte[] out = TsRequest.ofNegoToken(VERSION, ntlm.negotiate()).toDer();
            state = State.NEGOTIATE_SENT;
            return out;
        });
    }

    /**
     * Processes one message from the server: a TSRequest's DER bytes, or in
     * {@link State#AWAITING_AUTHORIZATION} the 4-byte Early User Authorization Result PDU.
     */
    public Step onServerMessage(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (state != State.NEGOTIATE_SENT && state != State.PUBLIC_KEY_SENT && state != State.AWAITING_AUTHORIZATION) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ".onServerMessage: no server message is expected in state " + state);
        }
        return guarded(() -> switch (state) {
            case NEGOTIATE_SENT -> onChallenge(decode(message));
            case PUBLIC_KEY_SENT -> onPublicKeyAuth(decode(message));
            default -> onAuthorizationResult(message);
        });
    }

    private Step onChallenge(TsRequest request) {
        failOnErrorCode(request);
        if (request.version() < 2) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, TsRequest.PDU + ".version: the server speaks CredSSP version "
                    + request.version() + ", this client needs 2 or later");
        }
        negotiatedVersion = Math.min(VERSION, request.version());
        List<byte[]> tokens = request.negoTokens();
        if (tokens.isEmpty()) {
            throw RdpException.malformed(TsRequest.PDU, "negoTokens", "missing (expected the NTLM CHALLENGE_MESSAGE)");
        }
        byte[] authenticate = ntlm.authenticate(tokens.get(0), fileTime);
        NtlmSession session = ntlm.session();
        byte[] pubKeyAuth;
        if (negotiatedVersion >= 5) {
            clientNonce = new byte[TsRequest.NONCE_SIZE];
            entropy.nextBytes(clientNonce);
            pubKeyAuth = session.seal(bindingHash(CLIENT_SERVER_MAGIC, clientNonce, server.subjectPublicKey()));
        } else {
            pubKeyAuth = session.seal(server.subjectPublicKey());
        }
        state = State.PUBLIC_KEY_SENT;
        return new Step(new TsRequest(VERSION, List.of(authenticate), null, pubKeyAuth, null, clientNonce).toDer(), Expect.TS_REQUEST);
    }

    private Step onPublicKeyAuth(TsRequest request) {
        failOnErrorCode(request);
        byte[] sealed = request.pubKeyAuth();
        if (sealed == null) {
            throw RdpException.malformed(TsRequest.PDU, "pubKeyAuth", "missing from the server's reply to the AUTHENTICATE_MESSAGE");
        }
        NtlmSession session = ntlm.session();
        byte[] proof;
        try {
            proof = session.unseal(sealed);
        } catch (RdpException e) {
            throw new RdpException(RdpException.Kind.TRUST, TsRequest.PDU
                    + ".pubKeyAuth: the server's answer is not sealed with this session's keys (" + e.getMessage() + ")", e);
        }
        byte[] expected;
        byte[] spk = server.subjectPublicKey();
        if (negotiatedVersion >= 5) {
            expected = bindingHash(SERVER_CLIENT_MAGIC, clientNonce, spk);
        } else {
            expected = spk.clone();
            expected[0]++;
        }
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, proof)) {
            throw new RdpException(RdpException.Kind.TRUST, TsRequest.PDU + ".pubKeyAuth: the server did not prove it holds the TLS "
                    + "certificate's key (version " + negotiatedVersion + " binding); a man-in-the-middle is possible, credentials withheld");
        }
        TsPasswordCreds creds = null;
        TsCredentials tsCredentials = null;
        byte[] plain = null;
        char[] password = credentials.password();
        try {
            creds = TsPasswordCreds.of(credentials.domain(), credentials.user(), password);
            tsCredentials = TsCredentials.password(creds);
            plain = tsCredentials.toDer();
            byte[] authInfo = session.seal(plain);
            byte[] out = new TsRequest(VERSION, List.of(), authInfo, null, null, null).toDer();
            credentials.wipe();
            state = hybridEx ? State.AWAITING_AUTHORIZATION : State.DONE;
            return new Step(out, hybridEx ? Expect.EARLY_USER_AUTHORIZATION_RESULT : Expect.NOTHING);
        } finally {
            Arrays.fill(password, '\0');
            if (creds != null) {
                creds.wipe();
            }
            if (tsCredentials != null) {
                tsCredentials.wipe();
            }
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private Step onAuthorizationResult(byte[] message) {
        if (message.length != EarlyUserAuthorizationResult.SIZE) {
            throw RdpException.malformed(EarlyUserAuthorizationResult.PDU, "length", "is " + message.length + " bytes, expected 4");
        }
        ByteBuf buf = Unpooled.wrappedBuffer(message);
        try {
            EarlyUserAuthorizationResult.decode(buf).requireSuccess();
        } finally {
            buf.release();
        }
        state = State.DONE;
        return new Step(null, Expect.NOTHING);
    }

    /**
     * The connection closed before CredSSP finished. Servers that do not report errorCode (CredSSP
     * version 2, FreeRDP) close the connection when they reject the AUTHENTICATE_MESSAGE, so a close
     * while waiting for the server's pubKeyAuth is reported as rejected credentials. The client
     * becomes {@link State#FAILED}; the caller throws (or reports) the returned exception.
     */
    public RdpException onTransportClosed() {
        State at = state;
        if (at == State.DONE) {
            return new RdpException(RdpException.Kind.TRANSPORT, PDU + ": the server closed the connection after CredSSP completed");
        }
        fail();
        return switch (at) {
            case PUBLIC_KEY_SENT -> new RdpException(RdpException.Kind.AUTHENTICATION, "the server rejected the user name or password"
                    + " (it closed the connection after the NTLM AUTHENTICATE_MESSAGE without a CredSSP errorCode;"
                    + " a TLS channel binding or public key mismatch ends the same way)");
            case AWAITING_AUTHORIZATION -> new RdpException(RdpException.Kind.AUTHENTICATION, "the server did not authorize this user"
                    + " (it closed the connection instead of sending the Early User Authorization Result PDU)");
            default -> new RdpException(RdpException.Kind.TRANSPORT, PDU + ": the server closed the connection during CredSSP (state " + at + ")");
        };
    }

    private static void failOnErrorCode(TsRequest request) {
        if (request.errorCode() != null) {
            throw NtStatus.toException(request.errorCode());
        }
    }

    /** SHA256(magic, nonce, SubjectPublicKey) of MS-CSSP 3.1.5 (version 5 and 6). */
    static byte[] bindingHash(byte[] magic, byte[] nonce, byte[] subjectPublicKey) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(magic, 0, magic.length);
        sha.update(nonce, 0, nonce.length);
        sha.update(subjectPublicKey, 0, subjectPublicKey.length);
        byte[] out = new byte[sha.getDigestSize()];
        sha.doFinal(out, 0);
        return out;
    }

    private static TsRequest decode(byte[] message) {
        ByteBuf buf = Unpooled.wrappedBuffer(message);
        try {
            TsRequest request = TsRequest.decode(buf);
            if (buf.isReadable()) {
                throw RdpException.malformed(TsRequest.PDU, "encoding", buf.readableBytes() + " bytes after the TSRequest");
            }
            return request;
        } finally {
            buf.release();
        }
    }

    private <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    private void fail() {
        state = State.FAILED;
        credentials.wipe();
        ntlm.destroy();
    }

    /** Wipes the password and keys; the client becomes {@link State#FAILED} unless it is {@link State#DONE}. */
    public void destroy() {
        credentials.wipe();
        ntlm.destroy();
        if (state != State.DONE) {
            state = State.FAILED;
        }
    }

    private void requireState(State expected, String call) {
        if (state != expected) {
            throw new RdpException(RdpException.Kind.STATE, PDU + "." + call + ": called in state " + state + ", needs " + expected);
        }
    }

    @Override
    public String toString() {
        return "CredSspClient[" + credentials + ", state=" + state + ", version=" + negotiatedVersion
                + (hybridEx ? ", HYBRID_EX" : ", HYBRID") + "]";
    }
}
