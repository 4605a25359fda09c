package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.4.4 Color Pointer Update (TS_COLORPOINTERATTRIBUTE): a 24 bpp pointer stored in
 * cache slot {@code cacheIndex}, with hotspot, size, the bottom-up XOR mask and 1 bpp AND mask (each scan
 * line padded to 2 bytes). The wire order is lengthAndMask, lengthXorMask, xorMaskData, andMaskData; an
 * optional trailing pad byte is ignored. Masks are slices of the decoded buffer.
 */
public record ColorPointer(int cacheIndex, int hotSpotX, int hotSpotY, int width, int height, ByteBuf xorMaskData,
                           ByteBuf andMaskData) implements PointerUpdate {

    static final String PDU = "TS_COLORPOINTERATTRIBUTE";
    public static final int FIXED_SIZE = 14;

    public ColorPointer {
        Wire.requireUnsigned(cacheIndex, 16, PDU, "cacheIndex");
        Wire.requireUnsigned(hotSpotX, 16, PDU, "hotSpot.xPos");
        Wire.requireUnsigned(hotSpotY, 16, PDU, "hotSpot.yPos");
        Wire.requireUnsigned(width, 16, PDU, "width");
        Wire.requireUnsigned(height, 16, PDU, "height");
        if (xorMaskData == null || andMaskData == null) {
            throw RdpException.argument(PDU, "xorMaskData/andMaskData", "is null");
        }
        Wire.requireUnsigned(xorMaskData.readableBytes(), 16, PDU, "lengthXorMask");
        Wire.requireUnsigned(andMaskData.readableBytes(), 16, PDU, "lengthAndMask");
    }

    @Override
    public int messageType() {
        return TS_PTRMSGTYPE_COLOR;
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_COLOR;
    }

    @Override
    public int fastPathSize() {
        return FIXED_SIZE + xorMaskData.readableBytes() + andMaskData.readableBytes();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(cacheIndex);
        out.writeShortLE(hotSpotX);
        out.writeShortLE(hotSpotY);
        out.writeShortLE(width);
        out.writeShortLE(height);
        out.writeShortLE(andMaskData.readableBytes());
        out.writeShortLE(xorMaskData.readableBytes());
        out.writeBytes(xorMaskData, xorMaskData.readerIndex(), xorMaskData.readableBytes());
        out.writeBytes(andMaskData, andMaskData.readerIndex(), andMaskData.readableBytes());
    }

    static ColorPointer decode(ByteBuf in) {
        Wire.need(in, FIXED_SIZE, PDU, "header");
        int index = in.readUnsignedShortLE();
        int hotX = in.readUnsignedShortLE();
        int hotY = in.readUnsignedShortLE();
        int width = in.readUnsignedShortLE();
        int height = in.readUnsignedShortLE();
        int andLength = in.readUnsignedShortLE();
        int xorLength = in.readUnsignedShortLE();
        Wire.need(in, xorLength, PDU, "xorMaskData");
        ByteBuf xor = in.readSlice(xorLength);
        Wire.need(in, andLength, PDU, "andMaskData");
        ByteBuf and = in.readSlice(andLength);
        return new ColorPointer(index, hotX, hotY, width, height, xor, and);
    }
}
