package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.4.1 Revision 1 Bitmap Cache Capability Set: three memory caches, each with an entry
 * count and a maximum cell size. The 24 bytes of padding are written as zero and ignored on read.
 */
public record BitmapCacheCapabilitySet(int cache0Entries, int cache0MaximumCellSize, int cache1Entries, int cache1MaximumCellSize, int cache2Entries, int cache2MaximumCellSize) implements CapabilitySet {

    static final String PDU = "TS_BITMAPCACHE_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 36;

    public BitmapCacheCapabilitySet {
        Wire.requireUnsigned(cache0Entries, 16, PDU, "Cache0Entries");
        Wire.requireUnsigned(cache0MaximumCellSize, 16, PDU, "Cache0MaximumCellSize");
        Wire.requireUnsigned(cache1Entries, 16, PDU, "Cache1Entries");
        Wire.requireUnsigned(cache1MaximumCellSize, 16, PDU, "Cache1MaximumCellSize");
        Wire.requireUnsigned(cache2Entries, 16, PDU, "Cache2Entries");
        Wire.requireUnsigned(cache2MaximumCellSize, 16, PDU, "Cache2MaximumCellSize");
    }

    @Override
    public int type() {
        return CAPSTYPE_BITMAPCACHE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeZero(24); // pad1..pad6
        out.writeShortLE(cache0Entries);
        out.writeShortLE(cache0MaximumCellSize);
        out.writeShortLE(cache1Entries);
        out.writeShortLE(cache1MaximumCellSize);
        out.writeShortLE(cache2Entries);
        out.writeShortLE(cache2MaximumCellSize);
    }

    static BitmapCacheCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        body.skipBytes(24); // pad1..pad6
        int cache0Entries = body.readUnsignedShortLE();
        int cache0MaximumCellSize = body.readUnsignedShortLE();
        int cache1Entries = body.readUnsignedShortLE();
        int cache1MaximumCellSize = body.readUnsignedShortLE();
        int cache2Entries = body.readUnsignedShortLE();
        int cache2MaximumCellSize = body.readUnsignedShortLE();
        return Wire.decoded(() -> new BitmapCacheCapabilitySet(cache0Entries, cache0MaximumCellSize, cache1Entries, cache1MaximumCellSize, cache2Entries, cache2MaximumCellSize));
    }
}
