package dev.porthole.rdp.protocol.orders;

import java.util.List;

import dev.porthole.rdp.protocol.surface.Rect;

/**
 * The primary drawing orders this client decodes (MS-RDPEGDI 2.2.2.2.1.1.2), each with every field
 * resolved: fields absent from the wire keep the value of the previous order of the same type
 * (2.2.2.2.1.1.2, "fieldFlags"). Coordinates are signed; a rectangle with a non-positive width or
 * height draws nothing. Colors are the raw TS_COLOR value (2.2.2.2.1.1.1.8): red or palette index in
 * bits 0-7, green in 8-15, blue in 16-23; at 15 and 16 bpp the low 16 bits hold the RGB555/RGB565 pixel.
 */
public sealed interface PrimaryOrder {

    /** TS_ENC_DSTBLT_ORDER. */
    int DSTBLT = 0x00;
    /** TS_ENC_PATBLT_ORDER, also the order type in effect before the first TS_TYPE_CHANGE. */
    int PATBLT = 0x01;
    /** TS_ENC_SCRBLT_ORDER. */
    int SCRBLT = 0x02;
    /** TS_ENC_LINETO_ORDER. */
    int LINETO = 0x09;
    /** TS_ENC_OPAQUERECT_ORDER. */
    int OPAQUERECT = 0x0A;
    /** TS_ENC_MEMBLT_R2_ORDER. */
    int MEMBLT = 0x0D;
    /** TS_ENC_MULTIOPAQUERECT_ORDER. */
    int MULTIOPAQUERECT = 0x12;

    /** The destination rectangle, or the line's bounding box for LineTo. */
    Rect destination();

    /** MS-RDPEGDI 2.2.2.2.1.1.2.1 DstBlt (DSTBLT_ORDER): a ternary raster operation on the destination only. */
    record DstBlt(int left, int top, int width, int height, int rop) implements PrimaryOrder {
        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }
    }

    /**
     * MS-RDPEGDI 2.2.2.2.1.1.2.3 PatBlt (PATBLT_ORDER) with its brush (2.2.2.2.1.1.1.3 BRUSH):
     * {@code brushStyle} BS_SOLID 0, BS_NULL 1, BS_HATCHED 2, BS_PATTERN 3; {@code pattern} holds the
     * 8 rows of an 8x8 monochrome pattern, {@code BrushHatch} first (2.2.2.2.1.1.1.3).
     */
    record PatBlt(int left, int top, int width, int height, int rop, int backColor, int foreColor, int brushOrgX,
                  int brushOrgY, int brushStyle, int brushHatch, byte[] pattern) implements PrimaryOrder {
        public PatBlt {
            pattern = pattern.clone();
        }

        @Override
        public byte[] pattern() {
            return pattern.clone();
        }

        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PatBlt p && left == p.left && top == p.top && width == p.width && height == p.height
                    && rop == p.rop && backColor == p.backColor && foreColor == p.foreColor && brushOrgX == p.brushOrgX
                    && brushOrgY == p.brushOrgY && brushStyle == p.brushStyle && brushHatch == p.brushHatch
                    && java.util.Arrays.equals(pattern, p.pattern);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(left, top, width, height, rop, backColor, foreColor, brushStyle)
                    * 31 + java.util.Arrays.hashCode(pattern);
        }

        @Override
        public String toString() {
            return "PatBlt[" + left + "," + top + " " + width + "x" + height + " rop=0x" + Integer.toHexString(rop)
                    + " back=0x" + Integer.toHexString(backColor) + " fore=0x" + Integer.toHexString(foreColor)
                    + " style=" + brushStyle + "]";
        }
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.2.7 ScrBlt (SCRBLT_ORDER): copies a screen area with a raster operation. */
    record ScrBlt(int left, int top, int width, int height, int rop, int srcX, int srcY) implements PrimaryOrder {
        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.2.5 OpaqueRect (OPAQUERECT_ORDER): a solid fill. */
    record OpaqueRect(int left, int top, int width, int height, int color) implements PrimaryOrder {
        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }
    }

    /**
     * MS-RDPEGDI 2.2.2.2.1.1.2.6 MultiOpaqueRect (MULTI_OPAQUERECT_ORDER): solid fills of the rectangles
     * of the DELTA_RECTS_FIELD (absolute here), clipped to the order's destination rectangle.
     */
    record MultiOpaqueRect(int left, int top, int width, int height, int color, List<Rect> rectangles)
            implements PrimaryOrder {
        public MultiOpaqueRect {
            rectangles = List.copyOf(rectangles);
        }

        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }
    }

    /**
     * MS-RDPEGDI 2.2.2.2.1.1.2.9 MemBlt (MEMBLT_ORDER): copies a cached bitmap; {@code cacheId} holds the
     * bitmap cache in its low byte and the color table in its high byte.
     */
    record MemBlt(int cacheId, int left, int top, int width, int height, int rop, int srcX, int srcY,
                  int cacheIndex) implements PrimaryOrder {
        @Override
        public Rect destination() {
            return rect(left, top, width, height);
        }

        public int bitmapCache() {
            return cacheId & 0xFF;
        }

        public int colorTable() {
            return cacheId >>> 8;
        }
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.2.11 LineTo (LINETO_ORDER): a one-pixel line with a binary raster operation. */
    record LineTo(int backMode, int startX, int startY, int endX, int endY, int backColor, int rop2, int penStyle,
                  int penWidth, int penColor) implements PrimaryOrder {
        @Override
        public Rect destination() {
            int x = Math.min(startX, endX);
            int y = Math.min(startY, endY);
            return rect(x, y, Math.abs(endX - startX) + 1, Math.abs(endY - startY) + 1);
        }
    }

    private static Rect rect(int left, int top, int width, int height) {
        if (width <= 0 || height <= 0) {
            return Rect.EMPTY;
        }
        return new Rect(left, top, width, height);
    }
}
