package dev.porthole.rdp.protocol.pdu.capability;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.4.2 Revision 2 Bitmap Cache Capability Set (TS_BITMAPCACHE_CAPABILITYSET_REV2):
 * cache flags, the number of caches in use (at most 5) and always five TS_BITMAPCACHE_CELL_CACHE_INFO
 * slots (2.2.7.1.4.2.1: 31-bit entry count, top bit = persistent). Padding is written as zero.
 */
public record BitmapCacheRev2CapabilitySet(int cacheFlags, int numCellCaches, List<CellInfo> cellInfo)
        implements CapabilitySet {

    static final String PDU = "TS_BITMAPCACHE_CAPABILITYSET_REV2";
    public static final int BODY_SIZE = 36;
    public static final int PERSISTENT_KEYS_EXPECTED_FLAG = 0x0001;
    public static final int ALLOW_CACHE_WAITING_LIST_FLAG = 0x0002;

    /** MS-RDPBCGR 2.2.7.1.4.2.1 TS_BITMAPCACHE_CELL_CACHE_INFO. */
    public record CellInfo(int numEntries, boolean persistent) {
        public CellInfo {
            Wire.requireUnsigned(numEntries, 31, PDU, "NumEntries");
        }

        int encoded() {
            return numEntries | (persistent ? 0x80000000 : 0);
        }

        static CellInfo of(int encoded) {
            return new CellInfo(encoded & 0x7FFFFFFF, encoded < 0);
        }
    }

    public BitmapCacheRev2CapabilitySet {
        Wire.requireUnsigned(cacheFlags, 16, PDU, "CacheFlags");
        if (numCellCaches < 0 || numCellCaches > 5) {
            throw RdpException.argument(PDU, "NumCellCaches", numCellCaches + " outside 0..5");
        }
        if (cellInfo == null || cellInfo.size() != 5) {
            throw RdpException.argument(PDU, "BitmapCacheNCellInfo", "must hold exactly 5 entries");
        }
        cellInfo = List.copyOf(cellInfo);
    }

    @Override
    public int type() {
        return CAPSTYPE_BITMAPCACHE_REV2;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(cacheFlags);
        out.writeByte(0); // Pad2
        out.writeByte(numCellCaches);
        for (CellInfo c : cellInfo) {
            out.writeIntLE(c.encoded());
        }
        out.writeZero(12); // Pad3
    }

    static BitmapCacheRev2CapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int flags = body.readUnsignedShortLE();
        body.skipBytes(1); // Pad2
        int caches = body.readUnsignedByte();
        List<CellInfo> cells = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) {
            cells.add(CellInfo.of(body.readIntLE()));
        }
        body.skipBytes(12); // Pad3
        return Wire.decoded(() -> new BitmapCacheRev2CapabilitySet(flags, caches, cells));
    }
}
