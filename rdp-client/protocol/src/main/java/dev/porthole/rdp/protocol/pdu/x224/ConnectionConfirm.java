package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.2 Server X.224 Connection Confirm PDU: TPKT header, X.224 CC TPDU and optional
 * rdpNegData (RDP_NEG_RSP or RDP_NEG_FAILURE). A confirm without rdpNegData means the server chose
 * Standard RDP Security (it does not know the negotiation extension).
 *
 * @param sourceReference the server's SRC-REF (echoed in logs only)
 * @param outcome         the negotiation response or failure, or {@code null} when absent
 */
public record ConnectionConfirm(int sourceReference, NegotiationOutcome outcome) {

    static final String PDU = "X.224 Connection Confirm";

    public ConnectionConfirm {
        Wire.requireUnsigned(sourceReference, 16, PDU, "sourceReference");
    }

    public int size() {
        return TpktHeader.SIZE + X224.CONNECTION_HEADER_SIZE + (outcome == null ? 0 : outcome.size());
    }

    public void encode(ByteBuf out) {
        int size = size();
        new TpktHeader(size).encode(out);
        out.writeByte(size - TpktHeader.SIZE - 1);
        out.writeByte(X224.TPDU_CONNECTION_CONFIRM);
        out.writeShort(0); // DST-REF
        out.writeShort(sourceReference); // SRC-REF, big-endian (X.224)
        out.writeByte(0); // class 0
        if (outcome != null) {
            outcome.encode(out);
        }
    }

    /** Decodes one whole packet (TPKT header included). */
    public static ConnectionConfirm decode(ByteBuf in) {
        TpktHeader tpkt = TpktHeader.decode(in);
        int body = tpkt.packetLength() - TpktHeader.SIZE;
        Wire.need(in, body, PDU, "packet");
        ByteBuf tpdu = in.readSlice(body);
        Wire.need(tpdu, X224.CONNECTION_HEADER_SIZE, PDU, "x224Ccf");
        int li = tpdu.readUnsignedByte();
        if (li != body - 1) {
            throw RdpException.malformed(PDU, "lengthIndicator", li + " disagrees with TPKT length (expected " + (body - 1) + ")");
        }
        int code = tpdu.readUnsignedByte();
        if ((code & 0xF0) != X224.TPDU_CONNECTION_CONFIRM) {
            throw RdpException.malformed(PDU, "type", String.format("0x%02x is not a CC TPDU", code));
        }
        tpdu.skipBytes(2); // DST-REF
        int srcRef = tpdu.readUnsignedShort();
        tpdu.skipBytes(1); // class
        NegotiationOutcome outcome = null;
        if (tpdu.isReadable()) {
            int type = tpdu.getUnsignedByte(tpdu.readerIndex());
            outcome = switch (type) {
                case NegotiationResponse.TYPE -> NegotiationResponse.decode(tpdu);
                case NegotiationFailure.TYPE -> NegotiationFailure.decode(tpdu);
                default -> throw RdpException.malformed(PDU, "rdpNegData.type", type + " is neither RDP_NEG_RSP (2) nor RDP_NEG_FAILURE (3)");
            };
        }
        if (tpdu.isReadable()) {
            throw RdpException.malformed(PDU, "packet", tpdu.readableBytes() + " unexpected trailing bytes");
        }
        return new ConnectionConfirm(srcRef, outcome);
    }
}
