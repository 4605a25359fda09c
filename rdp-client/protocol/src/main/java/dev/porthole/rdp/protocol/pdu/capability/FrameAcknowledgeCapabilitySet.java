package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPRFX 2.2.1.3 Frame Acknowledge Capability Set: how many frames may be in flight
 * unacknowledged (a hint; 0 only announces support).
 */
public record FrameAcknowledgeCapabilitySet(int maxUnacknowledgedFrameCount) implements CapabilitySet {

    static final String PDU = "TS_FRAME_ACKNOWLEDGE_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;

    @Override
    public int type() {
        return CAPSSETTYPE_FRAME_ACKNOWLEDGE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(maxUnacknowledgedFrameCount);
    }

    static FrameAcknowledgeCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int maxUnacknowledgedFrameCount = body.readIntLE();
        return Wire.decoded(() -> new FrameAcknowledgeCapabilitySet(maxUnacknowledgedFrameCount));
    }
}
