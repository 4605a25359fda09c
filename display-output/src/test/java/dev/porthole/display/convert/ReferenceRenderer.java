package dev.porthole.display.convert;

/**
 * The slow, obvious implementation the optimised {@link FrameWriter} is checked against: build the
 * scaled upright image, turn it by whole quarter turns as a 2-D array, then encode each pixel with
 * a per-format formula written out by hand.
 */
final class ReferenceRenderer {

    private ReferenceRenderer() {}

    static int[][] upright(int[] src, int sw, int sh, int lw, int lh, Scaling scaling) {
        int dw;
        int dh;
        if (scaling == Scaling.STRETCH) {
            dw = lw;
            dh = lh;
        } else if (scaling == Scaling.CENTER) {
            dw = sw;
            dh = sh;
        } else if ((long) sw * lh <= (long) sh * lw) {
            dh = lh;
            dw = Math.max(1, sw * lh / sh);
        } else {
            dw = lw;
            dh = Math.max(1, sh * lw / sw);
        }
        int ox = (lw - dw) / 2;
        int oy = (lh - dh) / 2;
        int[][] img = new int[lh][lw];
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                int cx = x - ox;
                int cy = y - oy;
                if (cx >= 0 && cy >= 0 && cx < dw && cy < dh) {
                    img[y][x] = src[(cy * sh / dh) * sw + cx * sw / dw] & 0xffffff;
                }
            }
        }
        return img;
    }

    static int[][] quarterTurnClockwise(int[][] img) {
        int h = img.length;
        int w = img[0].length;
        int[][] out = new int[w][h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x][h - 1 - y] = img[y][x];
            }
        }
        return out;
    }

    static int encode(String format, int xrgb) {
        int r = (xrgb >> 16) & 0xff;
        int g = (xrgb >> 8) & 0xff;
        int b = xrgb & 0xff;
        return switch (format) {
            case "XRGB8888", "RGB888" -> xrgb & 0xffffff;
            case "XBGR8888", "BGR888" -> b << 16 | g << 8 | r;
            case "RGB565" -> (r & 0xf8) << 8 | (g & 0xfc) << 3 | b >> 3;
            case "BGR565" -> (b & 0xf8) << 8 | (g & 0xfc) << 3 | r >> 3;
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** The panel image, encoded, as one int per pixel [py][px]. */
    static int[][] panel(int[] src, int sw, int sh, int pw, int ph, Rotation rotation, Scaling scaling, PixelFormat f) {
        int turns = rotation.ordinal();
        int lw = turns % 2 == 1 ? ph : pw;
        int lh = turns % 2 == 1 ? pw : ph;
        int[][] img = upright(src, sw, sh, lw, lh, scaling);
        for (int i = 0; i < turns; i++) {
            img = quarterTurnClockwise(img);
        }
        for (int[] row : img) {
            for (int x = 0; x < row.length; x++) {
                row[x] = encode(f.name(), row[x]);
            }
        }
        return img;
    }
}
