package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.11.1.1 Info Packet (TS_INFO_PACKET): code page, flags and the logon strings, then the
 * optional Extended Info Packet (absent only for RDP 4.0). The five cb fields count character bytes
 * without the NUL that follows each string. Strings are UTF-16LE with {@link #INFO_UNICODE}, else
 * Windows-1252; each may take at most 512 bytes with its terminator.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param codePage with INFO_UNICODE, the active language identifier in the low word (0x0409 en-US);
 *                 otherwise the ANSI code page
 * @param extraInfo the Extended Info Packet, or {@code null} to omit it
 */
public record InfoPacket(int codePage, int flags, String domain, String userName, String password,
                         String alternateShell, String workingDir, ExtendedInfoPacket extraInfo) {

    static final String PDU = "TS_INFO_PACKET";

    public static final int INFO_MOUSE = 0x00000001;
    public static final int INFO_DISABLECTRLALTDEL = 0x00000002;
    public static final int INFO_AUTOLOGON = 0x00000008;
    public static final int INFO_UNICODE = 0x00000010;
    public static final int INFO_MAXIMIZESHELL = 0x00000020;
    public static final int INFO_LOGONNOTIFY = 0x00000040;
    public static final int INFO_COMPRESSION = 0x00000080;
    /** Bits 9..12: the highest bulk compression package supported when INFO_COMPRESSION is set. */
    public static final int COMPRESSION_TYPE_MASK = 0x00001E00;
    public static final int INFO_ENABLEWINDOWSKEY = 0x00000100;
    public static final int INFO_REMOTECONSOLEAUDIO = 0x00002000;
    public static final int INFO_FORCE_ENCRYPTED_CS_PDU = 0x00004000;
    public static final int INFO_RAIL = 0x00008000;
    public static final int INFO_LOGONERRORS = 0x00010000;
    public static final int INFO_MOUSE_HAS_WHEEL = 0x00020000;
    public static final int INFO_PASSWORD_IS_SC_PIN = 0x00040000;
    public static final int INFO_NOAUDIOPLAYBACK = 0x00080000;
    public static final int INFO_USING_SAVED_CREDS = 0x00100000;
    public static final int INFO_AUDIOCAPTURE = 0x00200000;
    public static final int INFO_VIDEO_DISABLE = 0x00400000;
    public static final int INFO_RESERVED1 = 0x00800000;
    public static final int INFO_RESERVED2 = 0x01000000;
    public static final int INFO_HIDEF_RAIL_SUPPORTED = 0x02000000;

    /** Compression package codes, shifted into {@link #COMPRESSION_TYPE_MASK} by {@link #compressionType(int)}. */
    public static final int PACKET_COMPR_TYPE_8K = 0x0;
    public static final int PACKET_COMPR_TYPE_64K = 0x1;
    public static final int PACKET_COMPR_TYPE_RDP6 = 0x2;
    public static final int PACKET_COMPR_TYPE_RDP61 = 0x3;

    /** Longest string field, terminator included (all servers since RDP 5.1). */
    public static final int MAX_FIELD = 512;

    public InfoPacket {
        boolean unicode = (flags & INFO_UNICODE) != 0;
        InfoText.check(domain, unicode, MAX_FIELD, PDU, "Domain");
        InfoText.check(userName, unicode, MAX_FIELD, PDU, "UserName");
        InfoText.check(password, unicode, MAX_FIELD, PDU, "Password");
        InfoText.check(alternateShell, unicode, MAX_FIELD, PDU, "AlternateShell");
        InfoText.check(workingDir, unicode, MAX_FIELD, PDU, "WorkingDir");
        if (extraInfo != null) {
            extraInfo.checkText(unicode);
        }
    }

    /** The flags bits announcing compression package {@code type} (INFO_COMPRESSION | type << 9). */
    public static int compressionType(int type) {
        if (type < 0 || type > PACKET_COMPR_TYPE_RDP61) {
            throw RdpException.argument(PDU, "CompressionTypeMask", "unknown package " + type);
        }
        return INFO_COMPRESSION | (type << 9);
    }

    public boolean unicode() {
        return (flags & INFO_UNICODE) != 0;
    }

    public int size() {
        boolean u = unicode();
        int term = InfoText.terminatorSize(u);
        return 18 + InfoText.size(domain, u) + InfoText.size(userName, u) + InfoText.size(password, u)
                + InfoText.size(alternateShell, u) + InfoText.size(workingDir, u) + 5 * term
                + (extraInfo == null ? 0 : extraInfo.size(u));
    }

    public void encode(ByteBuf out) {
        boolean u = unicode();
        out.writeIntLE(codePage);
        out.writeIntLE(flags);
        out.writeShortLE(InfoText.size(domain, u)); // cb fields exclude the terminator
        out.writeShortLE(InfoText.size(userName, u));
        out.writeShortLE(InfoText.size(password, u));
        out.writeShortLE(InfoText.size(alternateShell, u));
        out.writeShortLE(InfoText.size(workingDir, u));
        InfoText.writeTerminated(out, domain, u);
        InfoText.writeTerminated(out, userName, u);
        InfoText.writeTerminated(out, password, u);
        InfoText.writeTerminated(out, alternateShell, u);
        InfoText.writeTerminated(out, workingDir, u);
        if (extraInfo != null) {
            extraInfo.encode(out, u);
        }
    }

    /** Decodes the packet from {@code in}, which holds exactly its bytes (the rest of the Client Info PDU). */
    public static InfoPacket decode(ByteBuf in) {
        Wire.need(in, 18, PDU, "fixed fields");
        int codePage = in.readIntLE();
        int flags = in.readIntLE();
        boolean u = (flags & INFO_UNICODE) != 0;
        int cbDomain = in.readUnsignedShortLE();
        int cbUser = in.readUnsignedShortLE();
        int cbPassword = in.readUnsignedShortLE();
        int cbShell = in.readUnsignedShortLE();
        int cbDir = in.readUnsignedShortLE();
        String domain = InfoText.readThenTerminator(in, cbDomain, u, PDU, "Domain");
        String user = InfoText.readThenTerminator(in, cbUser, u, PDU, "UserName");
        String password = InfoText.readThenTerminator(in, cbPassword, u, PDU, "Password");
        String shell = InfoText.readThenTerminator(in, cbShell, u, PDU, "AlternateShell");
        String dir = InfoText.readThenTerminator(in, cbDir, u, PDU, "WorkingDir");
        ExtendedInfoPacket extra = in.isReadable() ? ExtendedInfoPacket.decode(in, u) : null;
        return Wire.decoded(() -> new InfoPacket(codePage, flags, domain, user, password, shell, dir, extra));
    }

    @Override
    public String toString() {
        return "InfoPacket[codePage=0x" + Integer.toHexString(codePage) + ", flags=0x" + Integer.toHexString(flags)
                + ", domain=" + domain + ", userName=" + userName + ", password=<redacted>, alternateShell="
                + alternateShell + ", workingDir=" + workingDir + ", extraInfo=" + extraInfo + "]";
    }
}
