package dev.porthole.display.convert;

import java.nio.ByteBuffer;

import dev.porthole.display.surface.Rect;

/**
 * Writes the damaged part of an XRGB8888 surface into a panel buffer: scaled (nearest neighbour) to
 * fit the panel as chosen by {@link Scaling}, turned by {@link Rotation}, encoded in the panel's
 * {@link PixelFormat}, with a software cursor composed in. Only destination pixels whose source lies
 * in the damage are touched, and the bars around a letterboxed image are written black when they
 * are part of a full repaint.
 */
public final class FrameWriter {

    private final int sw;
    private final int sh;
    private final int pw;
    private final int ph;
    private final Rotation rotation;
    private final int lw;
    private final int lh;
    private final int dw;
    private final int dh;
    private final int ox;
    private final int oy;

    /** Geometry for a {@code surfaceWidth} x {@code surfaceHeight} surface on a {@code panelWidth} x {@code panelHeight} panel. */
    public FrameWriter(int surfaceWidth, int surfaceHeight, int panelWidth, int panelHeight, Rotation rotation, Scaling scaling) {
        if (surfaceWidth < 1 || surfaceHeight < 1 || panelWidth < 1 || panelHeight < 1) {
            throw new IllegalArgumentException("surface " + surfaceWidth + "x" + surfaceHeight + " panel " + panelWidth + "x" + panelHeight);
        }
        this.sw = surfaceWidth;
        this.sh = surfaceHeight;
        this.pw = panelWidth;
        this.ph = panelHeight;
        this.rotation = rotation;
        this.lw = rotation.swapsAxes() ? panelHeight : panelWidth;
        this.lh = rotation.swapsAxes() ? panelWidth : panelHeight;
        switch (scaling) {
            case STRETCH -> {
                dw = lw;
                dh = lh;
            }
            case CENTER -> {
                dw = sw;
                dh = sh;
            }
            default -> {
                if ((long) sw * lh <= (long) sh * lw) {
                    dh = lh;
                    dw = (int) Math.max(1, (long) sw * lh / sh);
                } else {
                    dw = lw;
                    dh = (int) Math.max(1, (long) sh * lw / sw);
                }
            }
        }
        this.ox = (lw - dw) / 2;
        this.oy = (lh - dh) / 2;
    }

    /** The panel-upright ("logical") size: the panel size with axes swapped for 90/270. */
    public int logicalWidth() {
        return lw;
    }

    /** See {@link #logicalWidth()}. */
    public int logicalHeight() {
        return lh;
    }

    /** Where the image lies in logical coordinates (may extend past the panel with {@link Scaling#CENTER}). */
    public Rect content() {
        return new Rect(ox, oy, dw, dh);
    }

    /** The panel pixels whose source lies in surface rectangle {@code r}. */
    public Rect toPanel(Rect r) {
        Rect s = r.clip(sw, sh);
        if (s.isEmpty()) {
            return new Rect(0, 0, 0, 0);
        }
        int lx0 = ox + ceilDiv((long) s.x() * dw, sw);
        int lx1 = ox + ceilDiv((long) s.right() * dw, sw);
        int ly0 = oy + ceilDiv((long) s.y() * dh, sh);
        int ly1 = oy + ceilDiv((long) s.bottom() * dh, sh);
        Rect l = Rect.ofEdges(lx0, ly0, lx1, ly1).clip(lw, lh);
        return logicalToPanel(l);
    }

    /** Maps a logical rectangle to panel coordinates. */
    public Rect logicalToPanel(Rect l) {
        if (l.isEmpty()) {
            return new Rect(0, 0, 0, 0);
        }
        return switch (rotation) {
            case R0 -> l;
            case R90 -> Rect.ofEdges(pw - l.bottom(), l.x(), pw - l.y(), l.right());
            case R180 -> Rect.ofEdges(pw - l.right(), ph - l.bottom(), pw - l.x(), ph - l.y());
            case R270 -> Rect.ofEdges(l.y(), ph - l.right(), l.bottom(), ph - l.x());
        };
    }

    private static int ceilDiv(long a, long b) {
        return (int) -Math.floorDiv(-a, b);
    }

    /**
     * Writes panel rectangle {@code panelRect} (clipped to the panel) into {@code dst} from
     * {@code src} (row-major XRGB8888, {@code sw} wide): bars black, cursor composed when given.
     */
    public void write(int[] src, Rect panelRect, ByteBuffer dst, int offset, int stride, PixelFormat format, SoftwareCursor cursor) {
        Rect p = panelRect.clip(pw, ph);
        if (p.isEmpty()) {
            return;
        }
        int bpp = format.bytesPerPixel();
        boolean identity = rotation == Rotation.R0 && dw == sw && dh == sh;
        boolean plain = format.equals(PixelFormat.XRGB8888);
        for (int py = p.y(); py < p.bottom(); py++) {
            int row = offset + py * stride;
            if (identity) {
                int sy = py - oy;
                boolean rowIn = sy >= 0 && sy < sh;
                boolean cursorRow = cursor != null && rowIn && cursor.coversRow(sy);
                for (int px = p.x(); px < p.right(); px++) {
                    int sx = px - ox;
                    int v = 0;
                    if (rowIn && sx >= 0 && sx < sw) {
                        v = src[sy * sw + sx];
                        if (cursorRow) {
                            v = cursor.compose(sx, sy, v);
                        }
                    }
                    if (plain) {
                        dst.putInt(row + px * 4, v & 0xffffff);
                    } else {
                        store(dst, row + px * bpp, bpp, format.encode(v));
                    }
                }
            } else {
                for (int px = p.x(); px < p.right(); px++) {
                    int lx;
                    int ly;
                    switch (rotation) {
                        case R0 -> {
                            lx = px;
                            ly = py;
                        }
                        case R90 -> {
                            lx = py;
                            ly = pw - 1 - px;
                        }
                        case R180 -> {
                            lx = pw - 1 - px;
                            ly = ph - 1 - py;
                        }
                        default -> {
                            lx = ph - 1 - py;
                            ly = px;
                        }
                    }
                    int v = 0;
                    int cx = lx - ox;
                    int cy = ly - oy;
                    if (cx >= 0 && cy >= 0 && cx < dw && cy < dh) {
                        int sx = (int) ((long) cx * sw / dw);
                        int sy = (int) ((long) cy * sh / dh);
                        v = src[sy * sw + sx];
                        if (cursor != null) {
                            v = cursor.compose(sx, sy, v);
                        }
                    }
                    store(dst, row + px * bpp, bpp, format.encode(v));
                }
            }
        }
    }

    private static void store(ByteBuffer dst, int at, int bpp, int v) {
        switch (bpp) {
            case 4 -> dst.putInt(at, v);
            case 2 -> dst.putShort(at, (short) v);
            default -> {
                dst.put(at, (byte) v);
                dst.put(at + 1, (byte) (v >>> 8));
                dst.put(at + 2, (byte) (v >>> 16));
            }
        }
    }

    /** Panel size. */
    public int panelWidth() {
        return pw;
    }

    /** Panel size. */
    public int panelHeight() {
        return ph;
    }
}
