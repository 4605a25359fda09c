package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.5 Pointer Capability Set (TS_POINTER_CAPABILITYSET): color pointer support and the
 * two pointer cache sizes. {@code pointerCacheSize} (for New Pointer Updates of any depth) is absent in
 * the 8-byte form older peers send; it is then {@code null}.
 */
public record PointerCapabilitySet(int colorPointerFlag, int colorPointerCacheSize, Integer pointerCacheSize)
        implements CapabilitySet {

    static final String PDU = "TS_POINTER_CAPABILITYSET";

    public PointerCapabilitySet {
        Wire.requireUnsigned(colorPointerFlag, 16, PDU, "colorPointerFlag");
        Wire.requireUnsigned(colorPointerCacheSize, 16, PDU, "colorPointerCacheSize");
        if (pointerCacheSize != null) {
            Wire.requireUnsigned(pointerCacheSize, 16, PDU, "pointerCacheSize");
        }
    }

    @Override
    public int type() {
        return CAPSTYPE_POINTER;
    }

    @Override
    public int bodySize() {
        return pointerCacheSize == null ? 4 : 6;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(colorPointerFlag);
        out.writeShortLE(colorPointerCacheSize);
        if (pointerCacheSize != null) {
            out.writeShortLE(pointerCacheSize);
        }
    }

    static PointerCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "lengthCapability");
        int flag = body.readUnsignedShortLE();
        int colorSize = body.readUnsignedShortLE();
        Integer size = body.readableBytes() >= 2 ? body.readUnsignedShortLE() : null;
        return new PointerCapabilitySet(flag, colorSize, size);
    }
}
