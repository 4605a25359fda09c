package dev.porthole.rdp.protocol.pdu.fastpath;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * Framing of the RDP byte stream after the connection is up (MS-RDPBCGR 2.2.9.1.2, 5.3.8, 5.4.4): every
 * PDU is either a TPKT packet (first byte 0x03, big-endian length in bytes 2-3) or a fast-path PDU
 * (action bits 0-1 of the first byte are 0, length in the next one or two bytes). Used by the Netty
 * frame decoder to cut the stream into PDUs without decoding them.
 */
public final class FastPathFraming {

    static final String PDU = "RDP framing";

    private FastPathFraming() {}

    /** Whether the PDU starting with {@code firstByte} is a TPKT packet (slow path). */
    public static boolean isTpkt(int firstByte) {
        return (firstByte & 0xFF) == TpktHeader.VERSION;
    }

    /** Whether the PDU starting with {@code firstByte} is a fast-path PDU. */
    public static boolean isFastPath(int firstByte) {
        return (firstByte & 0x03) == FastPathHeader.FASTPATH_ACTION_FASTPATH;
    }

    /**
     * The length of the PDU starting at {@code in}'s reader index, or -1 when more bytes are needed to
     * know it (at most 4 are ever needed). Does not move the reader index.
     *
     * @throws RdpException MALFORMED when the first byte is neither TPKT nor fast-path or the length is
     *                      shorter than the header that carries it (which would stall a frame decoder)
     */
    public static int peekLength(ByteBuf in) {
        if (!in.isReadable()) {
            return -1;
        }
        int at = in.readerIndex();
        int first = in.getUnsignedByte(at);
        if (isTpkt(first)) {
            return TpktHeader.peekPacketLength(in);
        }
        if (!isFastPath(first)) {
            throw RdpException.malformed(PDU, "first byte", String.format(
                    "0x%02x is neither a TPKT version (0x03) nor a fast-path header (action 0)", first));
        }
        if (in.readableBytes() < 2) {
            return -1;
        }
        int length1 = in.getUnsignedByte(at + 1);
        if ((length1 & 0x80) == 0) {
            if (length1 < 2) {
                throw RdpException.malformed(PDU, "fast-path length1", length1 + " is shorter than the 2-byte header");
            }
            return length1;
        }
        if (in.readableBytes() < 3) {
            return -1;
        }
        int length = (length1 & 0x7F) << 8 | in.getUnsignedByte(at + 2);
        if (length < 3) {
            throw RdpException.malformed(PDU, "fast-path length", length + " is shorter than the 3-byte header");
        }
        return length;
    }
}
