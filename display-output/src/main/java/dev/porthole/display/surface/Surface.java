package dev.porthole.display.surface;

import java.util.Arrays;

/**
 * A frame in 32-bit XRGB8888 ({@code 0x00RRGGBB}, the top byte ignored) in an {@code int[]},
 * row-major without padding. Producers (a remote session's decoders, the status screens) draw into
 * it and pass the damaged rectangles to {@link dev.porthole.display.Display#present}.
 */
public final class Surface {

    private final int width;
    private final int height;
    private final int[] pixels;

    /** A black surface. */
    public Surface(int width, int height) {
        this(width, height, new int[checked(width, height)]);
    }

    private Surface(int width, int height, int[] pixels) {
        checked(width, height);
        if (pixels.length < width * height) {
            throw new IllegalArgumentException("surface " + width + "x" + height + " needs " + width * height
                    + " pixels, array has " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    private static int checked(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 1 << 28) {
            throw new IllegalArgumentException("surface size " + width + "x" + height);
        }
        return width * height;
    }

    /** A surface over an existing pixel array (shared, not copied). */
    public static Surface wrap(int width, int height, int[] pixels) {
        return new Surface(width, height, pixels);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** The pixel array itself (row-major, stride = width). */
    public int[] pixels() {
        return pixels;
    }

    /** The whole surface as a rectangle. */
    public Rect bounds() {
        return new Rect(0, 0, width, height);
    }

    /** Pixel at ({@code x}, {@code y}). */
    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Sets a pixel. */
    public void set(int x, int y, int xrgb) {
        pixels[y * width + x] = xrgb;
    }

    /** Fills {@code r} (clipped) with {@code xrgb}. */
    public void fill(Rect r, int xrgb) {
        Rect c = r.clip(width, height);
        for (int y = c.y(); y < c.bottom(); y++) {
            Arrays.fill(pixels, y * width + c.x(), y * width + c.right(), xrgb);
        }
    }

    /** Copies rectangle {@code r} (clipped) of {@code src} to the same place in this same-sized surface. */
    public void copyFrom(Surface src, Rect r) {
        if (src.width != width || src.height != height) {
            throw new IllegalArgumentException("copy between " + src.width + "x" + src.height + " and " + width + "x" + height);
        }
        Rect c = r.clip(width, height);
        for (int y = c.y(); y < c.bottom(); y++) {
            System.arraycopy(src.pixels, y * width + c.x(), pixels, y * width + c.x(), c.width());
        }
    }

    @Override
    public String toString() {
        return "surface " + width + "x" + height;
    }
}
