package dev.porthole.rdp.protocol.pdu.gcc;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.1 User Data Header (TS_UD_HEADER) type values and helpers shared by the client
 * and server data blocks: each block starts with a little-endian type and length (header included).
 */
public final class UserDataHeader {

    public static final int SIZE = 4;

    public static final int CS_CORE = 0xC001;
    public static final int CS_SECURITY = 0xC002;
    public static final int CS_NET = 0xC003;
    public static final int CS_CLUSTER = 0xC004;
    public static final int CS_MONITOR = 0xC005;
    public static final int CS_MCS_MSGCHANNEL = 0xC006;
    public static final int CS_MONITOR_EX = 0xC008;
    public static final int CS_MULTITRANSPORT = 0xC00A;

    public static final int SC_CORE = 0x0C01;
    public static final int SC_SECURITY = 0x0C02;
    public static final int SC_NET = 0x0C03;
    public static final int SC_MCS_MSGCHANNEL = 0x0C04;
    public static final int SC_MULTITRANSPORT = 0x0C08;

    private UserDataHeader() {}

    /** Receives one data block: its type and its body (the bytes after the header). */
    @FunctionalInterface
    interface BlockHandler {
        void block(int type, ByteBuf body);
    }

    /** Walks the data blocks filling {@code in}, checking each header's length against what is left. */
    static void forEachBlock(ByteBuf in, String pdu, BlockHandler handler) {
        while (in.isReadable()) {
            Wire.need(in, SIZE, pdu, "TS_UD_HEADER");
            int type = in.readUnsignedShortLE();
            int length = in.readUnsignedShortLE();
            if (length < SIZE) {
                throw RdpException.malformed(pdu, "TS_UD_HEADER.length", length + " is shorter than the header");
            }
            Wire.need(in, length - SIZE, pdu, String.format("block 0x%04x", type));
            handler.block(type, in.readSlice(length - SIZE));
        }
    }

    static void write(ByteBuf out, int type, int length) {
        out.writeShortLE(type);
        out.writeShortLE(length);
    }

    /** Writes {@code text} as UTF-16LE into a fixed field of {@code bytes}, NUL padded; the caller checked it fits. */
    static void writeFixedUtf16(ByteBuf out, String text, int bytes) {
        byte[] b = text.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(b);
        out.writeZero(bytes - b.length);
    }

    /** Reads a fixed UTF-16LE field of {@code bytes}, cut at the first NUL. */
    static String readFixedUtf16(ByteBuf in, int bytes, String pdu, String field) {
        Wire.need(in, bytes, pdu, field);
        byte[] b = new byte[bytes];
        in.readBytes(b);
        int end = 0;
        while (end + 1 < bytes && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, 0, end, StandardCharsets.UTF_16LE);
    }

    /** Checks that {@code text} fits a fixed UTF-16LE field of {@code bytes} with its terminating NUL. */
    static String checkFixedUtf16(String text, int bytes, String pdu, String field) {
        if (text == null) {
            throw RdpException.argument(pdu, field, "is null");
        }
        if (text.indexOf('\0') >= 0) {
            throw RdpException.argument(pdu, field, "contains NUL");
        }
        if (text.getBytes(StandardCharsets.UTF_16LE).length > bytes - 2) {
            throw RdpException.argument(pdu, field, "longer than " + (bytes / 2 - 1) + " UTF-16 units");
        }
        return text;
    }
}
