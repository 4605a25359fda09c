package dev.porthole.display.surface;

/** An axis-aligned rectangle in pixels: top-left ({@code x}, {@code y}), {@code width} x {@code height}. */
public record Rect(int x, int y, int width, int height) {

    /** Validates the size. */
    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("rectangle size " + width + "x" + height);
        }
    }

    /** The rectangle [x0, x1) x [y0, y1). */
    public static Rect ofEdges(int x0, int y0, int x1, int y1) {
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** Exclusive right edge. */
    public int right() {
        return x + width;
    }

    /** Exclusive bottom edge. */
    public int bottom() {
        return y + height;
    }

    /** Whether it covers no pixel. */
    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Pixel count. */
    public long area() {
        return (long) width * height;
    }

    /** The overlap (possibly empty). */
    public Rect intersect(Rect o) {
        return ofEdges(Math.max(x, o.x), Math.max(y, o.y), Math.min(right(), o.right()), Math.min(bottom(), o.bottom()));
    }

    /** The part inside a {@code w} x {@code h} area at the origin. */
    public Rect clip(int w, int h) {
        return intersect(new Rect(0, 0, w, h));
    }

    /** The bounding box of both. */
    public Rect union(Rect o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        return ofEdges(Math.min(x, o.x), Math.min(y, o.y), Math.max(right(), o.right()), Math.max(bottom(), o.bottom()));
    }

    /** Whether both overlap or touch (so merging them wastes nothing on the seam). */
    public boolean touches(Rect o) {
        return x <= o.right() && o.x <= right() && y <= o.bottom() && o.y <= bottom();
    }

    /** Whether pixel ({@code px}, {@code py}) is inside. */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    @Override
    public String toString() {
        return width + "x" + height + "+" + x + "+" + y;
    }
}
