package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-NLMP 2.2.2.10 VERSION: operating system version for debugging; never affects processing.
 *
 * @param productMajorVersion  8-bit major version
 * @param productMinorVersion  8-bit minor version
 * @param productBuild         16-bit build number
 * @param ntlmRevisionCurrent  NTLMSSP revision, {@link #NTLMSSP_REVISION_W2K3} (15)
 */
public record NtlmVersion(int productMajorVersion, int productMinorVersion, int productBuild, int ntlmRevisionCurrent) {

    static final String PDU = "VERSION";
    public static final int SIZE = 8;
    public static final int NTLMSSP_REVISION_W2K3 = 0x0F;
    /** What this client reports: 10.0, build 0, revision 15 (there is no Windows build behind it). */
    public static final NtlmVersion PORTHOLE = new NtlmVersion(10, 0, 0, NTLMSSP_REVISION_W2K3);
    /** The all-zero VERSION sent when NTLMSSP_NEGOTIATE_VERSION is not set. */
    public static final NtlmVersion ZERO = new NtlmVersion(0, 0, 0, 0);

    public NtlmVersion {
        Wire.requireUnsigned(productMajorVersion, 8, PDU, "ProductMajorVersion");
        Wire.requireUnsigned(productMinorVersion, 8, PDU, "ProductMinorVersion");
        Wire.requireUnsigned(productBuild, 16, PDU, "ProductBuild");
        Wire.requireUnsigned(ntlmRevisionCurrent, 8, PDU, "NTLMRevisionCurrent");
    }

    public static NtlmVersion decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        int major = in.readUnsignedByte();
        int minor = in.readUnsignedByte();
        int build = in.readUnsignedShortLE();
        in.skipBytes(3); // Reserved, ignored on receipt
        return new NtlmVersion(major, minor, build, in.readUnsignedByte());
    }

    public void encode(ByteBuf out) {
        out.writeByte(productMajorVersion);
        out.writeByte(productMinorVersion);
        out.writeShortLE(productBuild);
        out.writeMedium(0); // Reserved
        out.writeByte(ntlmRevisionCurrent);
    }

    public int size() {
        return SIZE;
    }
}
