package dev.porthole.rdp.protocol.codec.planar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Round trips through {@link PlanarTestEncoder} and the AYCoCg transform against the spec's matrix. */
class PlanarPropertiesTest {

    /** A plane with runs, repeated rows and noise. */
    static byte[] plane(int width, int height, Random r) {
        byte[] p = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int mode = y == 0 ? r.nextInt(2) : r.nextInt(4);
            int v = r.nextInt(256);
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                p[i] = switch (mode) {
                    case 0 -> (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : v);
                    case 1 -> (byte) (x * 7 + v);
                    case 2 -> p[i - width];
                    default -> (byte) (p[i - width] + (r.nextInt(4) == 0 ? r.nextInt(256) : 0));
                };
            }
        }
        return p;
    }

    static int[] decompress(byte[] stream, int width, int height) {
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        try {
            int[] out = new PlanarDecoder().decompress(src, width, height);
            assertThat(src.isReadable()).isFalse();
            return out;
        } finally {
            src.release();
        }
    }

    @Property(tries = 300)
    void rlePlanesRoundTrip(@ForAll @IntRange(min = 1, max = 100) int width, @ForAll @IntRange(min = 1, max = 8) int height, @ForAll long seed) {
        byte[] plane = plane(width, height, new Random(seed));
        byte[] segments = PlanarTestEncoder.rlePlane(plane, width, height);
        ByteBuf src = Unpooled.wrappedBuffer(segments);
        try {
            byte[] decoded = new byte[width * height];
            PlanarDecoder.rlePlane(src, decoded, 0, width, height, "plane");
            assertThat(decoded).isEqualTo(plane);
            assertThat(src.isReadable()).isFalse();
        } finally {
            src.release();
        }
    }

    @Property(tries = 300)
    void argbRoundTrips(@ForAll @IntRange(min = 1, max = 40) int width, @ForAll @IntRange(min = 1, max = 20) int height,
            @ForAll boolean rle, @ForAll boolean alpha, @ForAll boolean pad, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] a = plane(width, height, r);
        byte[] red = plane(width, height, r);
        byte[] green = plane(width, height, r);
        byte[] blue = plane(width, height, r);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (alpha ? a[i] & 0xFF : 0xFF) << 24 | (red[i] & 0xFF) << 16 | (green[i] & 0xFF) << 8 | (blue[i] & 0xFF);
        }
        assertThat(decompress(PlanarTestEncoder.encodeArgb(argb, width, height, rle, alpha, pad), width, height)).isEqualTo(argb);
    }

    /**
     * MS-RDPEGDI 3.1.9.1.2-3.1.9.1.4 as an oracle: chroma planes hold the 9-bit two's complement Co and
     * Cg shifted right by CLL; recovery shifts them back, super-sampling takes the chroma of pixel
     * (row/2, col/2), and R = Y + Co/2 - Cg/2, G = Y + Cg/2, B = Y - Co/2 - Cg/2, clamped to 0..255,
     * with R and B swapped for bitmaps without alpha.
     */
    @Property(tries = 300)
    void aycocgFollowsTheSpecTransform(@ForAll @IntRange(min = 1, max = 33) int width, @ForAll @IntRange(min = 1, max = 17) int height,
            @ForAll @IntRange(min = 1, max = 7) int cll, @ForAll boolean cs, @ForAll boolean rle, @ForAll boolean alpha, @ForAll long seed) {
        Random r = new Random(seed);
        int cw = cs ? (width + 1) / 2 : width;
        int ch = cs ? (height + 1) / 2 : height;
        byte[][] planes = {plane(width, height, r), plane(width, height, r), plane(cw, ch, r), plane(cw, ch, r)};
        PlanarHeader header = new PlanarHeader(cll, cs, rle, !alpha);
        int[] argb = decompress(PlanarTestEncoder.encode(header, planes, width, height, true), width, height);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int i = row * width + col;
                int c = (cs ? row / 2 : row) * cw + (cs ? col / 2 : col);
                double y = planes[1][i] & 0xFF;
                double co = nineBit((planes[2][c] & 0xFF) << cll);
                double cg = nineBit((planes[3][c] & 0xFF) << cll);
                int red = clamp(y + co / 2 - cg / 2);
                int green = clamp(y + cg / 2);
                int blue = clamp(y - co / 2 - cg / 2);
                if (!alpha) {
                    int t = red;
                    red = blue;
                    blue = t;
                }
                int a = alpha ? planes[0][i] & 0xFF : 0xFF;
                assertThat(argb[i]).as("pixel (%d,%d)", col, row).isEqualTo(a << 24 | red << 16 | green << 8 | blue);
            }
        }
    }

    static double nineBit(int v) {
        v &= 0x1FF;
        return v >= 256 ? v - 512 : v;
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    @Property(tries = 200)
    void decodeWritesTheVisiblePartInTheRightOrientation(@ForAll @IntRange(min = 1, max = 12) int width, @ForAll @IntRange(min = 1, max = 12) int height,
            @ForAll @IntRange(min = -3, max = 14) int x, @ForAll @IntRange(min = -3, max = 14) int y,
            @ForAll @IntRange(max = 14) int dw, @ForAll @IntRange(max = 14) int dh, @ForAll boolean bottomUp, @ForAll long seed) {
        Random r = new Random(seed);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | r.nextInt(0x1000000);
        }
        byte[] stream = PlanarTestEncoder.encodeArgb(argb, width, height, r.nextBoolean(), false, false);
        Surface s = new Surface(12, 10);
        java.util.Arrays.fill(s.pixels(), 0x01020304);
        Rect destination = new Rect(x, y, dw, dh);
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        Rect written;
        try {
            written = new PlanarDecoder().decode(src, width, height, bottomUp, s, destination);
        } finally {
            src.release();
        }
        for (int sy = 0; sy < 10; sy++) {
            for (int sx = 0; sx < 12; sx++) {
                int ix = sx - x;
                int iy = sy - y;
                boolean inside = destination.contains(sx, sy) && ix < width && iy < height;
                assertThat(written.contains(sx, sy)).isEqualTo(inside);
                int streamRow = bottomUp ? height - 1 - iy : iy;
                assertThat(s.pixel(sx, sy)).isEqualTo(inside ? argb[streamRow * width + ix] : 0x01020304);
            }
        }
    }
}
