package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.2.1.1 Extended Bitmap Data (TS_BITMAP_DATA_EX): an image encoded with the codec whose
 * id was agreed in the Bitmap Codecs Capability Set (0 = uncompressed), with the optional Extended
 * Compressed Bitmap Header (2.2.9.2.1.1.1: a 64-bit id and a timestamp). {@code bitmapData} is a slice for
 * the codec layer.
 */
public record BitmapDataEx(int bpp, int codecId, int width, int height, ExBitmapDataHeader exBitmapDataHeader,
                           ByteBuf bitmapData) {

    static final String PDU = "TS_BITMAP_DATA_EX";
    public static final int FIXED_SIZE = 12;
    public static final int EX_COMPRESSED_BITMAP_HEADER_PRESENT = 0x01;

    /** MS-RDPBCGR 2.2.9.2.1.1.1 Extended Compressed Bitmap Header (TS_COMPRESSED_BITMAP_HEADER_EX). */
    public record ExBitmapDataHeader(int highUniqueId, int lowUniqueId, long tmMilliseconds, long tmSeconds) {
        public static final int SIZE = 24;

        void encode(ByteBuf out) {
            out.writeIntLE(highUniqueId);
            out.writeIntLE(lowUniqueId);
            out.writeLongLE(tmMilliseconds);
            out.writeLongLE(tmSeconds);
        }

        static ExBitmapDataHeader decode(ByteBuf in) {
            Wire.need(in, SIZE, "TS_COMPRESSED_BITMAP_HEADER_EX", "structure");
            return new ExBitmapDataHeader(in.readIntLE(), in.readIntLE(), in.readLongLE(), in.readLongLE());
        }
    }

    public BitmapDataEx {
        Wire.requireUnsigned(bpp, 8, PDU, "bpp");
        Wire.requireUnsigned(codecId, 8, PDU, "codecID");
        Wire.requireUnsigned(width, 16, PDU, "width");
        Wire.requireUnsigned(height, 16, PDU, "height");
        if (bitmapData == null) {
            throw RdpException.argument(PDU, "bitmapData", "is null");
        }
    }

    public int size() {
        return FIXED_SIZE + (exBitmapDataHeader == null ? 0 : ExBitmapDataHeader.SIZE) + bitmapData.readableBytes();
    }

    public void encode(ByteBuf out) {
        out.writeByte(bpp);
        out.writeByte(exBitmapDataHeader == null ? 0 : EX_COMPRESSED_BITMAP_HEADER_PRESENT);
        out.writeByte(0); // reserved
        out.writeByte(codecId);
        out.writeShortLE(width);
        out.writeShortLE(height);
        out.writeIntLE(bitmapData.readableBytes());
        if (exBitmapDataHeader != null) {
            exBitmapDataHeader.encode(out);
        }
        out.writeBytes(bitmapData, bitmapData.readerIndex(), bitmapData.readableBytes());
    }

    static BitmapDataEx decode(ByteBuf in) {
        Wire.need(in, FIXED_SIZE, PDU, "header");
        int bpp = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        in.skipBytes(1); // reserved
        int codec = in.readUnsignedByte();
        int width = in.readUnsignedShortLE();
        int height = in.readUnsignedShortLE();
        long length = in.readUnsignedIntLE();
        ExBitmapDataHeader header = (flags & EX_COMPRESSED_BITMAP_HEADER_PRESENT) != 0 ? ExBitmapDataHeader.decode(in) : null;
        if (length > in.readableBytes()) {
            throw RdpException.malformed(PDU, "bitmapDataLength", length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        return new BitmapDataEx(bpp, codec, width, height, header, in.readSlice((int) length));
    }
}
