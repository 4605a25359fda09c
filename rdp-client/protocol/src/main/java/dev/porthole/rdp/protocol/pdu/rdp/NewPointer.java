package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.4.5 New Pointer Update (TS_POINTERATTRIBUTE): a {@link ColorPointer} whose XOR mask
 * has {@code xorBpp} bits per pixel (1, 4, 8, 16, 24 or 32).
 */
public record NewPointer(int xorBpp, ColorPointer colorPointer) implements PointerUpdate {

    static final String PDU = "TS_POINTERATTRIBUTE";

    public NewPointer {
        Wire.requireUnsigned(xorBpp, 16, PDU, "xorBpp");
        if (colorPointer == null) {
            throw RdpException.argument(PDU, "colorPtrAttr", "is null");
        }
    }

    @Override
    public int messageType() {
        return TS_PTRMSGTYPE_POINTER;
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_POINTER;
    }

    @Override
    public int fastPathSize() {
        return 2 + colorPointer.fastPathSize();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(xorBpp);
        colorPointer.encodeFastPath(out);
    }

    static NewPointer decode(ByteBuf in) {
        Wire.need(in, 2, PDU, "xorBpp");
        int bpp = in.readUnsignedShortLE();
        return new NewPointer(bpp, ColorPointer.decode(in));
    }
}
