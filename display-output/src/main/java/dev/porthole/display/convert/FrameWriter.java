package dev.porthole.display.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.porthole.display.surface.Rect;

/**
 * Writes the damaged part of an XRGB8888 surface into a panel buffer: scaled (nearest neighbour) to
 * fit the panel as chosen by {@link Scaling}, turned by {@link Rotation}, encoded in the panel's
 * {@link PixelFormat}, with a software cursor composed in. Only destination pixels whose source lies
 * in the damage are touched, and the bars around a letterboxed image are written black when they
 * are part of a full repaint.
 *
 * <p>Not thread-safe: a writer keeps a scratch line; the presentation thread owns its writer.
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
     *
     * <p>Line by line: the line's source pixels are gathered into a scratch line (a straight copy for
     * an unrotated, unscaled image; a strided walk for the other rotations), encoded in place in a tight
     * loop the JIT can vectorise, and stored with one bulk copy (4 bytes per pixel), 16-bit stores (2) or
     * three 32-bit stores per four pixels (3). The scratch line makes a writer usable by one thread at a
     * time (the presentation thread).
     */
    public void write(int[] src, Rect panelRect, ByteBuffer dst, int offset, int stride, PixelFormat format, SoftwareCursor cursor) {
        Rect p = panelRect.clip(pw, ph);
        if (p.isEmpty()) {
            return;
        }
        if (src.length < sw * sh) {
            throw new IllegalArgumentException("source has " + src.length + " pixels, " + sw + "x" + sh + " needed");
        }
        int n = p.width();
        int bpp = format.bytesPerPixel();
        int[] line = scratch(n);
        MemorySegment out = MemorySegment.ofBuffer(dst.duplicate().clear());
        Encoder enc = Encoder.of(format);
        for (int py = p.y(); py < p.bottom(); py++) {
            if (dw == sw && dh == sh) {
                gatherUnscaled(src, py, p.x(), n, line, cursor);
            } else {
                gatherScaled(src, py, p.x(), n, line, cursor);
            }
            enc.store(line, n, out, offset + (long) py * stride + (long) p.x() * bpp);
        }
    }

    private int[] scratch(int n) {
        if (line.length < n) {
            line = new int[n];
        }
        return line;
    }

    private int[] line = new int[0];

    /**
     * One panel line of an unscaled image: the source index moves by a constant step per panel pixel
     * (1, -1, -sw or +sw by rotation) over the pixels that fall inside the image; the rest are bars.
     */
    private void gatherUnscaled(int[] src, int py, int x0, int n, int[] line, SoftwareCursor cursor) {
        int base;
        int step;
        int lo;
        int hi;
        int fixed; // the source row (R0/R180) or column (R90/R270) of this panel line
        switch (rotation) {
            case R0 -> {
                fixed = py - oy;
                base = fixed * sw - ox;
                step = 1;
                lo = ox;
                hi = ox + sw;
            }
            case R180 -> {
                fixed = ph - 1 - py - oy;
                base = fixed * sw + pw - 1 - ox;
                step = -1;
                lo = pw - ox - sw;
                hi = pw - ox;
            }
            case R90 -> {
                fixed = py - ox;
                base = (pw - 1 - oy) * sw + fixed;
                step = -sw;
                lo = pw - oy - sh;
                hi = pw - oy;
            }
            default -> {
                fixed = ph - 1 - py - ox;
                base = -oy * sw + fixed;
                step = sw;
                lo = oy;
                hi = oy + sh;
            }
        }
        boolean rows = rotation == Rotation.R0 || rotation == Rotation.R180;
        int x1 = x0 + n;
        int a = Math.max(x0, lo);
        int b = Math.min(x1, hi);
        if (fixed < 0 || fixed >= (rows ? sh : sw) || a >= b) {
            java.util.Arrays.fill(line, 0, n, 0);
            return;
        }
        java.util.Arrays.fill(line, 0, a - x0, 0);
        java.util.Arrays.fill(line, b - x0, n, 0);
        if (step == 1) {
            System.arraycopy(src, base + a, line, a - x0, b - a);
        } else {
            int idx = base + a * step;
            for (int px = a; px < b; px++) {
                line[px - x0] = src[idx];
                idx += step;
            }
        }
        if (cursor != null && (rows ? cursor.coversRow(fixed) : cursor.coversColumn(fixed))) {
            for (int px = a; px < b; px++) {
                int sx;
                int sy;
                switch (rotation) {
                    case R0 -> {
                        sx = px - ox;
                        sy = fixed;
                    }
                    case R180 -> {
                        sx = pw - 1 - px - ox;
                        sy = fixed;
                    }
                    case R90 -> {
                        sx = fixed;
                        sy = pw - 1 - px - oy;
                    }
                    default -> {
                        sx = fixed;
                        sy = px - oy;
                    }
                }
                line[px - x0] = cursor.compose(sx, sy, line[px - x0]);
            }
        }
    }

    /** One panel line of a scaled image (nearest neighbour), pixel by pixel. */
    private void gatherScaled(int[] src, int py, int x0, int n, int[] line, SoftwareCursor cursor) {
        for (int i = 0; i < n; i++) {
            int px = x0 + i;
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
            line[i] = v;
        }
    }

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A pixel format's encoding loop over a gathered line, and the bulk store of the result. */
    private record Encoder(int bpp, boolean xrgb, int rs, int rm, int rShift, int gs, int gm, int gShift, int bs, int bm, int bShift) {

        static Encoder of(PixelFormat f) {
            return new Encoder(f.bytesPerPixel(), f.equals(PixelFormat.XRGB8888),
                    24 - f.redBits(), (1 << f.redBits()) - 1, f.redShift(),
                    16 - f.greenBits(), (1 << f.greenBits()) - 1, f.greenShift(),
                    8 - f.blueBits(), (1 << f.blueBits()) - 1, f.blueShift());
        }

        void store(int[] line, int n, MemorySegment out, long at) {
            if (xrgb) {
                for (int i = 0; i < n; i++) {
                    line[i] &= 0xffffff;
                }
                MemorySegment.copy(line, 0, out, INT_LE, at, n);
                return;
            }
            // encode in place (a plain int loop the JIT vectorises), then store in the panel's width
            for (int i = 0; i < n; i++) {
                int v = line[i];
                line[i] = (v >>> rs & rm) << rShift | (v >>> gs & gm) << gShift | (v >>> bs & bm) << bShift;
            }
            switch (bpp) {
                case 4 -> MemorySegment.copy(line, 0, out, INT_LE, at, n);
                case 2 -> {
                    for (int i = 0; i < n; i++) {
                        out.set(SHORT_LE, at + 2L * i, (short) line[i]);
                    }
                }
                default -> {
                    // four 3-byte pixels in three 32-bit stores
                    int i = 0;
                    long o = at;
                    for (; i + 4 <= n; i += 4, o += 12) {
                        int p0 = line[i];
                        int p1 = line[i + 1];
                        int p2 = line[i + 2];
                        int p3 = line[i + 3];
                        out.set(INT_LE, o, p0 & 0xffffff | p1 << 24);
                        out.set(INT_LE, o + 4, (p1 >>> 8) & 0xffff | p2 << 16);
                        out.set(INT_LE, o + 8, (p2 >>> 16) & 0xff | p3 << 8);
                    }
                    for (; i < n; i++, o += 3) {
                        int e = line[i];
                        out.set(ValueLayout.JAVA_BYTE, o, (byte) e);
                        out.set(ValueLayout.JAVA_BYTE, o + 1, (byte) (e >>> 8));
                        out.set(ValueLayout.JAVA_BYTE, o + 2, (byte) (e >>> 16));
                    }
                }
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
