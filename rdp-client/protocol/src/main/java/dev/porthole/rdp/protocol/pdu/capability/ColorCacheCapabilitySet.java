package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPEGDI 2.2.1.1 Color Table Cache Capability Set (the size is ignored and assumed to be 6).
 */
public record ColorCacheCapabilitySet(int colorTableCacheSize) implements CapabilitySet {

    static final String PDU = "TS_COLORTABLECACHE_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;

    public ColorCacheCapabilitySet {
        Wire.requireUnsigned(colorTableCacheSize, 16, PDU, "colorTableCacheSize");
    }

    @Override
    public int type() {
        return CAPSTYPE_COLORCACHE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(colorTableCacheSize);
        out.writeZero(2); // pad2octets
    }

    static ColorCacheCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int colorTableCacheSize = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octets
        return Wire.decoded(() -> new ColorCacheCapabilitySet(colorTableCacheSize));
    }
}
