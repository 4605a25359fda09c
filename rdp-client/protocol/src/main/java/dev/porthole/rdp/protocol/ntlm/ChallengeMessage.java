package dev.porthole.rdp.protocol.ntlm;

import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-NLMP 2.2.1.2 CHALLENGE_MESSAGE, server to client. Decoding validates every field
 * descriptor against the message bounds and the fixed header before reading it, and the
 * TargetInfo AV_PAIR list pair by pair. The encoder writes the 56-byte header (Version all zero
 * unless NTLMSSP_NEGOTIATE_VERSION is set) followed by TargetName and TargetInfo.
 *
 * @param negotiateFlags  {@link NegotiateFlags} chosen by the server
 * @param serverChallenge the 8-byte ServerChallenge
 * @param targetName      TargetName in the negotiated character set ({@code ""} when absent)
 * @param targetInfo      the TargetInfo AV_PAIRs, or {@code null} when NTLMSSP_NEGOTIATE_TARGET_INFO is clear or TargetInfoLen is 0
 * @param version         VERSION, present exactly when NTLMSSP_NEGOTIATE_VERSION is set
 */
public record ChallengeMessage(int negotiateFlags, byte[] serverChallenge, String targetName, AvPairs targetInfo,
                               NtlmVersion version) {

    static final String PDU = "CHALLENGE_MESSAGE";
    static final int FIXED_SIZE = 48;
    static final int HEADER_SIZE = 56;

    public ChallengeMessage {
        serverChallenge = Payload.requireSize(serverChallenge, 8, PDU, "ServerChallenge");
        Objects.requireNonNull(targetName, "targetName");
        if (targetInfo != null && !NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_TARGET_INFO)) {
            throw RdpException.argument(PDU, "TargetInfo", "is present but NTLMSSP_NEGOTIATE_TARGET_INFO is clear");
        }
        if (NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_VERSION) != (version != null)) {
            throw RdpException.argument(PDU, "Version", "must be present exactly when NTLMSSP_NEGOTIATE_VERSION is set");
        }
        Payload.encodeText(targetName, negotiateFlags, PDU, "TargetName");
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    public int size() {
        return HEADER_SIZE + Payload.encodeText(targetName, negotiateFlags, PDU, "TargetName").length
                + (targetInfo == null ? 0 : targetInfo.size());
    }

    public void encode(ByteBuf out) {
        byte[] name = Payload.encodeText(targetName, negotiateFlags, PDU, "TargetName");
        int infoLength = targetInfo == null ? 0 : targetInfo.size();
        Payload.writeHeader(out, Payload.CHALLENGE);
        Payload.Writer fields = new Payload.Writer(HEADER_SIZE);
        fields.field(out, name.length);
        out.writeIntLE(negotiateFlags);
        out.writeBytes(serverChallenge);
        out.writeLong(0); // Reserved
        fields.field(out, infoLength);
        (version == null ? NtlmVersion.ZERO : version).encode(out);
        out.writeBytes(name);
        if (targetInfo != null) {
            targetInfo.encode(out);
        }
    }

    /** Decodes the whole readable content of {@code in} as one message (NTLM messages are not self-delimiting). */
    public static ChallengeMessage decode(ByteBuf in) {
        ByteBuf msg = in.readSlice(in.readableBytes());
        Payload.header(msg, FIXED_SIZE, Payload.CHALLENGE, PDU);
        int flags = msg.getIntLE(20);
        byte[] challenge = new byte[8];
        msg.getBytes(24, challenge);
        int headerSize = FIXED_SIZE;
        NtlmVersion version = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_VERSION)) {
            headerSize = HEADER_SIZE;
            if (msg.writerIndex() < HEADER_SIZE) {
                throw RdpException.malformed(PDU, "Version", "NTLMSSP_NEGOTIATE_VERSION is set but the message ends at " + msg.writerIndex());
            }
            version = NtlmVersion.decode(msg.slice(48, NtlmVersion.SIZE));
        }
        String name = Payload.text(Payload.read(msg, 12, headerSize, PDU, "TargetName"), flags, PDU, "TargetName");
        AvPairs info = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_TARGET_INFO)) {
            ByteBuf infoBytes = Payload.slice(msg, 40, headerSize, PDU, "TargetInfo");
            if (infoBytes != null) {
                info = AvPairs.decode(infoBytes, PDU + ".TargetInfo");
            }
        }
        return new ChallengeMessage(flags, challenge, name, info, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeMessage c && c.negotiateFlags == negotiateFlags
                && Arrays.equals(c.serverChallenge, serverChallenge) && c.targetName.equals(targetName)
                && Objects.equals(c.targetInfo, targetInfo) && Objects.equals(c.version, version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(negotiateFlags, Arrays.hashCode(serverChallenge), targetName, targetInfo, version);
    }

    @Override
    public String toString() {
        return "ChallengeMessage[flags=" + NegotiateFlags.describe(negotiateFlags) + ", serverChallenge="
                + HexFormat.of().formatHex(serverChallenge) + ", targetName=" + targetName + ", targetInfo="
                + targetInfo + ", version=" + version + "]";
    }
}
