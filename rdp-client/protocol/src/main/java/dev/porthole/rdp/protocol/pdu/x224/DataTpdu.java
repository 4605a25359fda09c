package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * X.224 Data TPDU header (MS-RDPBCGR 2.2.1.3 x224Data: LI 2, code 0xF0, EOT 0x80) inside a TPKT, the
 * envelope of every slow-path PDU after the connection request.
 */
public final class DataTpdu {

    static final String PDU = "X.224 Data";
    /** TPKT header plus the 3-byte data TPDU header. */
    public static final int OVERHEAD = TpktHeader.SIZE + 3;

    private DataTpdu() {}

    /** Writes the TPKT and X.224 data headers for a payload of {@code payloadSize} bytes. */
    public static void writeHeader(ByteBuf out, int payloadSize) {
        new TpktHeader(OVERHEAD + payloadSize).encode(out);
        out.writeByte(2); // LI
        out.writeByte(X224.TPDU_DATA);
        out.writeByte(0x80); // EOT
    }

    /**
     * Reads a whole TPKT packet holding a Data TPDU and returns its payload as a slice of {@code in}
     * (not retained); the reader index moves past the packet.
     */
    public static ByteBuf readPayload(ByteBuf in) {
        TpktHeader tpkt = TpktHeader.decode(in);
        int body = tpkt.packetLength() - TpktHeader.SIZE;
        Wire.need(in, body, PDU, "packet");
        ByteBuf tpdu = in.readSlice(body);
        int li = tpdu.readUnsignedByte();
        int code = tpdu.readUnsignedByte();
        if (code == X224.TPDU_DISCONNECT_REQUEST) {
            throw new RdpException(RdpException.Kind.TRANSPORT, "the server sent an X.224 Disconnect Request");
        }
        if (li != 2 || code != X224.TPDU_DATA) {
            throw RdpException.malformed(PDU, "header", String.format("LI %d code 0x%02x is not a Data TPDU (2, 0xf0)", li, code));
        }
        tpdu.skipBytes(1); // EOT
        return tpdu.readSlice(tpdu.readableBytes());
    }
}
