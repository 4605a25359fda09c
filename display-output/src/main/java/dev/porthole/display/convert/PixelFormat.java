package dev.porthole.display.convert;

/**
 * A packed little-endian pixel format of 2, 3 or 4 bytes: where red, green and blue sit and how many
 * bits each has (as the fbdev bitfields report them). XRGB8888 input is reduced to the channel
 * widths by dropping low bits.
 */
public record PixelFormat(String name, int bytesPerPixel, int redShift, int redBits, int greenShift, int greenBits,
                          int blueShift, int blueBits) {

    public static final PixelFormat XRGB8888 = new PixelFormat("XRGB8888", 4, 16, 8, 8, 8, 0, 8);
    public static final PixelFormat XBGR8888 = new PixelFormat("XBGR8888", 4, 0, 8, 8, 8, 16, 8);
    public static final PixelFormat RGB888 = new PixelFormat("RGB888", 3, 16, 8, 8, 8, 0, 8);
    public static final PixelFormat BGR888 = new PixelFormat("BGR888", 3, 0, 8, 8, 8, 16, 8);
    public static final PixelFormat RGB565 = new PixelFormat("RGB565", 2, 11, 5, 5, 6, 0, 5);
    public static final PixelFormat BGR565 = new PixelFormat("BGR565", 2, 0, 5, 5, 6, 11, 5);

    /** Validates that the channels fit the pixel and do not overlap. */
    public PixelFormat {
        if (bytesPerPixel < 2 || bytesPerPixel > 4) {
            throw new IllegalArgumentException("pixel format " + name + ": " + bytesPerPixel + " bytes per pixel (2, 3 or 4)");
        }
        long r = channelMask(redShift, redBits, name, bytesPerPixel);
        long g = channelMask(greenShift, greenBits, name, bytesPerPixel);
        long b = channelMask(blueShift, blueBits, name, bytesPerPixel);
        if ((r & g) != 0 || (r & b) != 0 || (g & b) != 0) {
            throw new IllegalArgumentException("pixel format " + name + ": channels overlap");
        }
    }

    private static long channelMask(int shift, int bits, String name, int bpp) {
        if (bits < 1 || bits > 8 || shift < 0 || shift + bits > bpp * 8) {
            throw new IllegalArgumentException("pixel format " + name + ": channel " + bits + "@" + shift + " does not fit "
                    + bpp * 8 + " bits");
        }
        return ((1L << bits) - 1) << shift;
    }

    /** The format from fbdev bitfields ({@code bitsPerPixel} 16, 24 or 32). */
    public static PixelFormat fromBitfields(int bitsPerPixel, int rOff, int rLen, int gOff, int gLen, int bOff, int bLen) {
        for (PixelFormat f : new PixelFormat[] {XRGB8888, XBGR8888, RGB888, BGR888, RGB565, BGR565}) {
            if (f.bytesPerPixel * 8 == bitsPerPixel && f.redShift == rOff && f.redBits == rLen && f.greenShift == gOff
                    && f.greenBits == gLen && f.blueShift == bOff && f.blueBits == bLen) {
                return f;
            }
        }
        return new PixelFormat("R" + rLen + "@" + rOff + "G" + gLen + "@" + gOff + "B" + bLen + "@" + bOff, bitsPerPixel / 8,
                rOff, rLen, gOff, gLen, bOff, bLen);
    }

    /** Encodes an XRGB8888 pixel. */
    public int encode(int xrgb) {
        int r = (xrgb >>> 16) & 0xff;
        int g = (xrgb >>> 8) & 0xff;
        int b = xrgb & 0xff;
        return (r >>> (8 - redBits)) << redShift | (g >>> (8 - greenBits)) << greenShift | (b >>> (8 - blueBits)) << blueShift;
    }

    /** Decodes to XRGB8888, replicating high bits into the low ones (0x1f becomes 0xff). */
    public int decode(int pixel) {
        return expand(pixel >>> redShift, redBits) << 16 | expand(pixel >>> greenShift, greenBits) << 8
                | expand(pixel >>> blueShift, blueBits);
    }

    private static int expand(int v, int bits) {
        int x = v & ((1 << bits) - 1);
        int out = x << (8 - bits);
        for (int s = bits; s < 8; s += bits) {
            out |= x << (8 - bits) >>> s;
        }
        return out & 0xff;
    }

    @Override
    public String toString() {
        return name;
    }
}
