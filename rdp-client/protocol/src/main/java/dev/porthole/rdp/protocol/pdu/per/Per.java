package dev.porthole.rdp.protocol.pdu.per;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The subset of ASN.1 PER (ALIGNED variant of BASIC-PER, ITU-T X.691) used by the T.124 GCC
 * Conference Create Request/Response (MS-RDPBCGR 2.2.1.3.1, 2.2.1.4.1) and by the MCS domain PDUs.
 */
public final class Per {

    private Per() {}

    /** Size of a PER length determinant for {@code length} (1 byte up to 127, else 2). */
    public static int lengthSize(int length) {
        return length < 0x80 ? 1 : 2;
    }

    public static void writeLength(ByteBuf out, int length) {
        if (length < 0 || length > 0x7FFF) {
            throw new IllegalArgumentException("PER length " + length + " outside 0..32767");
        }
        if (length < 0x80) {
            out.writeByte(length);
        } else {
            out.writeShort(length | 0x8000); // big-endian
        }
    }

    /**
     * Reads a length determinant of 1 or 2 bytes. Like deployed RDP peers, the two-byte form is read
     * with 15 value bits (up to 32767) rather than X.691's 14, because servers send MCS payloads above
     * 16383 bytes that way; fragmented forms do not occur in RDP.
     */
    public static int readLength(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field + ".length");
        int first = in.readUnsignedByte();
        if ((first & 0x80) == 0) {
            return first;
        }
        Wire.need(in, 1, pdu, field + ".length");
        return ((first & 0x7F) << 8) | in.readUnsignedByte();
    }

    /** Reads a constrained whole number in two bytes with lower bound {@code min}. */
    public static int readInteger16(ByteBuf in, int min, String pdu, String field) {
        Wire.need(in, 2, pdu, field);
        return in.readUnsignedShort() + min;
    }

    public static void writeInteger16(ByteBuf out, int value, int min) {
        out.writeShort(value - min);
    }

    /** Reads an unconstrained INTEGER: a length byte then that many big-endian bytes (1..4). */
    public static long readInteger(ByteBuf in, String pdu, String field) {
        int length = readLength(in, pdu, field);
        if (length < 1 || length > 4) {
            throw RdpException.malformed(pdu, field, "integer of " + length + " bytes");
        }
        Wire.need(in, length, pdu, field);
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | in.readUnsignedByte();
        }
        return v;
    }

    /** Reads and checks an octet string that must equal {@code expected}. */
    public static void expectBytes(ByteBuf in, byte[] expected, String pdu, String field) {
        Wire.need(in, expected.length, pdu, field);
        for (int i = 0; i < expected.length; i++) {
            int b = in.readUnsignedByte();
            if (b != (expected[i] & 0xFF)) {
                throw RdpException.malformed(pdu, field, "byte " + i + String.format(" is 0x%02x, expected 0x%02x", b, expected[i] & 0xFF));
            }
        }
    }
}
