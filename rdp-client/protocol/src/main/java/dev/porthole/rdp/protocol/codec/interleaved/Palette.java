package dev.porthole.rdp.protocol.codec.interleaved;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;

/**
 * The 256-entry color table of an 8 bpp session (MS-RDPBCGR 2.2.9.1.1.3.1.1 Palette Update,
 * TS_PALETTE_ENTRY red/green/blue), held as {@code 0xFFRRGGBB} surface pixels.
 */
public final class Palette {

    /** Entries in a palette (MS-RDPBCGR 2.2.9.1.1.3.1.1: numberColors MUST be 256). */
    public static final int SIZE = 256;

    private final int[] argb;

    private Palette(int[] argb) {
        this.argb = argb;
    }

    /** A palette from 256 {@code 0xRRGGBB} colors (the top byte is ignored and set opaque). */
    public static Palette of(int[] rgb) {
        if (rgb.length != SIZE) {
            throw RdpException.argument("Palette", "entries", rgb.length + " colors, expected " + SIZE);
        }
        int[] copy = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            copy[i] = 0xFF000000 | (rgb[i] & 0xFFFFFF);
        }
        return new Palette(copy);
    }

    /** A palette from 256 TS_PALETTE_ENTRY triples (red, green, blue bytes). */
    public static Palette ofEntries(byte[] redGreenBlue) {
        if (redGreenBlue.length != SIZE * 3) {
            throw RdpException.argument("Palette", "paletteEntries", redGreenBlue.length + " bytes, expected " + SIZE * 3);
        }
        int[] rgb = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            rgb[i] = (redGreenBlue[3 * i] & 0xFF) << 16 | (redGreenBlue[3 * i + 1] & 0xFF) << 8 | (redGreenBlue[3 * i + 2] & 0xFF);
        }
        return of(rgb);
    }

    /** The entry at {@code index} (0..255) as {@code 0xFFRRGGBB}. */
    public int argb(int index) {
        return argb[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Palette p && Arrays.equals(argb, p.argb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(argb);
    }

    @Override
    public String toString() {
        return "Palette[" + SIZE + " colors]";
    }
}
