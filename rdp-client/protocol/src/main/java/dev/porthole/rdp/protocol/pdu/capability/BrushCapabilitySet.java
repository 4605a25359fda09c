package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.7 Brush Capability Set.
 */
public record BrushCapabilitySet(int brushSupportLevel) implements CapabilitySet {

    static final String PDU = "TS_BRUSH_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;
    public static final int BRUSH_DEFAULT = 0x00000000;
    public static final int BRUSH_COLOR_8X8 = 0x00000001;
    public static final int BRUSH_COLOR_FULL = 0x00000002;

    @Override
    public int type() {
        return CAPSTYPE_BRUSH;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(brushSupportLevel);
    }

    static BrushCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int brushSupportLevel = body.readIntLE();
        return Wire.decoded(() -> new BrushCapabilitySet(brushSupportLevel));
    }
}
