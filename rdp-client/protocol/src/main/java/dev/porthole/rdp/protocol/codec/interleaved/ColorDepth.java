package dev.porthole.rdp.protocol.codec.interleaved;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * The color depths of Interleaved RLE bitmaps (MS-RDPBCGR 2.2.9.1.1.3.1.2.4 and the pseudo-code in
 * 3.1.9): the size of one pixel on the wire, the "white" and "black" pixel values, and the conversion
 * of a wire pixel to the surface's {@code 0xFFRRGGBB}. Pixels are little-endian on the wire.
 */
public enum ColorDepth {
    /** 8 bpp: an index into the session palette (MS-RDPBCGR 2.2.9.1.1.3.1.1); white is index 0xFF. */
    BPP8(8, 1, 0xFF),
    /** 15 bpp: {@code 0RRRRRGGGGGBBBBB} (RGB555). */
    BPP15(15, 2, 0x7FFF),
    /** 16 bpp: {@code RRRRRGGGGGGBBBBB} (RGB565). */
    BPP16(16, 2, 0xFFFF),
    /** 24 bpp: bytes blue, green, red, i.e. {@code 0xRRGGBB} read little-endian. */
    BPP24(24, 3, 0xFFFFFF);

    private final int bitsPerPixel;
    private final int bytesPerPixel;
    private final int white;

    ColorDepth(int bitsPerPixel, int bytesPerPixel, int white) {
        this.bitsPerPixel = bitsPerPixel;
        this.bytesPerPixel = bytesPerPixel;
        this.white = white;
    }

    /**
     * The depth for a {@code bitsPerPixel} field. 32 bpp bitmaps are not Interleaved RLE but RDP 6.0
     * planar (MS-RDPBCGR 2.2.9.1.1.3.1.2.2), so they are {@link RdpException.Kind#UNSUPPORTED} here.
     */
    public static ColorDepth of(int bitsPerPixel) {
        return switch (bitsPerPixel) {
            case 8 -> BPP8;
            case 15 -> BPP15;
            case 16 -> BPP16;
            case 24 -> BPP24;
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "RLE_BITMAP_STREAM.bitsPerPixel: " + bitsPerPixel + " is not 8, 15, 16 or 24");
        };
    }

    public int bitsPerPixel() {
        return bitsPerPixel;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** The wire value of a white pixel (MS-RDPBCGR 3.1.9 GetColorWhite). */
    public int white() {
        return white;
    }

    /** The wire value of a black pixel (MS-RDPBCGR 3.1.9 GetColorBlack). */
    public int black() {
        return 0;
    }

    /** Reads one little-endian pixel; the caller has checked that the bytes are there. */
    int readPixel(ByteBuf in) {
        return switch (bytesPerPixel) {
            case 1 -> in.readUnsignedByte();
            case 2 -> in.readUnsignedShortLE();
            default -> in.readUnsignedMediumLE();
        };
    }

    /**
     * Converts a wire pixel to {@code 0xFFRRGGBB}. 5- and 6-bit channels widen by bit replication, so
     * full intensity stays full (0x1F becomes 0xFF) and black stays black.
     */
    public int toArgb(int pixel, Palette palette) {
        return switch (this) {
            case BPP8 -> palette.argb(pixel & 0xFF);
            case BPP15 -> 0xFF000000 | (widen5(pixel >>> 10) << 16) | (widen5(pixel >>> 5) << 8) | widen5(pixel);
            case BPP16 -> 0xFF000000 | (widen5(pixel >>> 11) << 16) | (widen6(pixel >>> 5) << 8) | widen5(pixel);
            case BPP24 -> 0xFF000000 | (pixel & 0xFFFFFF);
        };
    }

    private static int widen5(int v) {
        v &= 0x1F;
        return (v << 3) | (v >>> 2);
    }

    private static int widen6(int v) {
        v &= 0x3F;
        return (v << 2) | (v >>> 4);
    }
}
