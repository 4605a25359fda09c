package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.9 Offscreen Bitmap Cache Capability Set: support level (0 or 1), the cache size in
 * kilobytes and the number of entries.
 */
public record OffscreenBitmapCacheCapabilitySet(int offscreenSupportLevel, int offscreenCacheSize, int offscreenCacheEntries) implements CapabilitySet {

    static final String PDU = "TS_OFFSCREEN_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 8;

    public OffscreenBitmapCacheCapabilitySet {
        Wire.requireUnsigned(offscreenCacheSize, 16, PDU, "offscreenCacheSize");
        Wire.requireUnsigned(offscreenCacheEntries, 16, PDU, "offscreenCacheEntries");
    }

    @Override
    public int type() {
        return CAPSTYPE_OFFSCREENCACHE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(offscreenSupportLevel);
        out.writeShortLE(offscreenCacheSize);
        out.writeShortLE(offscreenCacheEntries);
    }

    static OffscreenBitmapCacheCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int offscreenSupportLevel = body.readIntLE();
        int offscreenCacheSize = body.readUnsignedShortLE();
        int offscreenCacheEntries = body.readUnsignedShortLE();
        return Wire.decoded(() -> new OffscreenBitmapCacheCapabilitySet(offscreenSupportLevel, offscreenCacheSize, offscreenCacheEntries));
    }
}
