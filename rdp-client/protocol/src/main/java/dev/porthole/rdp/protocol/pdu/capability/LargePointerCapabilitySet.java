package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.7 Large Pointer Capability Set: pointers up to 96x96 or 384x384
 * pixels (the latter also enables the fast-path Large Pointer Update). Both need multifragment updates.
 */
public record LargePointerCapabilitySet(int largePointerSupportFlags) implements CapabilitySet {

    static final String PDU = "TS_LARGE_POINTER_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 2;
    public static final int LARGE_POINTER_FLAG_96X96 = 0x0001;
    public static final int LARGE_POINTER_FLAG_384X384 = 0x0002;

    public LargePointerCapabilitySet {
        Wire.requireUnsigned(largePointerSupportFlags, 16, PDU, "largePointerSupportFlags");
    }

    @Override
    public int type() {
        return CAPSETTYPE_LARGE_POINTER;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(largePointerSupportFlags);
    }

    static LargePointerCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int largePointerSupportFlags = body.readUnsignedShortLE();
        return Wire.decoded(() -> new LargePointerCapabilitySet(largePointerSupportFlags));
    }
}
