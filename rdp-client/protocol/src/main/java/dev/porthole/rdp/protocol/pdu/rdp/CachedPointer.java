package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.9.1.1.4.6 Cached Pointer Update (TS_CACHEDPOINTERATTRIBUTE): show the pointer in cache slot {@code cacheIndex}. */
public record CachedPointer(int cacheIndex) implements PointerUpdate {

    static final String PDU = "TS_CACHEDPOINTERATTRIBUTE";

    public CachedPointer {
        Wire.requireUnsigned(cacheIndex, 16, PDU, "cacheIndex");
    }

    @Override
    public int messageType() {
        return TS_PTRMSGTYPE_CACHED;
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_CACHED;
    }

    @Override
    public int fastPathSize() {
        return 2;
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(cacheIndex);
    }

    static CachedPointer decode(ByteBuf in) {
        Wire.need(in, 2, PDU, "cacheIndex");
        return new CachedPointer(in.readUnsignedShortLE());
    }
}
