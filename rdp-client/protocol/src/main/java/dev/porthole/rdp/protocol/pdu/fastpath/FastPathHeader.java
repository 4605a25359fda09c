package dev.porthole.rdp.protocol.pdu.fastpath;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The first bytes of every fast-path PDU (MS-RDPBCGR 2.2.9.1.2 fpOutputHeader, 2.2.8.1.2 fpInputHeader):
 * one byte with the action in bits 0-1 (0 = fast-path; 3 would be a TPKT version byte), four bits that
 * are numEvents on input and reserved on output, and the two security flags in bits 6-7; then the
 * whole PDU's length in one byte (1..127) or, with the top bit of the first length byte set, in 15
 * big-endian bits over two bytes.
 *
 * @param eventBits the middle four bits (numEvents on input, 0 on output)
 * @param flags     FASTPATH_*_SECURE_CHECKSUM / FASTPATH_*_ENCRYPTED
 * @param length    the total PDU length, header included
 */
public record FastPathHeader(int eventBits, int flags, int length) {

    static final String PDU = "fast-path header";

    public static final int FASTPATH_ACTION_FASTPATH = 0x0;
    public static final int FASTPATH_ACTION_X224 = 0x3;
    /** FASTPATH_OUTPUT_SECURE_CHECKSUM / FASTPATH_INPUT_SECURE_CHECKSUM: the MAC was salted. */
    public static final int FASTPATH_SECURE_CHECKSUM = 0x1;
    /** FASTPATH_OUTPUT_ENCRYPTED / FASTPATH_INPUT_ENCRYPTED: a MAC follows and the data is encrypted. */
    public static final int FASTPATH_ENCRYPTED = 0x2;
    /** The longest fast-path PDU the 15-bit length can express. */
    public static final int MAX_LENGTH = 0x7FFF;

    public FastPathHeader {
        Wire.requireUnsigned(eventBits, 4, PDU, "numEvents");
        Wire.requireUnsigned(flags, 2, PDU, "flags");
        if (length < 2 || length > MAX_LENGTH) {
            throw RdpException.argument(PDU, "length", length + " outside 2.." + MAX_LENGTH);
        }
    }

    /** Bytes the length field takes for a PDU of {@code length} bytes. */
    public static int lengthFieldSize(int length) {
        return length <= 0x7F ? 1 : 2;
    }

    /** The total length of a PDU whose content after header and length is {@code contentSize} bytes. */
    public static int totalLength(int contentSize) {
        int oneByte = 2 + contentSize;
        return oneByte <= 0x7F ? oneByte : 3 + contentSize;
    }

    /** Bytes of the header and length field. */
    public int size() {
        return 1 + lengthFieldSize(length);
    }

    public void encode(ByteBuf out) {
        out.writeByte(FASTPATH_ACTION_FASTPATH | eventBits << 2 | flags << 6);
        if (length <= 0x7F) {
            out.writeByte(length);
        } else {
            out.writeShort(0x8000 | length); // big-endian, top bit marks the two-byte form
        }
    }

    /** Reads the header byte and the length; fails unless the action is fast-path and the length is plausible. */
    public static FastPathHeader decode(ByteBuf in) {
        Wire.need(in, 2, PDU, "fpHeader/length1");
        int header = in.readUnsignedByte();
        int action = header & 0x03;
        if (action != FASTPATH_ACTION_FASTPATH) {
            throw RdpException.malformed(PDU, "action", "is " + action + ", not fast-path (0)");
        }
        int length1 = in.readUnsignedByte();
        int length;
        int headerSize;
        if ((length1 & 0x80) != 0) {
            Wire.need(in, 1, PDU, "length2");
            length = (length1 & 0x7F) << 8 | in.readUnsignedByte();
            headerSize = 3;
        } else {
            length = length1;
            headerSize = 2;
        }
        if (length < headerSize) {
            throw RdpException.malformed(PDU, "length", length + " is shorter than the " + headerSize + "-byte header");
        }
        return new FastPathHeader((header >>> 2) & 0x0F, (header >>> 6) & 0x03, length);
    }
}
