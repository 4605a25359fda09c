package dev.porthole.display.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import dev.porthole.display.surface.Rect;

/** The optimised writer against {@link ReferenceRenderer}, for every format, rotation and scaling. */
class FrameWriterPropertyTest {

    @Provide
    Arbitrary<PixelFormat> formats() {
        return Arbitraries.of(PixelFormat.XRGB8888, PixelFormat.XBGR8888, PixelFormat.RGB888, PixelFormat.BGR888,
                PixelFormat.RGB565, PixelFormat.BGR565);
    }

    static int[] randomPixels(long seed, int n) {
        Random r = new Random(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextInt();
        }
        return p;
    }

    static int read(ByteBuffer b, int at, int bpp) {
        return switch (bpp) {
            case 4 -> b.getInt(at);
            case 2 -> Short.toUnsignedInt(b.getShort(at));
            default -> (b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8 | (b.get(at + 2) & 0xff) << 16;
        };
    }

    static void assertPanelEquals(ByteBuffer b, int stride, int bpp, int[][] expected, String what) {
        for (int y = 0; y < expected.length; y++) {
            for (int x = 0; x < expected[0].length; x++) {
                int got = read(b, y * stride + x * bpp, bpp);
                if (got != expected[y][x]) {
                    throw new AssertionError(what + ": pixel (" + x + "," + y + ") is 0x" + Integer.toHexString(got)
                            + ", reference 0x" + Integer.toHexString(expected[y][x]));
                }
            }
        }
    }

    @Property(tries = 400)
    void fullFrameMatchesTheReference(@ForAll @IntRange(min = 1, max = 33) int sw, @ForAll @IntRange(min = 1, max = 33) int sh,
                                      @ForAll @IntRange(min = 1, max = 33) int pw, @ForAll @IntRange(min = 1, max = 33) int ph,
                                      @ForAll Rotation rotation, @ForAll Scaling scaling, @ForAll("formats") PixelFormat f,
                                      @ForAll @IntRange(min = 0, max = 7) int padding, @ForAll long seed) {
        int[] src = randomPixels(seed, sw * sh);
        int stride = pw * f.bytesPerPixel() + padding;
        ByteBuffer b = ByteBuffer.allocate(stride * ph).order(ByteOrder.LITTLE_ENDIAN);
        FrameWriter w = new FrameWriter(sw, sh, pw, ph, rotation, scaling);
        w.write(src, new Rect(0, 0, pw, ph), b, 0, stride, f, null);
        assertPanelEquals(b, stride, f.bytesPerPixel(), ReferenceRenderer.panel(src, sw, sh, pw, ph, rotation, scaling, f), "full frame");
    }

    @Property(tries = 400)
    void damageOnlyRewritesWhatChangedAndNothingElse(@ForAll @IntRange(min = 1, max = 30) int sw,
                                                     @ForAll @IntRange(min = 1, max = 30) int sh,
                                                     @ForAll @IntRange(min = 1, max = 30) int pw,
                                                     @ForAll @IntRange(min = 1, max = 30) int ph,
                                                     @ForAll Rotation rotation, @ForAll Scaling scaling,
                                                     @ForAll("formats") PixelFormat f, @ForAll long seed) {
        Random r = new Random(seed);
        int[] src = randomPixels(seed, sw * sh);
        int stride = pw * f.bytesPerPixel();
        ByteBuffer b = ByteBuffer.allocate(stride * ph).order(ByteOrder.LITTLE_ENDIAN);
        FrameWriter w = new FrameWriter(sw, sh, pw, ph, rotation, scaling);
        w.write(src, new Rect(0, 0, pw, ph), b, 0, stride, f, null);
        int x0 = r.nextInt(sw);
        int y0 = r.nextInt(sh);
        Rect damage = Rect.ofEdges(x0, y0, x0 + 1 + r.nextInt(sw - x0), y0 + 1 + r.nextInt(sh - y0));
        for (int y = damage.y(); y < damage.bottom(); y++) {
            for (int x = damage.x(); x < damage.right(); x++) {
                src[y * sw + x] = r.nextInt();
            }
        }
        byte[] before = b.array().clone();
        Rect panel = w.toPanel(damage);
        w.write(src, panel, b, 0, stride, f, null);
        assertPanelEquals(b, stride, f.bytesPerPixel(), ReferenceRenderer.panel(src, sw, sh, pw, ph, rotation, scaling, f),
                "after damage " + damage + " -> panel " + panel);
        int bpp = f.bytesPerPixel();
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                if (!panel.contains(x, y)) {
                    for (int k = 0; k < bpp; k++) {
                        assertThat(b.get(y * stride + x * bpp + k)).as("untouched byte outside %s at (%d,%d)", panel, x, y)
                                .isEqualTo(before[y * stride + x * bpp + k]);
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void softwareCursorIsComposedWhereverItLies(@ForAll @IntRange(min = 1, max = 33) int sw, @ForAll @IntRange(min = 1, max = 33) int sh,
                                                @ForAll @IntRange(min = 1, max = 33) int pw, @ForAll @IntRange(min = 1, max = 33) int ph,
                                                @ForAll Rotation rotation, @ForAll Scaling scaling, @ForAll("formats") PixelFormat f,
                                                @ForAll @IntRange(min = -12, max = 40) int cx, @ForAll @IntRange(min = -12, max = 40) int cy,
                                                @ForAll long seed) {
        int[] src = randomPixels(seed, sw * sh);
        int[] argb = randomPixels(seed + 1, 7 * 9);
        for (int i = 0; i < argb.length; i++) {
            // opaque, transparent and blended pixels
            argb[i] = switch (i % 3) {
                case 0 -> argb[i] | 0xff000000;
                case 1 -> argb[i] & 0x00ffffff;
                default -> argb[i];
            };
        }
        SoftwareCursor cursor = new SoftwareCursor(new CursorImage(7, 9, 2, 3, argb), cx, cy);
        int[] composed = src.clone();
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                composed[y * sw + x] = cursor.compose(x, y, src[y * sw + x]);
            }
        }
        int stride = pw * f.bytesPerPixel() + 3;
        ByteBuffer b = ByteBuffer.allocate(stride * ph).order(ByteOrder.LITTLE_ENDIAN);
        FrameWriter w = new FrameWriter(sw, sh, pw, ph, rotation, scaling);
        w.write(src, new Rect(0, 0, pw, ph), b, 0, stride, f, cursor);
        assertPanelEquals(b, stride, f.bytesPerPixel(), ReferenceRenderer.panel(composed, sw, sh, pw, ph, rotation, scaling, f),
                "cursor at " + cx + "," + cy);
    }

    @Property(tries = 200)
    void writesAtAnOffsetIntoALargerBuffer(@ForAll @IntRange(min = 1, max = 20) int sw, @ForAll @IntRange(min = 1, max = 20) int sh,
                                           @ForAll Rotation rotation, @ForAll("formats") PixelFormat f,
                                           @ForAll @IntRange(min = 0, max = 64) int offset, @ForAll long seed) {
        int[] src = randomPixels(seed, sw * sh);
        int pw = rotation.swapsAxes() ? sh : sw;
        int ph = rotation.swapsAxes() ? sw : sh;
        int stride = pw * f.bytesPerPixel();
        ByteBuffer b = ByteBuffer.allocate(offset + stride * ph + 16).order(ByteOrder.LITTLE_ENDIAN);
        new FrameWriter(sw, sh, pw, ph, rotation, Scaling.FIT).write(src, new Rect(0, 0, pw, ph), b, offset, stride, f, null);
        int[][] want = ReferenceRenderer.panel(src, sw, sh, pw, ph, rotation, Scaling.FIT, f);
        for (int i = 0; i < offset; i++) {
            assertThat(b.get(i)).as("byte %d before the offset", i).isZero();
        }
        for (int i = offset + stride * ph; i < b.capacity(); i++) {
            assertThat(b.get(i)).as("byte %d after the page", i).isZero();
        }
        assertPanelEquals(b.slice(offset, stride * ph).order(ByteOrder.LITTLE_ENDIAN), stride, f.bytesPerPixel(), want, "offset " + offset);
    }

    @Property(tries = 200)
    void formatsRoundTripTheirOwnPrecision(@ForAll("formats") PixelFormat f, @ForAll int xrgb) {
        int once = f.decode(f.encode(xrgb));
        assertThat(f.encode(once)).isEqualTo(f.encode(xrgb));
    }
}
