package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.crypto.Primitives;

import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_128;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_56;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_REQUEST_TARGET;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLM_NEGOTIATE_OEM;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A sans-I/O NTLMv2 client (MS-NLMP 3.1, connection-oriented): {@link #negotiate()} gives the
 * NEGOTIATE_MESSAGE, {@link #authenticate(byte[], long)} turns the server's CHALLENGE_MESSAGE into
 * the AUTHENTICATE_MESSAGE (NTLMv2 response, key exchange, MIC, channel bindings, target name),
 * after which {@link #session()} seals and signs.
 *
 * <p>The password is reduced to NTOWFv2 in the constructor (the caller may wipe its array right
 * after) and that key is wiped once the AUTHENTICATE_MESSAGE is built or the exchange fails.
 * Randomness (ClientChallenge, ExportedSessionKey) comes from the {@link EntropySource}; time from
 * the caller, and only when the server sends no MsvAvTimestamp. Nothing secret appears in
 * {@link #toString()} or in an exception message.
 *
 * <p>Policy (3.1.5.1.2, "strong enough for the client"): the server must select Unicode, extended
 * session security, signing, sealing and 128-bit keys, and must send a TargetInfo with
 * MsvAvNbComputerName and MsvAvNbDomainName; otherwise authentication fails before any response
 * is computed.
 */
public final class NtlmClient {

    static final String PDU = "NTLM client";

    /** Flags this client asks for in the NEGOTIATE_MESSAGE (3.1.5.1.1 plus the session security it needs). */
    public static final int CLIENT_FLAGS = NTLMSSP_NEGOTIATE_UNICODE | NTLM_NEGOTIATE_OEM | NTLMSSP_REQUEST_TARGET
            | NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL | NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_ALWAYS_SIGN
            | NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NTLMSSP_NEGOTIATE_VERSION | NTLMSSP_NEGOTIATE_128
            | NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_56;

    /** Flags the server must select for this client to continue. */
    public static final int REQUIRED_FLAGS = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
            | NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL | NTLMSSP_NEGOTIATE_128;

    /** Where the exchange is. */
    public enum State {
        /** Nothing sent yet. */
        INITIAL,
        /** NEGOTIATE_MESSAGE produced; waiting for the CHALLENGE_MESSAGE. */
        NEGOTIATE_SENT,
        /** AUTHENTICATE_MESSAGE produced; {@link #session()} is ready. */
        AUTHENTICATED,
        /** The exchange failed; the client is unusable. */
        FAILED
    }

    /**
     * What the application supplies besides credentials (MS-NLMP 3.1.1.2).
     *
     * @param workstation     NbMachineName sent in the AUTHENTICATE_MESSAGE's Workstation ({@code ""} for none)
     * @param channelBindings ClientChannelBindingsUnhashed (see {@link ChannelBindings}), or {@code null} for none
     * @param targetName      ClientSuppliedTargetName, the SPN such as {@code TERMSRV/host}, or {@code null}
     * @param version         the VERSION this client reports
     */
    public record Options(String workstation, byte[] channelBindings, String targetName, NtlmVersion version) {

        public Options {
            Objects.requireNonNull(workstation, "workstation");
            Objects.requireNonNull(version, "version");
            channelBindings = channelBindings == null ? null : channelBindings.clone();
        }

        /** No workstation name, no channel bindings, no target name, {@link NtlmVersion#PORTHOLE}. */
        public static Options defaults() {
            return new Options("", null, null, NtlmVersion.PORTHOLE);
        }

        public Options withChannelBindings(byte[] unhashed) {
            return new Options(workstation, unhashed, targetName, version);
        }

        public Options withTargetName(String spn) {
            return new Options(workstation, channelBindings, spn, version);
        }

        public Options withWorkstation(String name) {
            return new Options(name == null ? "" : name, channelBindings, targetName, version);
        }

        @Override
        public byte[] channelBindings() {
            return channelBindings == null ? null : channelBindings.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && p.workstation.equals(workstation) && Arrays.equals(p.channelBindings, channelBindings)
                    && Objects.equals(p.targetName, targetName) && p.version.equals(version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(workstation, Arrays.hashCode(channelBindings), targetName, version);
        }

        @Override
        public String toString() {
            return "Options[workstation=" + workstation + ", channelBindings=" + (channelBindings == null ? "none" : "tls")
                    + ", targetName=" + targetName + ", version=" + version + "]";
        }
    }

    private final String user;
    private final String domain;
    private final Options options;
    private final EntropySource entropy;
    private byte[] responseKeyNT;
    private State state = State.INITIAL;
    private byte[] negotiateBytes;
    private int negotiatedFlags;
    private NtlmSession session;

    /**
     * @param user     the user name (User of 3.1.1.1)
     * @param domain   the user's domain (UserDom), {@code ""} for a local account
     * @param password the password; only read here (NTOWFv2), never retained
     */
    public NtlmClient(String user, String domain, char[] password, Options options, EntropySource entropy) {
        this.user = Objects.requireNonNull(user, "user");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.options = Objects.requireNonNull(options, "options");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        if (user.isEmpty()) {
            throw RdpException.argument(PDU, "user", "is empty (anonymous NTLM is not supported)");
        }
        this.responseKeyNT = Ntlmv2.ntowfV2(Objects.requireNonNull(password, "password"), user, domain);
    }

    public State state() {
        return state;
    }

    /** NegFlg as sent in the AUTHENTICATE_MESSAGE (0 before {@link #authenticate}). */
    public int negotiatedFlags() {
        return negotiatedFlags;
    }

    /** 3.1.5.1.1: the NEGOTIATE_MESSAGE (no DomainName or Workstation, Version set). */
    public byte[] negotiate() {
        requireState(State.INITIAL, "negotiate");
        negotiateBytes = toBytes(new NegotiateMessage(CLIENT_FLAGS, null, null, options.version()));
        state = State.NEGOTIATE_SENT;
        return negotiateBytes.clone();
    }

    /**
     * 3.1.5.1.2: processes the server's CHALLENGE_MESSAGE and returns the AUTHENTICATE_MESSAGE.
     *
     * @param challengeMessage the CHALLENGE_MESSAGE bytes exactly as received (they enter the MIC)
     * @param fileTime         the current time as FILETIME ({@link WindowsFileTime}), used only when
     *                         the server's TargetInfo has no MsvAvTimestamp
     */
    public byte[] authenticate(byte[] challengeMessage, long fileTime) {
        requireState(State.NEGOTIATE_SENT, "authenticate");
        byte[] exportedSessionKey = null;
        Ntlmv2.Response response = null;
        try {
            ChallengeMessage challenge = decodeChallenge(challengeMessage);
            checkPolicy(challenge);
            AvPairs serverInfo = challenge.targetInfo();
            OptionalLong serverTime = serverInfo.timestamp();
            long time = serverTime.orElse(fileTime);

            AvPairs avPairs = serverInfo;
            if (serverTime.isPresent()) {
                avPairs = avPairs.with(AvPair.flags(avPairs.flags() | AvPair.AV_FLAG_MIC_PRESENT));
            }
            avPairs = avPairs.with(AvPair.channelBindings(ChannelBindings.hash(options.channelBindings)));
            avPairs = avPairs.with(AvPair.text(AvPair.MSV_AV_TARGET_NAME, options.targetName == null ? "" : options.targetName));

            byte[] clientChallenge = new byte[8];
            entropy.nextBytes(clientChallenge);
            response = Ntlmv2.computeResponse(responseKeyNT, challenge.serverChallenge(), clientChallenge, time, avPairs,
                    serverTime.isPresent());

            negotiatedFlags = (challenge.negotiateFlags() & CLIENT_FLAGS) | NTLMSSP_NEGOTIATE_VERSION;
            byte[] keyExchangeKey = Ntlmv2.keyExchangeKey(response.sessionBaseKey());
            byte[] encryptedRandomSessionKey;
            if (NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_KEY_EXCH)) {
                exportedSessionKey = new byte[16];
                entropy.nextBytes(exportedSessionKey);
                encryptedRandomSessionKey = Ntlmv2.rc4k(keyExchangeKey, exportedSessionKey);
                Primitives.wipe(keyExchangeKey);
            } else {
                exportedSessionKey = keyExchangeKey;
                encryptedRandomSessionKey = Payload.EMPTY;
            }

            boolean withMic = serverTime.isPresent();
            AuthenticateMessage message = new AuthenticateMessage(negotiatedFlags, response.lmChallengeResponse(),
                    response.ntChallengeResponse(), domain, user, options.workstation(), encryptedRandomSessionKey,
                    options.version(), withMic ? new byte[AuthenticateMessage.MIC_SIZE] : null);
            byte[] authenticateBytes = toBytes(message);
            if (withMic) {
                byte[] mic = Ntlmv2.mic(exportedSessionKey, negotiateBytes, challengeMessage, authenticateBytes);
                System.arraycopy(mic, 0, authenticateBytes, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_SIZE);
            }
            session = new NtlmSession(NtlmSession.Role.CLIENT, exportedSessionKey, negotiatedFlags);
            state = State.AUTHENTICATED;
            return authenticateBytes;
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        } finally {
            Primitives.wipe(exportedSessionKey);
            if (response != null) {
                response.wipe();
            }
            Primitives.wipe(responseKeyNT);
            responseKeyNT = null;
        }
    }

    private static ChallengeMessage decodeChallenge(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return ChallengeMessage.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static void checkPolicy(ChallengeMessage challenge) {
        int missing = REQUIRED_FLAGS & ~challenge.negotiateFlags();
        if (missing != 0) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, ChallengeMessage.PDU + ".NegotiateFlags: the server did not select "
                    + NegotiateFlags.describe(missing) + ", which this client requires");
        }
        AvPairs info = challenge.targetInfo();
        if (info == null || info.find(AvPair.MSV_AV_NB_COMPUTER_NAME).isEmpty() || info.find(AvPair.MSV_AV_NB_DOMAIN_NAME).isEmpty()) {
            // MS-NLMP 3.1.5.1.2: STATUS_LOGON_FAILURE when integrity/confidentiality is wanted without these.
            throw new RdpException(RdpException.Kind.AUTHENTICATION, ChallengeMessage.PDU
                    + ".TargetInfo: lacks MsvAvNbComputerName or MsvAvNbDomainName, so NTLMv2 with sealing cannot proceed");
        }
    }

    /** Session security after {@link #authenticate}; the client role's keys seal outgoing messages. */
    public NtlmSession session() {
        requireState(State.AUTHENTICATED, "session");
        return session;
    }

    /** Wipes the NTOWFv2 key if still held and the session keys; the client becomes {@link State#FAILED}. */
    public void destroy() {
        Primitives.wipe(responseKeyNT);
        responseKeyNT = null;
        if (session != null) {
            session.destroy();
        }
        state = State.FAILED;
    }

    private void requireState(State expected, String call) {
        if (state != expected) {
            throw new RdpException(RdpException.Kind.STATE, PDU + "." + call + ": called in state " + state + ", needs " + expected);
        }
    }

    private static byte[] toBytes(Object message) {
        ByteBuf buf = Unpooled.buffer();
        try {
            switch (message) {
                case NegotiateMessage m -> m.encode(buf);
                case AuthenticateMessage m -> m.encode(buf);
                default -> throw new IllegalArgumentException(message.getClass().getName());
            }
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    @Override
    public String toString() {
        return "NtlmClient[user=" + user + ", domain=" + domain + ", state=" + state + "]";
    }
}
