package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.2.1.11 Fast-Path Large Pointer Update (TS_FP_LARGEPOINTERATTRIBUTE): like a
 * {@link NewPointer} but up to 384x384 pixels with 32-bit mask lengths. Fast path only (it needs
 * LARGE_POINTER_FLAG_384x384); it has no slow-path form.
 */
public record LargePointer(int xorBpp, int cacheIndex, int hotSpotX, int hotSpotY, int width, int height,
                           ByteBuf xorMaskData, ByteBuf andMaskData) implements PointerUpdate {

    static final String PDU = "TS_FP_LARGEPOINTERATTRIBUTE";
    public static final int FIXED_SIZE = 20;
    public static final int MAX_SIZE = 384;

    public LargePointer {
        Wire.requireUnsigned(xorBpp, 16, PDU, "xorBpp");
        Wire.requireUnsigned(cacheIndex, 16, PDU, "cacheIndex");
        Wire.requireUnsigned(hotSpotX, 16, PDU, "hotSpot.xPos");
        Wire.requireUnsigned(hotSpotY, 16, PDU, "hotSpot.yPos");
        if (width > MAX_SIZE || height > MAX_SIZE || width < 0 || height < 0) {
            throw RdpException.argument(PDU, "width/height", width + "x" + height + " exceeds 384x384");
        }
        if (xorMaskData == null || andMaskData == null) {
            throw RdpException.argument(PDU, "xorMaskData/andMaskData", "is null");
        }
    }

    @Override
    public int messageType() {
        throw RdpException.argument(PDU, "messageType", "the large pointer update exists only on the fast path");
    }

    @Override
    public int slowPathSize() {
        throw RdpException.argument(PDU, "messageType", "the large pointer update exists only on the fast path");
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        throw RdpException.argument(PDU, "messageType", "the large pointer update exists only on the fast path");
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_LARGE_POINTER;
    }

    @Override
    public int fastPathSize() {
        return FIXED_SIZE + xorMaskData.readableBytes() + andMaskData.readableBytes();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(xorBpp);
        out.writeShortLE(cacheIndex);
        out.writeShortLE(hotSpotX);
        out.writeShortLE(hotSpotY);
        out.writeShortLE(width);
        out.writeShortLE(height);
        out.writeIntLE(andMaskData.readableBytes());
        out.writeIntLE(xorMaskData.readableBytes());
        out.writeBytes(xorMaskData, xorMaskData.readerIndex(), xorMaskData.readableBytes());
        out.writeBytes(andMaskData, andMaskData.readerIndex(), andMaskData.readableBytes());
    }

    static LargePointer decode(ByteBuf in) {
        Wire.need(in, FIXED_SIZE, PDU, "header");
        int bpp = in.readUnsignedShortLE();
        int index = in.readUnsignedShortLE();
        int hotX = in.readUnsignedShortLE();
        int hotY = in.readUnsignedShortLE();
        int width = in.readUnsignedShortLE();
        int height = in.readUnsignedShortLE();
        long andLength = in.readUnsignedIntLE();
        long xorLength = in.readUnsignedIntLE();
        if (xorLength > in.readableBytes()) {
            throw RdpException.malformed(PDU, "lengthXorMask", xorLength + " exceeds the " + in.readableBytes() + " bytes left");
        }
        ByteBuf xor = in.readSlice((int) xorLength);
        if (andLength > in.readableBytes()) {
            throw RdpException.malformed(PDU, "lengthAndMask", andLength + " exceeds the " + in.readableBytes() + " bytes left");
        }
        ByteBuf and = in.readSlice((int) andLength);
        return Wire.decoded(() -> new LargePointer(bpp, index, hotX, hotY, width, height, xor, and));
    }
}
