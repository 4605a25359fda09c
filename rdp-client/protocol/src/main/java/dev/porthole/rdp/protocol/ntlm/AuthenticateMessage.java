package dev.porthole.rdp.protocol.ntlm;

import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;

import java.util.Arrays;
import java.util.Objects;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-NLMP 2.2.1.3 AUTHENTICATE_MESSAGE, client to server.
 *
 * <p>The encoder writes the 64-byte fixed part, the 8-byte Version (all zero unless
 * NTLMSSP_NEGOTIATE_VERSION is set), the 16-byte MIC when there is one, then the payload in the
 * order DomainName, UserName, Workstation, LmChallengeResponse, NtChallengeResponse,
 * EncryptedRandomSessionKey (the order of the MS-NLMP 4.2.4.3 example). The decoder (used by test
 * acceptors and fuzzing) finds Version and MIC from the first payload offset: Version when the flag
 * is set and the payload starts at or after 72, MIC when it starts at or after 88.
 *
 * <p>{@link #toString()} shows names and lengths only, never the challenge responses (they allow
 * offline password guessing).
 *
 * @param negotiateFlags            {@link NegotiateFlags}
 * @param lmChallengeResponse       LMv2_RESPONSE (2.2.2.4) or Z(24), possibly empty
 * @param ntChallengeResponse       NTLMv2_RESPONSE (2.2.2.8), possibly empty
 * @param domainName                DomainName in the negotiated character set
 * @param userName                  UserName in the negotiated character set
 * @param workstation               Workstation in the negotiated character set
 * @param encryptedRandomSessionKey the RC4K-encrypted ExportedSessionKey, empty without NTLMSSP_NEGOTIATE_KEY_EXCH
 * @param version                   VERSION, present exactly when NTLMSSP_NEGOTIATE_VERSION is set
 * @param mic                       the 16-byte MIC, or {@code null} when the message has no MIC field
 */
public record AuthenticateMessage(int negotiateFlags, byte[] lmChallengeResponse, byte[] ntChallengeResponse,
                                  String domainName, String userName, String workstation,
                                  byte[] encryptedRandomSessionKey, NtlmVersion version, byte[] mic) {

    static final String PDU = "AUTHENTICATE_MESSAGE";
    static final int FIXED_SIZE = 64;
    /** Where the MIC field starts (after the Version field). */
    public static final int MIC_OFFSET = 72;
    public static final int MIC_SIZE = 16;

    public AuthenticateMessage {
        lmChallengeResponse = requireField(lmChallengeResponse, "LmChallengeResponse");
        ntChallengeResponse = requireField(ntChallengeResponse, "NtChallengeResponse");
        encryptedRandomSessionKey = requireField(encryptedRandomSessionKey, "EncryptedRandomSessionKey");
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(workstation, "workstation");
        Payload.encodeText(domainName, negotiateFlags, PDU, "DomainName");
        Payload.encodeText(userName, negotiateFlags, PDU, "UserName");
        Payload.encodeText(workstation, negotiateFlags, PDU, "Workstation");
        if (NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_VERSION) != (version != null)) {
            throw RdpException.argument(PDU, "Version", "must be present exactly when NTLMSSP_NEGOTIATE_VERSION is set");
        }
        if (mic != null) {
            mic = Payload.requireSize(mic, MIC_SIZE, PDU, "MIC");
        }
    }

    private static byte[] requireField(byte[] bytes, String field) {
        if (bytes == null) {
            throw RdpException.argument(PDU, field, "is null (use an empty array)");
        }
        Payload.checkLength(bytes, PDU, field);
        return bytes.clone();
    }

    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    @Override
    public byte[] mic() {
        return mic == null ? null : mic.clone();
    }

    /** A copy with {@code mic} in the MIC field. */
    public AuthenticateMessage withMic(byte[] newMic) {
        return new AuthenticateMessage(negotiateFlags, lmChallengeResponse, ntChallengeResponse, domainName, userName,
                workstation, encryptedRandomSessionKey, version, newMic);
    }

    private int headerSize() {
        return MIC_OFFSET + (mic == null ? 0 : MIC_SIZE);
    }

    public int size() {
        return headerSize() + text(domainName).length + text(userName).length + text(workstation).length
                + lmChallengeResponse.length + ntChallengeResponse.length + encryptedRandomSessionKey.length;
    }

    private byte[] text(String s) {
        return Payload.encodeText(s, negotiateFlags, PDU, "text");
    }

    public void encode(ByteBuf out) {
        byte[] domain = text(domainName);
        byte[] user = text(userName);
        byte[] host = text(workstation);
        // Descriptors in header order; offsets follow the payload order Domain, User, Workstation, LM, NT, Key.
        int domainOffset = headerSize();
        int userOffset = domainOffset + domain.length;
        int hostOffset = userOffset + user.length;
        int lmOffset = hostOffset + host.length;
        int ntOffset = lmOffset + lmChallengeResponse.length;
        int keyOffset = ntOffset + ntChallengeResponse.length;
        Payload.writeHeader(out, Payload.AUTHENTICATE);
        descriptor(out, lmChallengeResponse.length, lmOffset);
        descriptor(out, ntChallengeResponse.length, ntOffset);
        descriptor(out, domain.length, domainOffset);
        descriptor(out, user.length, userOffset);
        descriptor(out, host.length, hostOffset);
        descriptor(out, encryptedRandomSessionKey.length, keyOffset);
        out.writeIntLE(negotiateFlags);
        (version == null ? NtlmVersion.ZERO : version).encode(out);
        if (mic != null) {
            out.writeBytes(mic);
        }
        out.writeBytes(domain);
        out.writeBytes(user);
        out.writeBytes(host);
        out.writeBytes(lmChallengeResponse);
        out.writeBytes(ntChallengeResponse);
        out.writeBytes(encryptedRandomSessionKey);
    }

    private static void descriptor(ByteBuf out, int length, int offset) {
        out.writeShortLE(length);
        out.writeShortLE(length);
        out.writeIntLE(offset);
    }

    /** Decodes the whole readable content of {@code in} as one message (NTLM messages are not self-delimiting). */
    public static AuthenticateMessage decode(ByteBuf in) {
        ByteBuf msg = in.readSlice(in.readableBytes());
        Payload.header(msg, FIXED_SIZE, Payload.AUTHENTICATE, PDU);
        int flags = msg.getIntLE(60);
        long first = Payload.firstPayloadOffset(msg, 12, 20, 28, 36, 44, 52);
        NtlmVersion version = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_VERSION)) {
            if (first < MIC_OFFSET) {
                throw RdpException.malformed(PDU, "Version", "NTLMSSP_NEGOTIATE_VERSION is set but the payload starts at " + first);
            }
            version = NtlmVersion.decode(msg.slice(FIXED_SIZE, NtlmVersion.SIZE));
        }
        byte[] mic = null;
        int headerSize = FIXED_SIZE;
        if (first >= MIC_OFFSET + MIC_SIZE) {
            mic = new byte[MIC_SIZE];
            msg.getBytes(MIC_OFFSET, mic);
            headerSize = MIC_OFFSET + MIC_SIZE;
        } else if (version != null) {
            headerSize = MIC_OFFSET;
        }
        byte[] lm = Payload.read(msg, 12, headerSize, PDU, "LmChallengeResponse");
        byte[] nt = Payload.read(msg, 20, headerSize, PDU, "NtChallengeResponse");
        String domain = Payload.text(Payload.read(msg, 28, headerSize, PDU, "DomainName"), flags, PDU, "DomainName");
        String user = Payload.text(Payload.read(msg, 36, headerSize, PDU, "UserName"), flags, PDU, "UserName");
        String host = Payload.text(Payload.read(msg, 44, headerSize, PDU, "Workstation"), flags, PDU, "Workstation");
        byte[] key = Payload.read(msg, 52, headerSize, PDU, "EncryptedRandomSessionKey");
        return new AuthenticateMessage(flags, lm, nt, domain, user, host, key, version, mic);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticateMessage a && a.negotiateFlags == negotiateFlags
                && Arrays.equals(a.lmChallengeResponse, lmChallengeResponse)
                && Arrays.equals(a.ntChallengeResponse, ntChallengeResponse)
                && a.domainName.equals(domainName) && a.userName.equals(userName) && a.workstation.equals(workstation)
                && Arrays.equals(a.encryptedRandomSessionKey, encryptedRandomSessionKey)
                && Objects.equals(a.version, version) && Arrays.equals(a.mic, mic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(negotiateFlags, Arrays.hashCode(lmChallengeResponse), Arrays.hashCode(ntChallengeResponse),
                domainName, userName, workstation, Arrays.hashCode(encryptedRandomSessionKey), version, Arrays.hashCode(mic));
    }

    @Override
    public String toString() {
        return "AuthenticateMessage[flags=" + NegotiateFlags.describe(negotiateFlags) + ", domain=" + domainName
                + ", user=" + userName + ", workstation=" + workstation + ", lmChallengeResponse="
                + lmChallengeResponse.length + " bytes, ntChallengeResponse=" + ntChallengeResponse.length
                + " bytes, encryptedRandomSessionKey=" + encryptedRandomSessionKey.length + " bytes, version=" + version
                + ", mic=" + (mic == null ? "absent" : "present") + "]";
    }
}
