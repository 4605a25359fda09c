package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The 8-byte layout RDP_NEG_REQ, RDP_NEG_RSP and RDP_NEG_FAILURE share (MS-RDPBCGR 2.2.1.1.1,
 * 2.2.1.2.1, 2.2.1.2.2): type (1 byte), flags (1 byte), length (2 bytes, always 8), a 32-bit value.
 */
final class NegotiationStructure {

    static final int SIZE = 8;

    /** The flags and the 32-bit value of a decoded structure. */
    record Fields(int flags, int value) {}

    private NegotiationStructure() {}

    static Fields decode(ByteBuf in, int expectedType, String pdu) {
        Wire.need(in, SIZE, pdu, "structure");
        int type = in.readUnsignedByte();
        if (type != expectedType) {
            throw RdpException.malformed(pdu, "type", "is " + type + ", expected " + expectedType);
        }
        int flags = in.readUnsignedByte();
        int length = in.readUnsignedShortLE();
        if (length != SIZE) {
            throw RdpException.malformed(pdu, "length", "is " + length + ", expected " + SIZE);
        }
        return new Fields(flags, in.readIntLE());
    }

    static void encode(ByteBuf out, int type, int flags, int value) {
        out.writeByte(type);
        out.writeByte(flags);
        out.writeShortLE(SIZE);
        out.writeIntLE(value);
    }
}
