package dev.porthole.rdp.protocol.codec.interleaved;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Round trips through {@link InterleavedTestEncoder}, and the surface write contract. */
class InterleavedPropertiesTest {

    /** An image with the structure real screens have: few colors, repeated and XOR-related rows, runs, dither. */
    static int[] image(int width, int height, ColorDepth depth, long seed) {
        Random r = new Random(seed);
        int mask = switch (depth) {
            case BPP8 -> 0xFF;
            case BPP15 -> 0x7FFF;
            case BPP16 -> 0xFFFF;
            case BPP24 -> 0xFFFFFF;
        };
        int[] colors = new int[2 + r.nextInt(5)];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : depth.white()) : r.nextInt() & mask;
        }
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int mode = y == 0 ? r.nextInt(3) : r.nextInt(6);
            for (int x = 0; x < width; x++) {
                int i = row + x;
                px[i] = switch (mode) {
                    case 0 -> colors[r.nextInt(colors.length)];
                    case 1 -> colors[(x / (1 + r.nextInt(3))) % 2];
                    case 2 -> x < width / 2 ? colors[0] : colors[1];
                    case 3 -> px[i - width];
                    case 4 -> r.nextInt(5) == 0 ? colors[r.nextInt(colors.length)] : px[i - width];
                    default -> r.nextBoolean() ? px[i - width] ^ colors[1] : px[i - width];
                };
            }
        }
        return px;
    }

    @Property(tries = 400)
    void decodeOfEncodeIsTheImage(@ForAll @IntRange(min = 1, max = 70) int width, @ForAll @IntRange(min = 1, max = 12) int height,
            @ForAll ColorDepth depth, @ForAll long seed) {
        int[] px = image(width, height, depth, seed);
        byte[] stream = InterleavedTestEncoder.encode(px, width, depth, seed);
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        try {
            assertThat(new InterleavedDecoder().decompress(src, width, height, depth)).isEqualTo(px);
        } finally {
            src.release();
        }
    }

    @Property(tries = 200)
    void decodeWritesExactlyTheVisiblePartUpright(@ForAll @IntRange(min = 1, max = 20) int width, @ForAll @IntRange(min = 1, max = 12) int height,
            @ForAll @IntRange(min = -4, max = 20) int x, @ForAll @IntRange(min = -4, max = 20) int y,
            @ForAll @IntRange(min = 0, max = 24) int dw, @ForAll @IntRange(min = 0, max = 16) int dh, @ForAll long seed) {
        ColorDepth depth = ColorDepth.BPP16;
        int[] px = image(width, height, depth, seed);
        byte[] stream = InterleavedTestEncoder.encode(px, width, depth, seed);
        Surface s = new Surface(16, 12);
        int sentinel = 0x12345678;
        java.util.Arrays.fill(s.pixels(), sentinel);
        Rect destination = new Rect(x, y, dw, dh);
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        Rect written;
        try {
            written = new InterleavedDecoder().decode(src, width, height, depth, null, s, destination);
        } finally {
            src.release();
        }
        for (int sy = 0; sy < 12; sy++) {
            for (int sx = 0; sx < 16; sx++) {
                int ix = sx - x;
                int iy = sy - y;
                boolean inside = destination.contains(sx, sy) && ix < width && iy < height;
                assertThat(written.contains(sx, sy)).isEqualTo(inside);
                int want = inside ? depth.toArgb(px[(height - 1 - iy) * width + ix], null) : sentinel;
                assertThat(s.pixel(sx, sy)).as("(%d,%d)", sx, sy).isEqualTo(want);
            }
        }
    }
}
