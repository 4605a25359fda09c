package dev.porthole.display.convert;

/**
 * A pointer image: {@code width} x {@code height} pixels of ARGB8888 (straight alpha) and the hotspot,
 * the pixel that sits at the pointer position.
 */
public record CursorImage(int width, int height, int hotX, int hotY, int[] argb) {

    /** Validates and copies. */
    public CursorImage {
        if (width < 1 || height < 1 || width > 256 || height > 256) {
            throw new IllegalArgumentException("cursor size " + width + "x" + height + " (1..256)");
        }
        if (argb.length != width * height) {
            throw new IllegalArgumentException("cursor " + width + "x" + height + " needs " + width * height + " pixels, got " + argb.length);
        }
        if (hotX < 0 || hotY < 0 || hotX >= width || hotY >= height) {
            throw new IllegalArgumentException("cursor hotspot " + hotX + "," + hotY + " outside " + width + "x" + height);
        }
        argb = argb.clone();
    }

    @Override
    public int[] argb() {
        return argb.clone();
    }

    int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** A simple arrow (white with a black outline), for the local screens. */
    public static CursorImage arrow() {
        int w = 12;
        int h = 19;
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            int span = y < 12 ? y + 1 : Math.max(0, 16 - y);
            for (int x = 0; x < Math.min(w, span); x++) {
                boolean edge = x == 0 || x == span - 1 || y == 11 && x > 4 || y == h - 1;
                p[y * w + x] = edge ? 0xff000000 : 0xffffffff;
            }
        }
        return new CursorImage(w, h, 0, 0, p);
    }
}
