package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPRFX 2.2.3.1 Frame Acknowledge PDU (TS_FRAME_ACKNOWLEDGE_PDU): the client has rendered the
 * frame that a Frame Marker Command (MS-RDPBCGR 2.2.9.2.3) with SURFACECMD_FRAMEACTION_END closed.
 */
public record FrameAcknowledgePdu(int frameId) implements ShareData {

    static final String PDU = "TS_FRAME_ACKNOWLEDGE_PDU";
    public static final int BODY_SIZE = 4;

    @Override
    public int pduType2() {
        return PDUTYPE2_FRAME_ACKNOWLEDGE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(frameId);
    }

    static FrameAcknowledgePdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int frameId = body.readIntLE();
        return Wire.decoded(() -> new FrameAcknowledgePdu(frameId));
    }
}
