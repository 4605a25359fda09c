package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.9.1.1.4.2 Pointer Position Update (TS_POINTERPOSATTRIBUTE): the server moved the pointer. */
public record PointerPosition(int xPos, int yPos) implements PointerUpdate {

    static final String PDU = "TS_POINTERPOSATTRIBUTE";

    public PointerPosition {
        Wire.requireUnsigned(xPos, 16, PDU, "xPos");
        Wire.requireUnsigned(yPos, 16, PDU, "yPos");
    }

    @Override
    public int messageType() {
        return TS_PTRMSGTYPE_POSITION;
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_PTR_POSITION;
    }

    @Override
    public int fastPathSize() {
        return 4;
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(xPos);
        out.writeShortLE(yPos);
    }

    static PointerPosition decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "position");
        return new PointerPosition(in.readUnsignedShortLE(), in.readUnsignedShortLE());
    }
}
