package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.1 Bitmap Cache Host Support Capability Set: the server supports
 * the Revision 2 bitmap caches (cacheVersion TS_BITMAPCACHE_REV2). Support for Cache Bitmap Revision 3 orders is
 * announced separately, by ORDERFLAGS_EX_CACHE_BITMAP_REV3_SUPPORT in the {@link OrderCapabilitySet}.
 */
public record BitmapCacheHostSupportCapabilitySet(int cacheVersion) implements CapabilitySet {

    static final String PDU = "TS_BITMAPCACHE_HOSTSUPPORT_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;
    public static final int TS_BITMAPCACHE_REV2 = 0x01;

    public BitmapCacheHostSupportCapabilitySet {
        Wire.requireUnsigned(cacheVersion, 8, PDU, "cacheVersion");
    }

    @Override
    public int type() {
        return CAPSTYPE_BITMAPCACHE_HOSTSUPPORT;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(cacheVersion);
        out.writeZero(1); // pad1
        out.writeZero(2); // pad2
    }

    static BitmapCacheHostSupportCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int cacheVersion = body.readUnsignedByte();
        body.skipBytes(1); // pad1
        body.skipBytes(2); // pad2
        return Wire.decoded(() -> new BitmapCacheHostSupportCapabilitySet(cacheVersion));
    }
}
