package dev.porthole.rdp.protocol.pdu.ber;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The subset of ASN.1 BER (ITU-T X.690) used by the T.125 MCS connect PDUs (MS-RDPBCGR 2.2.1.3,
 * 2.2.1.4): universal BOOLEAN, INTEGER (read as unsigned, as MCS uses it), OCTET STRING, ENUMERATED,
 * SEQUENCE and APPLICATION-tagged constructed types, definite lengths only.
 *
 * <p>Lengths are written in the short form up to 127 and otherwise in the two-byte long form
 * ({@code 82 hh ll}), as the MS-RDPBCGR 4.1.3 example does.
 */
public final class Ber {

    public static final int TAG_BOOLEAN = 0x01;
    public static final int TAG_INTEGER = 0x02;
    public static final int TAG_OCTET_STRING = 0x04;
    public static final int TAG_ENUMERATED = 0x0A;
    public static final int TAG_SEQUENCE = 0x30;

    private Ber() {}

    /** Size of a length field for {@code length}. */
    public static int lengthSize(int length) {
        return length < 0x80 ? 1 : 3;
    }

    public static void writeLength(ByteBuf out, int length) {
        if (length < 0x80) {
            out.writeByte(length);
        } else {
            out.writeByte(0x82);
            out.writeShort(length); // big-endian (X.690)
        }
    }

    /** Reads a definite length (short form, or long form with 1 or 2 length bytes) and checks it fits. */
    public static int readLength(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field + ".length");
        int first = in.readUnsignedByte();
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x81) {
            Wire.need(in, 1, pdu, field + ".length");
            length = in.readUnsignedByte();
        } else if (first == 0x82) {
            Wire.need(in, 2, pdu, field + ".length");
            length = in.readUnsignedShort();
        } else {
            throw RdpException.malformed(pdu, field + ".length", String.format("unsupported BER length form 0x%02x", first));
        }
        Wire.need(in, length, pdu, field);
        return length;
    }

    /** Reads {@code expectedTag} and its length; returns the length. */
    public static int readTag(ByteBuf in, int expectedTag, String pdu, String field) {
        Wire.need(in, 1, pdu, field + ".tag");
        int tag = in.readUnsignedByte();
        if (tag != expectedTag) {
            throw RdpException.malformed(pdu, field + ".tag", String.format("is 0x%02x, expected 0x%02x", tag, expectedTag));
        }
        return readLength(in, pdu, field);
    }

    /** Reads the two-byte APPLICATION tag {@code 7f nn} (constructed, number 31..127) and its length. */
    public static int readApplicationTag(ByteBuf in, int number, String pdu, String field) {
        Wire.need(in, 2, pdu, field + ".tag");
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if (first != 0x7F || second != number) {
            throw RdpException.malformed(pdu, field + ".tag",
                    String.format("is 0x%02x%02x, expected APPLICATION %d (0x7f%02x)", first, second, number, number));
        }
        return readLength(in, pdu, field);
    }

    public static void writeApplicationTag(ByteBuf out, int number, int length) {
        out.writeByte(0x7F);
        out.writeByte(number);
        writeLength(out, length);
    }

    /** Size of an INTEGER with {@code value} (0..2^31-1) encoded without sign padding, as MCS peers do. */
    public static int integerSize(int value) {
        return 2 + integerContentSize(value);
    }

    private static int integerContentSize(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative BER integer " + value);
        }
        return value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFF ? 3 : 4;
    }

    public static void writeInteger(ByteBuf out, int value) {
        int n = integerContentSize(value);
        out.writeByte(TAG_INTEGER);
        out.writeByte(n);
        for (int i = n - 1; i >= 0; i--) {
            out.writeByte(value >>> (8 * i));
        }
    }

    /** Reads an INTEGER as an unsigned value of at most 4 content bytes (leading zero bytes allowed). */
    public static long readInteger(ByteBuf in, String pdu, String field) {
        int length = readTag(in, TAG_INTEGER, pdu, field);
        if (length < 1 || length > 5) {
            throw RdpException.malformed(pdu, field, "integer of " + length + " bytes");
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | in.readUnsignedByte();
        }
        if (v > 0xFFFFFFFFL) {
            throw RdpException.malformed(pdu, field, "integer " + v + " exceeds 32 bits");
        }
        return v;
    }

    public static void writeEnumerated(ByteBuf out, int value) {
        out.writeByte(TAG_ENUMERATED);
        out.writeByte(1);
        out.writeByte(value);
    }

    public static int readEnumerated(ByteBuf in, String pdu, String field) {
        int length = readTag(in, TAG_ENUMERATED, pdu, field);
        if (length != 1) {
            throw RdpException.malformed(pdu, field, "enumerated of " + length + " bytes");
        }
        return in.readUnsignedByte();
    }

    public static void writeBoolean(ByteBuf out, boolean value) {
        out.writeByte(TAG_BOOLEAN);
        out.writeByte(1);
        out.writeByte(value ? 0xFF : 0x00);
    }

    public static boolean readBoolean(ByteBuf in, String pdu, String field) {
        int length = readTag(in, TAG_BOOLEAN, pdu, field);
        if (length != 1) {
            throw RdpException.malformed(pdu, field, "boolean of " + length + " bytes");
        }
        return in.readUnsignedByte() != 0;
    }

    public static void writeOctetStringHeader(ByteBuf out, int length) {
        out.writeByte(TAG_OCTET_STRING);
        writeLength(out, length);
    }

    public static int octetStringSize(int length) {
        return 1 + lengthSize(length) + length;
    }
}
