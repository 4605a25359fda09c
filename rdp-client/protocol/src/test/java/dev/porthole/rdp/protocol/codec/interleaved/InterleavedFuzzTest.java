package dev.porthole.rdp.protocol.codec.interleaved;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for the Interleaved RLE decoder (invariant 4). The first four bytes choose the bitmap
 * (width and height 1..64, color depth) and where it lands; the rest is the RLE stream. Only an
 * {@link RdpException} may escape, and no pixel outside the destination may change. The saved corpus
 * under {@code InterleavedFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class InterleavedFuzzTest {

    static final int SENTINEL = 0x5A5A5A5A;
    static final ColorDepth[] DEPTHS = ColorDepth.values();

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int width = (data[0] & 0x3F) + 1;
        int height = (data[1] & 0x3F) + 1;
        ColorDepth depth = DEPTHS[data[2] & 3];
        int at = data[3] & 0xFF;
        Rect destination = new Rect((at & 0x0F) * 3, (at >>> 4) * 3, Math.max(0, width - (data[2] >>> 2 & 3)), height);
        Surface surface = new Surface(96, 96);
        Arrays.fill(surface.pixels(), SENTINEL);
        int[] palette = new int[256];
        Arrays.setAll(palette, i -> i * 0x010101);
        ByteBuf src = Unpooled.wrappedBuffer(data, 4, data.length - 4);
        Rect written = Rect.EMPTY;
        try {
            written = new InterleavedDecoder().decode(src, width, height, depth, Palette.of(palette), surface, destination);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            src.release();
        }
        assertThat(destination.contains(written)).isTrue();
        Rect allowed = destination.intersect(surface.bounds());
        for (int y = 0; y < surface.height(); y++) {
            for (int x = 0; x < surface.width(); x++) {
                if (!allowed.contains(x, y) && surface.pixel(x, y) != SENTINEL) {
                    throw new AssertionError("pixel (" + x + "," + y + ") outside " + destination + " was written");
                }
            }
        }
    }
}
