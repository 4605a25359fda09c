package dev.porthole.display.convert;

import dev.porthole.display.surface.Rect;

/** A cursor image at a position in surface coordinates, alpha-blended into pixels as they are converted. */
public final class SoftwareCursor {

    private final CursorImage image;
    private final int left;
    private final int top;

    /** {@code image} with its hotspot at ({@code x}, {@code y}). */
    public SoftwareCursor(CursorImage image, int x, int y) {
        this.image = image;
        this.left = x - image.hotX();
        this.top = y - image.hotY();
    }

    /** The surface pixels the cursor covers. */
    public Rect bounds() {
        return new Rect(left, top, image.width(), image.height());
    }

    boolean coversRow(int sy) {
        return sy >= top && sy < top + image.height();
    }

    boolean coversColumn(int sx) {
        return sx >= left && sx < left + image.width();
    }

    /** {@code under} with the cursor pixel at ({@code sx}, {@code sy}) blended over it. */
    public int compose(int sx, int sy, int under) {
        int cx = sx - left;
        int cy = sy - top;
        if (cx < 0 || cy < 0 || cx >= image.width() || cy >= image.height()) {
            return under;
        }
        int c = image.pixel(cx, cy);
        int a = c >>> 24;
        if (a == 0) {
            return under;
        }
        if (a == 255) {
            return c & 0xffffff;
        }
        int r = blend((c >>> 16) & 0xff, (under >>> 16) & 0xff, a);
        int g = blend((c >>> 8) & 0xff, (under >>> 8) & 0xff, a);
        int b = blend(c & 0xff, under & 0xff, a);
        return r << 16 | g << 8 | b;
    }

    private static int blend(int top, int bottom, int alpha) {
        return (top * alpha + bottom * (255 - alpha) + 127) / 255;
    }
}
