package dev.porthole.rdp.protocol.orders;

import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedDecoder;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.codec.planar.PlanarDecoder;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;

/**
 * Draws decoded {@link DrawingOrder}s into a {@link Surface} and keeps the caches they refer to: three
 * Revision 2 bitmap caches (MS-RDPBCGR 2.2.7.1.4.2, {@link #CACHE_ENTRIES} entries of
 * at most {@link #CACHE_CELL_PIXELS} pixels each, so the caches' memory is bounded) and the color table cache
 * (MS-RDPBCGR 2.2.7.1.5, {@link #COLOR_TABLES} tables). Raster operations follow MS-RDPEGDI 2.2.2.2.1.1.1.6
 * (ROP2) and 2.2.2.2.1.1.1.7 (ROP3, all 256 evaluated bitwise on the 24 color bits). Every write is clipped to
 * the order's bounds and to the surface and recorded as damage.
 */
public final class OrderRenderer {

    /** Entries of bitmap caches 0, 1 and 2 (what a Revision 2 Bitmap Cache Capability Set would advertise). */
    public static final List<Integer> CACHE_ENTRIES = List.of(600, 600, 512);
    /** The largest bitmap each cache holds: 16x16, 32x32 and 64x64 pixels (MS-RDPBCGR 3.2.1.14 cell sizes). */
    public static final List<Integer> CACHE_CELL_PIXELS = List.of(256, 1024, 4096);
    /** Color tables in the Color Table Cache (the client's Color Table Cache Capability Set offers 6). */
    public static final int COLOR_TABLES = 6;

    static final String TYPE = "OrderRenderer";
    /** BITMAPCACHE_WAITING_LIST_INDEX (MS-RDPEGDI 2.2.2.2.1.2.3 cacheIndex). */
    public static final int WAITING_LIST_INDEX = 0x7FFF;

    private final Surface surface;
    private final int colorDepth;
    private final InterleavedDecoder interleaved = new InterleavedDecoder();
    private final PlanarDecoder planar = new PlanarDecoder();
    private final Tile[][] bitmaps = new Tile[CACHE_ENTRIES.size()][];
    private final Palette[] colorTables = new Palette[COLOR_TABLES];

    /** A cached bitmap: {@code argb} holds {@code width × height} pixels, top row first. */
    record Tile(int width, int height, int[] argb) {}

    /**
     * @param surface    where orders draw
     * @param colorDepth the session's color depth (8, 15, 16, 24 or 32), which decides how TS_COLOR
     *                   values are read (MS-RDPEGDI 2.2.2.2.1.1.1.8)
     */
    public OrderRenderer(Surface surface, int colorDepth) {
        if (colorDepth != 8 && colorDepth != 15 && colorDepth != 16 && colorDepth != 24 && colorDepth != 32) {
            throw RdpException.argument(TYPE, "colorDepth", colorDepth + " is not 8, 15, 16, 24 or 32");
        }
        this.surface = surface;
        this.colorDepth = colorDepth;
        for (int i = 0; i < bitmaps.length; i++) {
            bitmaps[i] = new Tile[CACHE_ENTRIES.get(i) + 1]; // + the waiting list entry
        }
    }

    /** Applies {@code orders} in sequence; {@code palette} is the session palette (8 bpp only). */
    public void apply(List<DrawingOrder> orders, Palette palette) {
        for (DrawingOrder o : orders) {
            switch (o) {
                case DrawingOrder.Secondary(SecondaryOrder.CacheBitmap b) -> cache(b, palette);
                case DrawingOrder.Secondary(SecondaryOrder.CacheColorTable t) -> {
                    if (t.cacheIndex() >= COLOR_TABLES) {
                        throw RdpException.malformed("CACHE_COLOR_TABLE_ORDER", "cacheIndex", t.cacheIndex()
                                + " is outside the " + COLOR_TABLES + " color tables this client keeps");
                    }
                    colorTables[t.cacheIndex()] = Palette.of(t.colors());
                }
                case DrawingOrder.Primary(PrimaryOrder order, Rect clip) -> draw(order, clip, palette);
            }
        }
    }

    // ---------------------------------------------------------------- caches

    private void cache(SecondaryOrder.CacheBitmap b, Palette palette) {
        String pdu = b.revision() == 1 ? "CACHE_BITMAP_ORDER" : "CACHE_BITMAP_REV2_ORDER";
        if (b.cacheId() >= bitmaps.length) {
            throw RdpException.malformed(pdu, "cacheId", b.cacheId() + " is outside the " + bitmaps.length + " bitmap caches this client keeps");
        }
        Tile[] cache = bitmaps[b.cacheId()];
        int slot = slot(b.cacheId(), b.cacheIndex(), pdu);
        int cell = CACHE_CELL_PIXELS.get(b.cacheId());
        if (b.width() < 1 || b.height() < 1 || b.width() * b.height() > cell) {
            throw RdpException.malformed(pdu, "bitmapWidth/bitmapHeight", b.width() + "x" + b.height()
                    + " does not fit a cell of cache " + b.cacheId() + " (" + cell + " pixels)");
        }
        int bpp = b.bitsPerPixel() == 16 && colorDepth == 15 ? 15 : b.bitsPerPixel();
        int w = b.width();
        int h = b.height();
        ByteBuf data = b.bitmapData().duplicate();
        int[] wire; // bottom row first
        if (!b.compressed()) {
            wire = uncompressed(data, w, h, bpp, palette, pdu);
        } else if (bpp == 32) {
            wire = planar.decompress(data, w, h);
        } else {
            ColorDepth depth = ColorDepth.of(bpp);
            wire = interleaved.decompress(data, w, h, depth);
            for (int i = 0; i < wire.length; i++) {
                wire[i] = depth.toArgb(wire[i], palette);
            }
        }
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(wire, (h - 1 - y) * w, argb, y * w, w);
        }
        cache[slot] = new Tile(w, h, argb);
    }

    /** 0x7FFF (BITMAPCACHE_WAITING_LIST_INDEX, MS-RDPEGDI 2.2.2.2.1.2.3) is an extra entry after the regular ones. */
    private int slot(int cacheId, int cacheIndex, String pdu) {
        int entries = bitmaps[cacheId].length - 1;
        if (cacheIndex == WAITING_LIST_INDEX) {
            return entries;
        }
        if (cacheIndex >= entries) {
            throw RdpException.malformed(pdu, "cacheIndex", cacheIndex + " is outside cache " + cacheId + "'s "
                    + entries + " entries");
        }
        return cacheIndex;
    }

    /** Uncompressed cached bitmap: bottom-up rows of little-endian pixels, each row padded to 4 bytes. */
    private static int[] uncompressed(ByteBuf src, int w, int h, int bpp, Palette palette, String pdu) {
        int bytesPerPixel = (bpp + 7) / 8;
        int rowBytes = (w * bytesPerPixel + 3) & ~3;
        if ((long) rowBytes * h > src.readableBytes()) {
            throw RdpException.malformed(pdu, "bitmapDataStream", "holds " + src.readableBytes() + " bytes, an uncompressed "
                    + w + "x" + h + "x" + bpp + " bitmap needs " + (long) rowBytes * h);
        }
        int[] out = new int[w * h];
        int base = src.readerIndex();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = base + y * rowBytes + x * bytesPerPixel;
                out[y * w + x] = switch (bpp) {
                    case 32, 24 -> 0xFF000000 | src.getUnsignedMediumLE(at);
                    case 8 -> ColorDepth.BPP8.toArgb(src.getUnsignedByte(at), palette);
                    default -> ColorDepth.of(bpp).toArgb(src.getUnsignedShortLE(at), palette);
                };
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- drawing

    private void draw(PrimaryOrder order, Rect clip, Palette palette) {
        Rect area = order.destination().intersect(surface.bounds());
        if (clip != null) {
            area = area.intersect(clip);
        }
        if (area.isEmpty() && !(order instanceof PrimaryOrder.MultiOpaqueRect)) {
            return;
        }
        switch (order) {
            case PrimaryOrder.OpaqueRect o -> surface.fill(area, argb(o.color(), palette));
            case PrimaryOrder.MultiOpaqueRect m -> {
                int color = argb(m.color(), palette);
                Rect bound = clip == null ? surface.bounds() : clip.intersect(surface.bounds());
                for (Rect r : m.rectangles()) {
                    surface.fill(r.intersect(bound), color);
                }
            }
            case PrimaryOrder.DstBlt d -> rop(area, d.rop(), 0, null, 0, 0, null);
            case PrimaryOrder.PatBlt p -> patBlt(p, area, palette);
            case PrimaryOrder.ScrBlt s -> {
                // copy the source first: source and destination may overlap
                Rect src = new Rect(s.srcX() + (area.x() - s.left()), s.srcY() + (area.y() - s.top()), area.width(), area.height());
                Rect readable = src.intersect(surface.bounds());
                if (!readable.equals(src)) {
                    // only the part whose source lies on the surface is defined
                    area = new Rect(area.x() + readable.x() - src.x(), area.y() + readable.y() - src.y(), readable.width(),
                            readable.height());
                    src = readable;
                    if (area.isEmpty()) {
                        return;
                    }
                }
                int[] copy = new int[src.width() * src.height()];
                int[] px = surface.pixels();
                for (int y = 0; y < src.height(); y++) {
                    System.arraycopy(px, (src.y() + y) * surface.width() + src.x(), copy, y * src.width(), src.width());
                }
                rop(area, s.rop(), 0, copy, area.x(), area.y(), null);
            }
            case PrimaryOrder.MemBlt m -> memBlt(m, area);
            case PrimaryOrder.LineTo l -> lineTo(l, clip, palette);
        }
    }

    private void memBlt(PrimaryOrder.MemBlt m, Rect area) {
        String pdu = "MEMBLT_ORDER";
        int cacheId = m.bitmapCache();
        if (cacheId >= bitmaps.length) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, pdu + ".cacheId: bitmap cache " + cacheId
                    + " is not one this client keeps (offscreen bitmaps are not offered)");
        }
        Tile tile = bitmaps[cacheId][slot(cacheId, m.cacheIndex(), pdu)];
        if (tile == null) {
            throw RdpException.malformed(pdu, "cacheIndex", "entry " + m.cacheIndex() + " of cache " + cacheId + " is empty");
        }
        // the part of the destination whose source lies inside the cached bitmap
        Rect covered = area.intersect(new Rect(m.left() - m.srcX(), m.top() - m.srcY(), tile.width(), tile.height()));
        if (covered.isEmpty()) {
            return;
        }
        int[] src = new int[covered.width() * covered.height()];
        for (int y = 0; y < covered.height(); y++) {
            int ty = covered.y() - (m.top() - m.srcY()) + y;
            int tx = covered.x() - (m.left() - m.srcX());
            System.arraycopy(tile.argb(), ty * tile.width() + tx, src, y * covered.width(), covered.width());
        }
        rop(covered, m.rop(), 0, src, covered.x(), covered.y(), null);
    }

    private void patBlt(PrimaryOrder.PatBlt p, Rect area, Palette palette) {
        int fore = argb(p.foreColor(), palette);
        int back = argb(p.backColor(), palette);
        switch (p.brushStyle()) {
            case 0 -> rop(area, p.rop(), fore, null, 0, 0, null); // BS_SOLID
            case 1 -> { } // BS_NULL: a hollow brush paints nothing
            case 2, 3 -> { // BS_HATCHED, BS_PATTERN (8x8 monochrome)
                byte[] bits;
                if (p.brushStyle() == 2) {
                    if (p.brushHatch() >= HATCHES.length) {
                        throw RdpException.malformed("PATBLT_ORDER", "BrushHatch", p.brushHatch() + " is not HS_HORIZONTAL..HS_DIAGCROSS");
                    }
                    bits = HATCHES[p.brushHatch()];
                } else {
                    bits = p.pattern();
                }
                int[] pattern = new int[64];
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        pattern[y * 8 + x] = (bits[y] & (0x80 >>> x)) != 0 ? back : fore;
                    }
                }
                rop(area, p.rop(), 0, null, p.brushOrgX(), p.brushOrgY(), pattern);
            }
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED, "PATBLT_ORDER.BrushStyle: 0x"
                    + Integer.toHexString(p.brushStyle()) + " (cached or color brushes were not offered)");
        }
    }

    /**
     * Standard hatch brushes (MS-RDPEGDI 2.2.2.2.1.1.1.3 BrushHatch, the Windows HS_* patterns), one byte per row,
     * most significant bit leftmost; a clear bit is the hatch line (foreground), a set bit the background.
     */
    private static final byte[][] HATCHES = {
            rows(0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0xFF), // HS_HORIZONTAL
            rows(0xF7, 0xF7, 0xF7, 0xF7, 0xF7, 0xF7, 0xF7, 0xF7), // HS_VERTICAL
            rows(0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F), // HS_FDIAGONAL
            rows(0x7F, 0xBF, 0xDF, 0xEF, 0xF7, 0xFB, 0xFD, 0xFE), // HS_BDIAGONAL
            rows(0xF7, 0xF7, 0xF7, 0x00, 0xF7, 0xF7, 0xF7, 0xF7), // HS_CROSS
            rows(0x7E, 0xBD, 0xDB, 0xE7, 0xE7, 0xDB, 0xBD, 0x7E), // HS_DIAGCROSS
    };

    private static byte[] rows(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /**
     * Applies ternary raster operation {@code rop} on {@code area}: the pattern is {@code solid} or, when
     * {@code pattern} is given, the 8x8 pattern aligned at ({@code orgX}, {@code orgY}); the source is
     * {@code source} (area-sized, row-major) or absent.
     */
    private void rop(Rect area, int rop, int solid, int[] source, int orgX, int orgY, int[] pattern) {
        int[] px = surface.pixels();
        int stride = surface.width();
        for (int y = 0; y < area.height(); y++) {
            int row = (area.y() + y) * stride + area.x();
            for (int x = 0; x < area.width(); x++) {
                int s = source == null ? 0 : source[y * area.width() + x];
                int p = pattern == null ? solid
                        : pattern[((area.y() + y - orgY) & 7) * 8 + ((area.x() + x - orgX) & 7)];
                px[row + x] = rop3(rop, p, s, px[row + x]);
            }
        }
        surface.addDamage(area);
    }

    /**
     * MS-RDPEGDI 2.2.2.2.1.1.1.7 ROP3: bit {@code (P << 2) | (S << 1) | D} of {@code rop} is the result for
     * those input bits, evaluated on every color bit; the result is opaque.
     */
    static int rop3(int rop, int p, int s, int d) {
        return switch (rop) {
            case 0xCC -> 0xFF000000 | s; // SRCCOPY
            case 0xF0 -> 0xFF000000 | p; // PATCOPY
            case 0x00 -> 0xFF000000; // BLACKNESS
            case 0xFF -> 0xFFFFFFFF; // WHITENESS
            case 0xAA -> d; // D
            default -> {
                int r = 0;
                for (int i = 0; i < 8; i++) {
                    if ((rop & (1 << i)) != 0) {
                        r |= ((i & 4) != 0 ? p : ~p) & ((i & 2) != 0 ? s : ~s) & ((i & 1) != 0 ? d : ~d);
                    }
                }
                yield 0xFF000000 | r;
            }
        };
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.1.6 ROP2 (R2_BLACK 1 .. R2_WHITE 16): bit {@code (P << 1) | D} of {@code rop2 - 1}. */
    static int rop2(int rop2, int p, int d) {
        int table = (rop2 - 1) & 0x0F;
        int r = 0;
        for (int i = 0; i < 4; i++) {
            if ((table & (1 << i)) != 0) {
                r |= ((i & 2) != 0 ? p : ~p) & ((i & 1) != 0 ? d : ~d);
            }
        }
        return 0xFF000000 | r;
    }

    /** A one-pixel line (Bresenham), end point excluded as GDI's LineTo does, clipped per pixel. */
    private void lineTo(PrimaryOrder.LineTo l, Rect clip, Palette palette) {
        if (l.rop2() < 1 || l.rop2() > 16) {
            throw RdpException.malformed("LINETO_ORDER", "bRop2", l.rop2() + " is not R2_BLACK..R2_WHITE (1..16)");
        }
        Rect bound = clip == null ? surface.bounds() : clip.intersect(surface.bounds());
        int pen = argb(l.penColor(), palette);
        int x = l.startX();
        int y = l.startY();
        int dx = Math.abs(l.endX() - x);
        int dy = -Math.abs(l.endY() - y);
        int sx = x < l.endX() ? 1 : -1;
        int sy = y < l.endY() ? 1 : -1;
        int err = dx + dy;
        int[] px = surface.pixels();
        int stride = surface.width();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int maxY = Integer.MIN_VALUE;
        // at most 65536 steps: both ends are 16-bit coordinates
        while (x != l.endX() || y != l.endY()) {
            if (bound.contains(x, y)) {
                int at = y * stride + x;
                px[at] = rop2(l.rop2(), pen, px[at]);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y += sy;
            }
        }
        if (minX <= maxX) {
            surface.addDamage(new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1));
        }
    }

    /** A TS_COLOR value (MS-RDPEGDI 2.2.2.2.1.1.1.8) at the session's color depth, as 0xFFRRGGBB. */
    int argb(int color, Palette palette) {
        return switch (colorDepth) {
            case 8 -> ColorDepth.BPP8.toArgb(color & 0xFF, palette);
            case 15 -> ColorDepth.BPP15.toArgb(color & 0xFFFF, palette);
            case 16 -> ColorDepth.BPP16.toArgb(color & 0xFFFF, palette);
            default -> 0xFF000000 | (color & 0xFF) << 16 | (color & 0xFF00) | (color >>> 16) & 0xFF;
        };
    }
}
