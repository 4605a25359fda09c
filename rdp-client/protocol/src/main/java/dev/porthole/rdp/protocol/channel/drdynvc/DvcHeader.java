package dev.porthole.rdp.protocol.channel.drdynvc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The one-byte header shared by every MS-RDPEDYC PDU (section 2.2): {@code Cmd} in the high four
 * bits, then {@code Sp} (or {@code Pri}/{@code Len}, depending on the command) in bits 3–2 and
 * {@code cbId} in bits 1–0, plus the variable-length little-endian integers that {@code cbId} and
 * {@code Len} size (0 → 1 byte, 1 → 2 bytes, 2 → 4 bytes, 3 invalid).
 */
public final class DvcHeader {

    private DvcHeader() {}

    /** Cmd values (MS-RDPEDYC 2.2). */
    public static final int CMD_CREATE = 0x01;
    public static final int CMD_DATA_FIRST = 0x02;
    public static final int CMD_DATA = 0x03;
    public static final int CMD_CLOSE = 0x04;
    public static final int CMD_CAPABILITIES = 0x05;
    public static final int CMD_DATA_FIRST_COMPRESSED = 0x06;
    public static final int CMD_DATA_COMPRESSED = 0x07;
    public static final int CMD_SOFT_SYNC_REQUEST = 0x08;
    public static final int CMD_SOFT_SYNC_RESPONSE = 0x09;

    /** The header byte for {@code cmd}, {@code sp} and {@code cbId}. */
    static int header(int cmd, int sp, int cbId) {
        return (cmd << 4) | ((sp & 0x03) << 2) | (cbId & 0x03);
    }

    static int cmd(int header) {
        return header >>> 4;
    }

    static int sp(int header) {
        return (header >>> 2) & 0x03;
    }

    static int cbId(int header) {
        return header & 0x03;
    }

    /** The 2-bit size code for the smallest field that holds {@code value} (0 → 1 byte, 1 → 2, 2 → 4). */
    static int sizeCode(long value) {
        if (value <= 0xFF) {
            return 0;
        }
        return value <= 0xFFFF ? 1 : 2;
    }

    /** Field width in bytes for a size code. */
    static int width(int sizeCode) {
        return switch (sizeCode) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 4;
            default -> throw new IllegalArgumentException("size code " + sizeCode);
        };
    }

    /** Reads a 1-, 2- or 4-byte little-endian unsigned integer sized by {@code sizeCode}. */
    static long readVar(ByteBuf in, int sizeCode, String pdu, String field) {
        if (sizeCode == 3) {
            throw RdpException.malformed(pdu, field, "size code 3 is invalid");
        }
        int w = width(sizeCode);
        Wire.need(in, w, pdu, field);
        return switch (w) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShortLE();
            default -> in.readUnsignedIntLE();
        };
    }

    /** Writes {@code value} as a little-endian unsigned integer of the width of {@code sizeCode}. */
    static void writeVar(ByteBuf out, int sizeCode, long value) {
        switch (width(sizeCode)) {
            case 1 -> out.writeByte((int) value);
            case 2 -> out.writeShortLE((int) value);
            default -> out.writeIntLE((int) value);
        }
    }

    /** Fails unless {@code id} is an unsigned 32-bit channel id. */
    static long requireChannelId(long id, String pdu) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw RdpException.argument(pdu, "ChannelId", id + " is not an unsigned 32-bit value");
        }
        return id;
    }

    /** Peeks the command of the PDU at the reader index without consuming it. */
    public static int peekCmd(ByteBuf in) {
        Wire.need(in, 1, "DRDYNVC", "header");
        return cmd(in.getUnsignedByte(in.readerIndex()));
    }
}
