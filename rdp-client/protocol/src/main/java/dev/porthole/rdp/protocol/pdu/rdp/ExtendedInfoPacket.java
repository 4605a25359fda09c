package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.11.1.1.1 Extended Info Packet (TS_EXTENDED_INFO_PACKET), the tail of the Info Packet.
 * After the client address and directory, the optional fields appear in a fixed order and each may only
 * be present when all before it are; {@code optionalFields} (0..8) counts how many are encoded:
 * 1 clientTimeZone, 2 clientSessionId, 3 performanceFlags, 4 cbAutoReconnectCookie (+ cookie),
 * 5 reserved1, 6 reserved2, 7 cbDynamicDSTTimeZoneKeyName (+ name), 8 dynamicDaylightTimeDisabled.
 * Fields that are not encoded must be zero, empty or null. This client sends all eight.
 *
 * <p>Character fields follow INFO_UNICODE of the enclosing Info Packet, except the dynamic DST key name,
 * which is always UTF-16 without terminator.
 *
 * @param clientAddress        textual IPv4/IPv6 address (at most 80 bytes with terminator)
 * @param clientDir            client directory or module path (at most 512 bytes with terminator)
 * @param autoReconnectCookie  the ARC cookie when reconnecting, else {@code null} (cbAutoReconnectCookie 0)
 */
public record ExtendedInfoPacket(int clientAddressFamily, String clientAddress, String clientDir, int optionalFields,
                                 TimeZoneInformation clientTimeZone, int clientSessionId, int performanceFlags,
                                 ArcCsPrivatePacket autoReconnectCookie, int reserved1, int reserved2,
                                 String dynamicDstTimeZoneKeyName, boolean dynamicDaylightTimeDisabled) {

    static final String PDU = "TS_EXTENDED_INFO_PACKET";

    public static final int AF_INET = 0x0002;
    public static final int AF_INET6 = 0x0017;

    public static final int PERF_DISABLE_WALLPAPER = 0x00000001;
    public static final int PERF_DISABLE_FULLWINDOWDRAG = 0x00000002;
    public static final int PERF_DISABLE_MENUANIMATIONS = 0x00000004;
    public static final int PERF_DISABLE_THEMING = 0x00000008;
    public static final int PERF_RESERVED1 = 0x00000010;
    public static final int PERF_DISABLE_CURSOR_SHADOW = 0x00000020;
    public static final int PERF_DISABLE_CURSORSETTINGS = 0x00000040;
    public static final int PERF_ENABLE_FONT_SMOOTHING = 0x00000080;
    public static final int PERF_ENABLE_DESKTOP_COMPOSITION = 0x00000100;
    public static final int PERF_RESERVED2 = 0x80000000;

    public static final int MAX_OPTIONAL_FIELDS = 8;
    static final int MAX_CLIENT_ADDRESS = 80;
    static final int MAX_CLIENT_DIR = 512;
    static final int MAX_DYNAMIC_DST_NAME = 254;

    public ExtendedInfoPacket {
        Wire.requireUnsigned(clientAddressFamily, 16, PDU, "clientAddressFamily");
        if (clientAddress == null || clientDir == null || dynamicDstTimeZoneKeyName == null) {
            throw RdpException.argument(PDU, "clientAddress/clientDir/dynamicDSTTimeZoneKeyName", "is null");
        }
        if (optionalFields < 0 || optionalFields > MAX_OPTIONAL_FIELDS) {
            throw RdpException.argument(PDU, "optionalFields", optionalFields + " outside 0..8");
        }
        if ((clientTimeZone != null) != (optionalFields >= 1)) {
            throw RdpException.argument(PDU, "clientTimeZone", "must be present exactly when optionalFields >= 1");
        }
        requireAbsent(optionalFields < 2 && clientSessionId != 0, "clientSessionId");
        requireAbsent(optionalFields < 3 && performanceFlags != 0, "performanceFlags");
        requireAbsent(optionalFields < 4 && autoReconnectCookie != null, "autoReconnectCookie");
        Wire.requireUnsigned(reserved1, 16, PDU, "reserved1");
        Wire.requireUnsigned(reserved2, 16, PDU, "reserved2");
        requireAbsent(optionalFields < 5 && reserved1 != 0, "reserved1");
        requireAbsent(optionalFields < 6 && reserved2 != 0, "reserved2");
        requireAbsent(optionalFields < 7 && !dynamicDstTimeZoneKeyName.isEmpty(), "dynamicDSTTimeZoneKeyName");
        requireAbsent(optionalFields < 8 && dynamicDaylightTimeDisabled, "dynamicDaylightTimeDisabled");
        Utf16.check(dynamicDstTimeZoneKeyName, MAX_DYNAMIC_DST_NAME, false, PDU, "dynamicDSTTimeZoneKeyName");
    }

    private static void requireAbsent(boolean violated, String field) {
        if (violated) {
            throw RdpException.argument(PDU, field, "is set but not within optionalFields");
        }
    }

    /** All eight optional fields, as this client sends them. */
    public static ExtendedInfoPacket of(int clientAddressFamily, String clientAddress, String clientDir,
                                        TimeZoneInformation timeZone, int performanceFlags,
                                        ArcCsPrivatePacket autoReconnectCookie, String dynamicDstTimeZoneKeyName,
                                        boolean dynamicDaylightTimeDisabled) {
        return new ExtendedInfoPacket(clientAddressFamily, clientAddress, clientDir, MAX_OPTIONAL_FIELDS, timeZone, 0,
                performanceFlags, autoReconnectCookie, 0, 0, dynamicDstTimeZoneKeyName, dynamicDaylightTimeDisabled);
    }

    /** Checks the character fields against the Info Packet's character set; called by {@link InfoPacket}. */
    void checkText(boolean unicode) {
        InfoText.check(clientAddress, unicode, MAX_CLIENT_ADDRESS, PDU, "clientAddress");
        InfoText.check(clientDir, unicode, MAX_CLIENT_DIR, PDU, "clientDir");
    }

    public int size(boolean unicode) {
        int term = InfoText.terminatorSize(unicode);
        int size = 2 + 2 + InfoText.size(clientAddress, unicode) + term + 2 + InfoText.size(clientDir, unicode) + term;
        int n = optionalFields;
        if (n-- > 0) size += TimeZoneInformation.SIZE;
        if (n-- > 0) size += 4;
        if (n-- > 0) size += 4;
        if (n-- > 0) size += 2 + (autoReconnectCookie == null ? 0 : ArcCsPrivatePacket.SIZE);
        if (n-- > 0) size += 2;
        if (n-- > 0) size += 2;
        if (n-- > 0) size += 2 + Utf16.size(dynamicDstTimeZoneKeyName);
        if (n-- > 0) size += 2;
        return size;
    }

    public void encode(ByteBuf out, boolean unicode) {
        int term = InfoText.terminatorSize(unicode);
        out.writeShortLE(clientAddressFamily);
        out.writeShortLE(InfoText.size(clientAddress, unicode) + term); // cbClientAddress includes the terminator
        InfoText.writeTerminated(out, clientAddress, unicode);
        out.writeShortLE(InfoText.size(clientDir, unicode) + term); // cbClientDir includes the terminator
        InfoText.writeTerminated(out, clientDir, unicode);
        int n = optionalFields;
        if (n-- > 0) clientTimeZone.encode(out);
        if (n-- > 0) out.writeIntLE(clientSessionId);
        if (n-- > 0) out.writeIntLE(performanceFlags);
        if (n-- > 0) {
            out.writeShortLE(autoReconnectCookie == null ? 0 : ArcCsPrivatePacket.SIZE);
            if (autoReconnectCookie != null) {
                autoReconnectCookie.encode(out);
            }
        }
        if (n-- > 0) out.writeShortLE(reserved1);
        if (n-- > 0) out.writeShortLE(reserved2);
        if (n-- > 0) {
            out.writeShortLE(Utf16.size(dynamicDstTimeZoneKeyName));
            Utf16.write(out, dynamicDstTimeZoneKeyName);
        }
        if (n-- > 0) out.writeShortLE(dynamicDaylightTimeDisabled ? 1 : 0);
    }

    /** Decodes the packet from {@code in}, which holds exactly its bytes (the rest of the Info Packet). */
    public static ExtendedInfoPacket decode(ByteBuf in, boolean unicode) {
        Wire.need(in, 4, PDU, "clientAddressFamily/cbClientAddress");
        int family = in.readUnsignedShortLE();
        int cbAddress = in.readUnsignedShortLE();
        String address = InfoText.readIncludingTerminator(in, cbAddress, unicode, PDU, "clientAddress");
        Wire.need(in, 2, PDU, "cbClientDir");
        int cbDir = in.readUnsignedShortLE();
        String dir = InfoText.readIncludingTerminator(in, cbDir, unicode, PDU, "clientDir");
        int present = 0;
        TimeZoneInformation tz = null;
        int sessionId = 0;
        int perf = 0;
        ArcCsPrivatePacket cookie = null;
        int r1 = 0;
        int r2 = 0;
        String dst = "";
        boolean dstDisabled = false;
        if (in.isReadable()) {
            tz = TimeZoneInformation.decode(in);
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 4, PDU, "clientSessionId");
            sessionId = in.readIntLE();
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 4, PDU, "performanceFlags");
            perf = in.readIntLE();
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 2, PDU, "cbAutoReconnectCookie");
            int cb = in.readUnsignedShortLE();
            if (cb == ArcCsPrivatePacket.SIZE) {
                cookie = ArcCsPrivatePacket.decode(in);
            } else if (cb != 0) {
                throw RdpException.malformed(PDU, "cbAutoReconnectCookie", "is " + cb + ", expected 0 or 28");
            }
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 2, PDU, "reserved1");
            r1 = in.readUnsignedShortLE();
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 2, PDU, "reserved2");
            r2 = in.readUnsignedShortLE();
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 2, PDU, "cbDynamicDSTTimeZoneKeyName");
            int cb = in.readUnsignedShortLE();
            if (cb > MAX_DYNAMIC_DST_NAME) {
                throw RdpException.malformed(PDU, "cbDynamicDSTTimeZoneKeyName", cb + " exceeds 254");
            }
            dst = Utf16.read(in, cb, PDU, "dynamicDSTTimeZoneKeyName");
            present++;
        }
        if (in.isReadable()) {
            Wire.need(in, 2, PDU, "dynamicDaylightTimeDisabled");
            dstDisabled = in.readUnsignedShortLE() != 0;
            present++;
        }
        if (in.isReadable()) {
            throw RdpException.malformed(PDU, "packet", in.readableBytes() + " trailing bytes");
        }
        int n = present;
        TimeZoneInformation zone = tz;
        int sid = sessionId;
        int pf = perf;
        ArcCsPrivatePacket arc = cookie;
        int res1 = r1;
        int res2 = r2;
        String name = dst;
        boolean disabled = dstDisabled;
        return Wire.decoded(() -> new ExtendedInfoPacket(family, address, dir, n, zone, sid, pf, arc, res1, res2, name,
                disabled));
    }
}
