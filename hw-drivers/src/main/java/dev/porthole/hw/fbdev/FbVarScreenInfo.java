package dev.porthole.hw.fbdev;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code struct fb_var_screeninfo} (linux/fb.h, 160 bytes): the fields Porthole uses, plus the raw
 * bytes so that timing fields survive an {@code FBIOPUT_VSCREENINFO} round trip untouched.
 */
public record FbVarScreenInfo(int xres, int yres, int xresVirtual, int yresVirtual, int xoffset, int yoffset,
                              int bitsPerPixel, Bitfield red, Bitfield green, Bitfield blue, Bitfield transp,
                              int activate, int rotate, byte[] raw) {

    /** sizeof(struct fb_var_screeninfo). */
    public static final int SIZE = 160;
    /** FB_ACTIVATE_NOW. */
    public static final int ACTIVATE_NOW = 0;
    /** FB_ACTIVATE_FORCE: apply even when nothing changed. */
    public static final int ACTIVATE_FORCE = 128;

    /** Validates sizes. */
    public FbVarScreenInfo {
        if (xres <= 0 || yres <= 0 || xresVirtual < xres || yresVirtual < yres) {
            throw new IllegalArgumentException("fb_var_screeninfo: visible " + xres + "x" + yres + " virtual "
                    + xresVirtual + "x" + yresVirtual + " is not a usable mode");
        }
        if (bitsPerPixel != 16 && bitsPerPixel != 24 && bitsPerPixel != 32) {
            throw new IllegalArgumentException("fb_var_screeninfo: bits_per_pixel " + bitsPerPixel + " (16, 24 or 32 supported)");
        }
        raw = raw == null ? new byte[SIZE] : Arrays.copyOf(raw, SIZE);
    }

    /** Decodes the kernel struct (native little-endian order). */
    public static FbVarScreenInfo decode(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < SIZE) {
            throw new IllegalArgumentException("fb_var_screeninfo needs " + SIZE + " bytes, got " + in.remaining());
        }
        int p = in.position();
        byte[] raw = new byte[SIZE];
        in.get(p, raw);
        return new FbVarScreenInfo(in.getInt(p), in.getInt(p + 4), in.getInt(p + 8), in.getInt(p + 12), in.getInt(p + 16),
                in.getInt(p + 20), in.getInt(p + 24), field(in, p + 32), field(in, p + 44), field(in, p + 56),
                field(in, p + 68), in.getInt(p + 84), in.getInt(p + 136), raw);
    }

    private static Bitfield field(ByteBuffer in, int at) {
        return new Bitfield(in.getInt(at), in.getInt(at + 4), in.getInt(at + 8) != 0);
    }

    /** Encodes into 160 bytes, starting from the raw bytes read from the kernel. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.wrap(Arrays.copyOf(raw, SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, xres).putInt(4, yres).putInt(8, xresVirtual).putInt(12, yresVirtual).putInt(16, xoffset)
                .putInt(20, yoffset).putInt(24, bitsPerPixel);
        put(out, 32, red);
        put(out, 44, green);
        put(out, 56, blue);
        put(out, 68, transp);
        out.putInt(84, activate).putInt(136, rotate);
        return out.array();
    }

    private static void put(ByteBuffer out, int at, Bitfield f) {
        out.putInt(at, f.offset()).putInt(at + 4, f.length()).putInt(at + 8, f.msbRight() ? 1 : 0);
    }

    /** A copy with another visible and virtual size and depth (bitfields kept; the kernel picks its own). */
    public FbVarScreenInfo withMode(int newXres, int newYres, int newXresVirtual, int newYresVirtual, int bpp) {
        return new FbVarScreenInfo(newXres, newYres, newXresVirtual, newYresVirtual, 0, 0, bpp, red, green, blue, transp,
                ACTIVATE_NOW, rotate, raw);
    }

    /** A copy panned to {@code newYoffset}. */
    public FbVarScreenInfo withYoffset(int newYoffset) {
        return new FbVarScreenInfo(xres, yres, xresVirtual, yresVirtual, xoffset, newYoffset, bitsPerPixel, red, green, blue,
                transp, activate, rotate, raw);
    }

    /** A copy with other colour bitfields (used by fakes to emulate panels). */
    public FbVarScreenInfo withBitfields(Bitfield r, Bitfield g, Bitfield b, Bitfield t) {
        return new FbVarScreenInfo(xres, yres, xresVirtual, yresVirtual, xoffset, yoffset, bitsPerPixel, r, g, b, t,
                activate, rotate, raw);
    }

    /** A fresh description (no timings) of a {@code xres}x{@code yres} panel at {@code bpp} with the given bitfields. */
    public static FbVarScreenInfo of(int xres, int yres, int yresVirtual, int bpp, Bitfield r, Bitfield g, Bitfield b) {
        return new FbVarScreenInfo(xres, yres, xres, yresVirtual, 0, 0, bpp, r, g, b, Bitfield.of(0, 0), ACTIVATE_NOW, 0, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FbVarScreenInfo v && xres == v.xres && yres == v.yres && xresVirtual == v.xresVirtual
                && yresVirtual == v.yresVirtual && xoffset == v.xoffset && yoffset == v.yoffset
                && bitsPerPixel == v.bitsPerPixel && red.equals(v.red) && green.equals(v.green) && blue.equals(v.blue)
                && transp.equals(v.transp);
    }

    @Override
    public int hashCode() {
        return ((xres * 31 + yres) * 31 + yresVirtual) * 31 + bitsPerPixel;
    }

    @Override
    public String toString() {
        return xres + "x" + yres + " (virtual " + xresVirtual + "x" + yresVirtual + ", offset " + xoffset + "," + yoffset
                + ") " + bitsPerPixel + "bpp r=" + red + " g=" + green + " b=" + blue;
    }
}
