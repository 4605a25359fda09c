package dev.porthole.rdp.protocol.codec.pointer;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.LargePointer;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import io.netty.buffer.ByteBuf;

/**
 * Turns pointer shapes (MS-RDPBCGR 2.2.9.1.1.4.4 color, 2.2.9.1.1.4.5 new, 2.2.9.1.2.1.11 large) into
 * ARGB {@link Cursor}s. The XOR mask has 1, 4, 8, 16, 24 or 32 bits per pixel, the AND mask 1; each scan
 * line of both is padded to 2 bytes. Color masks (more than 1 bpp) are stored bottom-up, 1 bpp masks
 * top-down (as Windows servers send them and FreeRDP and IronRDP read them). An empty AND mask means
 * "all zero". Pixels combine as Windows draws cursors:
 * <ul>
 *   <li>AND 0: the XOR color (32 bpp keeps its alpha byte, other depths are opaque);</li>
 *   <li>AND 1 and XOR black: transparent;</li>
 *   <li>AND 1 and XOR white: "invert the screen", which ARGB cannot say, so a black/white check pattern
 *       (white where x + y is even) keeps such pixels visible on any background;</li>
 *   <li>AND 1 and another color: the color.</li>
 * </ul>
 * 8 bpp masks index the session palette; 4 bpp masks its first 16 entries. Untrusted input: sizes are
 * checked against the mask lengths before any pixel is read; errors are MALFORMED naming the field.
 */
public final class PointerDecoder {

    /** Largest pointer side (TS_FP_LARGEPOINTERATTRIBUTE allows 384 x 384). */
    public static final int MAX_SIDE = LargePointer.MAX_SIZE;

    private static final int OPAQUE_BLACK = 0xFF000000;
    private static final int OPAQUE_WHITE = 0xFFFFFFFF;

    private PointerDecoder() {}

    /** A TS_COLORPOINTERATTRIBUTE: 24 bpp. */
    public static Cursor decode(ColorPointer p, Palette palette) {
        return decode("TS_COLORPOINTERATTRIBUTE", 24, p.width(), p.height(), p.hotSpotX(), p.hotSpotY(), p.xorMaskData(),
                p.andMaskData(), palette);
    }

    /** A TS_POINTERATTRIBUTE: {@code xorBpp} bits per pixel. */
    public static Cursor decode(NewPointer p, Palette palette) {
        ColorPointer c = p.colorPointer();
        return decode("TS_POINTERATTRIBUTE", p.xorBpp(), c.width(), c.height(), c.hotSpotX(), c.hotSpotY(), c.xorMaskData(),
                c.andMaskData(), palette);
    }

    /** A TS_FP_LARGEPOINTERATTRIBUTE. */
    public static Cursor decode(LargePointer p, Palette palette) {
        return decode("TS_FP_LARGEPOINTERATTRIBUTE", p.xorBpp(), p.width(), p.height(), p.hotSpotX(), p.hotSpotY(),
                p.xorMaskData(), p.andMaskData(), palette);
    }

    /**
     * Decodes masks of a {@code width} x {@code height} pointer; the buffers are read with absolute
     * indexes and not consumed.
     */
    public static Cursor decode(String pdu, int xorBpp, int width, int height, int hotX, int hotY, ByteBuf xorMask,
                                ByteBuf andMask, Palette palette) {
        if (width == 0 || height == 0) {
            return Cursor.EMPTY;
        }
        if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw RdpException.malformed(pdu, "width/height", width + "x" + height + " exceeds " + MAX_SIDE + "x" + MAX_SIDE);
        }
        if (xorBpp != 1 && xorBpp != 4 && xorBpp != 8 && xorBpp != 15 && xorBpp != 16 && xorBpp != 24 && xorBpp != 32) {
            throw RdpException.malformed(pdu, "xorBpp", xorBpp + " is not 1, 4, 8, 15, 16, 24 or 32");
        }
        int xorStride = stride(width * xorBpp);
        int andStride = stride(width);
        if ((long) xorStride * height > xorMask.readableBytes()) {
            throw RdpException.malformed(pdu, "lengthXorMask", xorMask.readableBytes() + " bytes, a " + width + "x" + height
                    + "x" + xorBpp + " mask needs " + (long) xorStride * height);
        }
        boolean hasAnd = andMask.isReadable();
        if (hasAnd && (long) andStride * height > andMask.readableBytes()) {
            throw RdpException.malformed(pdu, "lengthAndMask", andMask.readableBytes() + " bytes, a " + width + "x" + height
                    + " mask needs " + (long) andStride * height);
        }
        if (hotX >= width || hotY >= height) {
            // servers send hotspots on the edge; clamp rather than refuse a usable shape
            hotX = Math.min(hotX, width - 1);
            hotY = Math.min(hotY, height - 1);
        }
        boolean bottomUp = xorBpp != 1;
        int[] out = new int[width * height];
        int xorBase = xorMask.readerIndex();
        int andBase = andMask.readerIndex();
        for (int y = 0; y < height; y++) {
            int row = bottomUp ? height - 1 - y : y;
            int xorRow = xorBase + row * xorStride;
            int andRow = andBase + row * andStride;
            for (int x = 0; x < width; x++) {
                int color = xorPixel(xorMask, xorRow, x, xorBpp, palette);
                boolean and = hasAnd && (andMask.getUnsignedByte(andRow + (x >>> 3)) & (0x80 >>> (x & 7))) != 0;
                if (and) {
                    if (color == OPAQUE_BLACK) {
                        color = 0;
                    } else if (color == OPAQUE_WHITE) {
                        color = ((x + y) & 1) == 0 ? OPAQUE_WHITE : OPAQUE_BLACK;
                    }
                }
                out[y * width + x] = color;
            }
        }
        return new Cursor(out, width, height, hotX, hotY);
    }

    private static int stride(int bits) {
        return ((bits + 15) >>> 4) << 1;
    }

    private static int xorPixel(ByteBuf mask, int row, int x, int bpp, Palette palette) {
        return switch (bpp) {
            case 1 -> (mask.getUnsignedByte(row + (x >>> 3)) & (0x80 >>> (x & 7))) != 0 ? OPAQUE_WHITE : OPAQUE_BLACK;
            case 4 -> {
                int b = mask.getUnsignedByte(row + (x >>> 1));
                yield OPAQUE_BLACK | palette.argb((x & 1) == 0 ? b >>> 4 : b & 0x0F);
            }
            case 8 -> OPAQUE_BLACK | palette.argb(mask.getUnsignedByte(row + x));
            case 15, 16 -> ColorDepth.of(bpp).toArgb(mask.getUnsignedShortLE(row + 2 * x), palette);
            case 24 -> {
                int at = row + 3 * x;
                yield OPAQUE_BLACK | mask.getUnsignedByte(at + 2) << 16 | mask.getUnsignedByte(at + 1) << 8 | mask.getUnsignedByte(at);
            }
            case 32 -> mask.getIntLE(row + 4 * x); // B, G, R, A in memory: 0xAARRGGBB little-endian
            default -> throw new IllegalStateException("bpp checked above");
        };
    }
}
