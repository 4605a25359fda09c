package dev.porthole.rdp.protocol.pdu.tpkt;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * TPKT header (RFC 1006 / ITU-T T.123 section 8, as used by MS-RDPBCGR 2.2.1.1 tpktHeader): version 3,
 * one reserved byte, and the big-endian length of the whole packet including this header.
 *
 * @param packetLength total packet length in bytes, header included (7..65535)
 */
public record TpktHeader(int packetLength) {

    static final String PDU = "TPKT";

    /** Encoded size of the header. */
    public static final int SIZE = 4;

    /** The only TPKT version (T.123). */
    public static final int VERSION = 3;

    /** Smallest meaningful packet: header plus the shortest X.224 TPDU (data header, 3 bytes). */
    public static final int MIN_PACKET_LENGTH = SIZE + 3;

    public TpktHeader {
        if (packetLength < MIN_PACKET_LENGTH || packetLength > 0xFFFF) {
            throw RdpException.argument(PDU, "packetLength", packetLength + " outside " + MIN_PACKET_LENGTH + "..65535");
        }
    }

    public static TpktHeader decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "header");
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw RdpException.malformed(PDU, "version", "is " + version + ", expected " + VERSION);
        }
        in.skipBytes(1); // reserved
        int length = in.readUnsignedShort(); // big-endian (T.123)
        if (length < MIN_PACKET_LENGTH) {
            throw RdpException.malformed(PDU, "packetLength", length + " is shorter than " + MIN_PACKET_LENGTH);
        }
        return new TpktHeader(length);
    }

    public void encode(ByteBuf out) {
        out.writeByte(VERSION);
        out.writeByte(0);
        out.writeShort(packetLength); // big-endian (T.123)
    }

    public int size() {
        return SIZE;
    }

    /**
     * Framing: the length of the TPKT packet starting at {@code in}'s reader index, or -1 when fewer
     * than 4 bytes are readable. Does not move the reader index.
     *
     * @throws RdpException MALFORMED when the bytes there are not a TPKT header
     */
    public static int peekPacketLength(ByteBuf in) {
        if (in.readableBytes() < SIZE) {
            return -1;
        }
        int at = in.readerIndex();
        int version = in.getUnsignedByte(at);
        if (version != VERSION) {
            throw RdpException.malformed(PDU, "version", "is " + version + ", expected " + VERSION);
        }
        int length = in.getUnsignedShort(at + 2);
        if (length < MIN_PACKET_LENGTH) {
            throw RdpException.malformed(PDU, "packetLength", length + " is shorter than " + MIN_PACKET_LENGTH);
        }
        return length;
    }
}
