package dev.porthole.hw.fbdev;

/**
 * {@code struct fb_bitfield}: where one colour channel sits in a pixel ({@code offset} from the least
 * significant bit, {@code length} bits). {@code msbRight} is only ever 0 for the packed-pixel formats
 * Porthole drives.
 */
public record Bitfield(int offset, int length, boolean msbRight) {

    /** Validates the channel fits in a 32-bit pixel. */
    public Bitfield {
        if (offset < 0 || length < 0 || length > 16 || offset + length > 32) {
            throw new IllegalArgumentException("bitfield offset=" + offset + " length=" + length + " does not fit a 32-bit pixel");
        }
    }

    /** A channel at {@code offset} with {@code length} bits. */
    public static Bitfield of(int offset, int length) {
        return new Bitfield(offset, length, false);
    }

    @Override
    public String toString() {
        return length + "@" + offset;
    }
}
