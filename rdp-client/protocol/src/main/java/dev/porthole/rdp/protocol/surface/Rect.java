package dev.porthole.rdp.protocol.surface;

import dev.porthole.rdp.protocol.RdpException;

/**
 * A rectangle of pixels: {@code x}/{@code y} is the top-left pixel, {@code width}×{@code height} its size,
 * so {@link #right()} and {@link #bottom()} are exclusive. RDP PDUs mostly carry inclusive bounds
 * (MS-RDPBCGR 2.2.9.1.1.3.1.2.2 TS_BITMAP_DATA {@code destLeft..destBottom}, MS-RDPBCGR 2.2.11.2.1
 * TS_RECTANGLE16); {@link #ofInclusive} converts those.
 *
 * @param x      left column
 * @param y      top row
 * @param width  columns, zero for an empty rectangle
 * @param height rows, zero for an empty rectangle
 */
public record Rect(int x, int y, int width, int height) {

    static final String TYPE = "Rect";

    /** The empty rectangle at the origin. */
    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public Rect {
        if (width < 0) {
            throw RdpException.argument(TYPE, "width", width + " is negative");
        }
        if (height < 0) {
            throw RdpException.argument(TYPE, "height", height + " is negative");
        }
        if ((long) x + width > Integer.MAX_VALUE || (long) y + height > Integer.MAX_VALUE) {
            throw RdpException.argument(TYPE, "extent", "right or bottom edge overflows an int");
        }
    }

    /** A rectangle from inclusive bounds; {@code right == left - 1} (or {@code bottom == top - 1}) is empty. */
    public static Rect ofInclusive(int left, int top, int right, int bottom) {
        if ((long) right < (long) left - 1) {
            throw RdpException.argument(TYPE, "right", right + " is left of left " + left);
        }
        if ((long) bottom < (long) top - 1) {
            throw RdpException.argument(TYPE, "bottom", bottom + " is above top " + top);
        }
        return new Rect(left, top, (int) ((long) right - left + 1), (int) ((long) bottom - top + 1));
    }

    /** The exclusive right edge. */
    public int right() {
        return x + width;
    }

    /** The exclusive bottom edge. */
    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    /** True when every pixel of {@code other} is in this rectangle (an empty {@code other} always is). */
    public boolean contains(Rect other) {
        return other.isEmpty() || (other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom());
    }

    /** The overlap of both rectangles, {@link #EMPTY} when they do not overlap. */
    public Rect intersect(Rect other) {
        int left = Math.max(x, other.x);
        int top = Math.max(y, other.y);
        int r = Math.min(right(), other.right());
        int b = Math.min(bottom(), other.bottom());
        return r <= left || b <= top ? EMPTY : new Rect(left, top, r - left, b - top);
    }

    /** The smallest rectangle holding both; an empty operand does not count. */
    public Rect union(Rect other) {
        if (other.isEmpty()) {
            return isEmpty() ? EMPTY : this;
        }
        if (isEmpty()) {
            return other;
        }
        int left = Math.min(x, other.x);
        int top = Math.min(y, other.y);
        return new Rect(left, top, Math.max(right(), other.right()) - left, Math.max(bottom(), other.bottom()) - top);
    }
}
