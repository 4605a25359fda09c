package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1.2.2 Bitmap Data (TS_BITMAP_DATA): one rectangle of a bitmap update. The
 * destination bounds are inclusive; width and height describe the (possibly wider, 4-aligned) encoded
 * bitmap. With BITMAP_COMPRESSION the data is interleaved RLE (or planar at 32 bpp) and, unless
 * NO_BITMAP_COMPRESSION_HDR is set, preceded by a {@link CompressedDataHeader}. {@code bitmapDataStream}
 * is a slice for the codec layer; no pixel is decoded here.
 */
public record BitmapData(int destLeft, int destTop, int destRight, int destBottom, int width, int height,
                         int bitsPerPixel, int flags, CompressedDataHeader compressedDataHeader,
                         ByteBuf bitmapDataStream) {

    static final String PDU = "TS_BITMAP_DATA";
    public static final int FIXED_SIZE = 18;
    public static final int BITMAP_COMPRESSION = 0x0001;
    public static final int NO_BITMAP_COMPRESSION_HDR = 0x0400;

    public BitmapData {
        Wire.requireUnsigned(destLeft, 16, PDU, "destLeft");
        Wire.requireUnsigned(destTop, 16, PDU, "destTop");
        Wire.requireUnsigned(destRight, 16, PDU, "destRight");
        Wire.requireUnsigned(destBottom, 16, PDU, "destBottom");
        Wire.requireUnsigned(width, 16, PDU, "width");
        Wire.requireUnsigned(height, 16, PDU, "height");
        Wire.requireUnsigned(bitsPerPixel, 16, PDU, "bitsPerPixel");
        Wire.requireUnsigned(flags, 16, PDU, "flags");
        if (bitmapDataStream == null) {
            throw RdpException.argument(PDU, "bitmapDataStream", "is null");
        }
        if (hasHeader(flags) != (compressedDataHeader != null)) {
            throw RdpException.argument(PDU, "bitmapComprHdr", "must be present exactly when BITMAP_COMPRESSION is set"
                    + " without NO_BITMAP_COMPRESSION_HDR");
        }
        Wire.requireUnsigned((compressedDataHeader == null ? 0 : CompressedDataHeader.SIZE)
                + bitmapDataStream.readableBytes(), 16, PDU, "bitmapLength");
    }

    private static boolean hasHeader(int flags) {
        return (flags & BITMAP_COMPRESSION) != 0 && (flags & NO_BITMAP_COMPRESSION_HDR) == 0;
    }

    public boolean compressed() {
        return (flags & BITMAP_COMPRESSION) != 0;
    }

    public int size() {
        return FIXED_SIZE + (compressedDataHeader == null ? 0 : CompressedDataHeader.SIZE) + bitmapDataStream.readableBytes();
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(destLeft);
        out.writeShortLE(destTop);
        out.writeShortLE(destRight);
        out.writeShortLE(destBottom);
        out.writeShortLE(width);
        out.writeShortLE(height);
        out.writeShortLE(bitsPerPixel);
        out.writeShortLE(flags);
        out.writeShortLE(size() - FIXED_SIZE);
        if (compressedDataHeader != null) {
            compressedDataHeader.encode(out);
        }
        out.writeBytes(bitmapDataStream, bitmapDataStream.readerIndex(), bitmapDataStream.readableBytes());
    }

    static BitmapData decode(ByteBuf in, int index) {
        String field = "rectangles[" + index + "]";
        Wire.need(in, FIXED_SIZE, PDU, field);
        int left = in.readUnsignedShortLE();
        int top = in.readUnsignedShortLE();
        int right = in.readUnsignedShortLE();
        int bottom = in.readUnsignedShortLE();
        int width = in.readUnsignedShortLE();
        int height = in.readUnsignedShortLE();
        int bpp = in.readUnsignedShortLE();
        int flags = in.readUnsignedShortLE();
        int length = in.readUnsignedShortLE();
        Wire.need(in, length, PDU, field + ".bitmapLength");
        ByteBuf data = in.readSlice(length);
        CompressedDataHeader header = null;
        if (hasHeader(flags)) {
            header = CompressedDataHeader.decode(data);
        }
        CompressedDataHeader h = header;
        return Wire.decoded(() -> new BitmapData(left, top, right, bottom, width, height, bpp, flags, h,
                data.readSlice(data.readableBytes())));
    }
}
