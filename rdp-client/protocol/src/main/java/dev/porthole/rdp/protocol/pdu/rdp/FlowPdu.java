package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A T.128 FlowPDU (T.128 8.5), recognised by a Share Control Header whose totalLength is 0x8000
 * (MS-RDPBCGR 2.2.8.1.1.1.1): 8 bytes that the client MUST ignore. Decoded only so that it can be skipped.
 */
public record FlowPdu(int pduTypeFlow, int flowIdentifier, int flowNumber, int pduSource) implements ShareControlPdu {

    static final String PDU = "FlowPDU";

    public FlowPdu {
        Wire.requireUnsigned(pduTypeFlow, 16, PDU, "pduTypeFlow");
        Wire.requireUnsigned(flowIdentifier, 8, PDU, "flowIdentifier");
        Wire.requireUnsigned(flowNumber, 8, PDU, "flowNumber");
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
    }

    @Override
    public int type() {
        return pduTypeFlow & 0x0F;
    }

    @Override
    public int size() {
        return 8;
    }

    @Override
    public int bodySize() {
        return 2;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(ShareControlHeader.FLOW_MARKER);
        out.writeShortLE(pduTypeFlow);
        out.writeByte(flowIdentifier);
        out.writeByte(flowNumber);
        out.writeShortLE(pduSource);
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(flowIdentifier);
        out.writeByte(flowNumber);
    }

    static FlowPdu decodeRest(ShareControlHeader h, ByteBuf in) {
        Wire.need(in, 4, PDU, "flowIdentifier/flowNumber/pduSource");
        int id = in.readUnsignedByte();
        int number = in.readUnsignedByte();
        int source = in.readUnsignedShortLE();
        return new FlowPdu(h.pduType(), id, number, source);
    }
}
