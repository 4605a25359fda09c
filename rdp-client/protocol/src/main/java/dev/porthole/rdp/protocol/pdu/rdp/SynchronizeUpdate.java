package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1.3 Synchronize Update (TS_UPDATE_SYNC) and its fast-path form (2.2.9.1.2.1.3,
 * no data): a no-op servers send; clients ignore it.
 */
public record SynchronizeUpdate() implements GraphicsUpdate {

    @Override
    public int updateType() {
        return UPDATETYPE_SYNCHRONIZE;
    }

    @Override
    public int slowPathSize() {
        return 4;
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        out.writeShortLE(UPDATETYPE_SYNCHRONIZE);
        out.writeShortLE(0); // pad2Octets
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_SYNCHRONIZE;
    }

    @Override
    public int fastPathSize() {
        return 0;
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        // no updateData
    }
}
