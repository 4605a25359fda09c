package dev.porthole.rdp.protocol.codec.pointer;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;

/**
 * A decoded pointer shape: {@code width} x {@code height} pixels of straight (not premultiplied)
 * 0xAARRGGBB, top row first, and the hotspot (the pixel that sits at the pointer position).
 * An empty cursor (0 x 0) is an invisible pointer.
 */
public record Cursor(int[] argb, int width, int height, int hotX, int hotY) {

    public Cursor {
        if (width < 0 || height < 0 || argb == null || argb.length != width * height) {
            throw RdpException.argument("Cursor", "argb", "must hold width x height pixels");
        }
    }

    /** The invisible pointer. */
    public static final Cursor EMPTY = new Cursor(new int[0], 0, 0, 0, 0);

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** The pixel at column {@code x}, row {@code y} (row 0 is the top). */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cursor c && c.width == width && c.height == height && c.hotX == hotX && c.hotY == hotY
                && Arrays.equals(c.argb, argb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(argb) * 31 + width * 7 + height;
    }

    @Override
    public String toString() {
        return "Cursor[" + width + "x" + height + ", hotspot (" + hotX + "," + hotY + ")]";
    }
}
