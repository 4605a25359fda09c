package dev.porthole.rdp.protocol.codec.interleaved;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import dev.porthole.rdp.protocol.surface.VectorFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Interleaved RLE against data from peer projects (see SOURCE.md next to each vector). */
class InterleavedGoldenTest {

    static Stream<String> ironRdpTiles() {
        return Stream.of("27019fd9f222cebce9dfebcddb12bfa0", "284f668a9366a95e45f15b6bf634a633", "28c08e75c82ab598c5ab85d1bfc00253",
                "2de3f3262a5eeecc3152552c178b782a", "3fc8124af9be2fe88b445db60c36eddc", "4d75aa6a18c435c6230ba739b802a861",
                "8b8ccc77526730d0cd8989901cc031ec", "94bb5b131eb3bc110905dfcb0f60da79", "9b06660a1da806d2d48ce3f46b45d571",
                "a412fbe2b435ac627ce39048aa3d3fb3", "aa326e7a536cc8a0420c44bdf4ef8d97", "fbcefc9af4db651aefd91bcabc8ea9fc");
    }

    /** IronRDP test_data/rle: server-sent 64x64 tiles at 16 bpp, expected RGB565 pixels in wire order. */
    @ParameterizedTest
    @MethodSource("ironRdpTiles")
    void ironRdpTilesDecompressToTheExpectedRgb565(String tile) {
        byte[] compressed = VectorFiles.bytes("/vectors/ironrdp/rle/tile-" + tile + "-compressed.bin");
        byte[] expected = VectorFiles.bytes("/vectors/ironrdp/rle/tile-" + tile + "-decompressed.bin");
        ByteBuf src = Unpooled.wrappedBuffer(compressed);
        try {
            int[] pixels = new InterleavedDecoder().decompress(src, 64, 64, ColorDepth.BPP16);
            assertThat(src.isReadable()).isFalse();
            int[] want = new int[64 * 64];
            for (int i = 0; i < want.length; i++) {
                want[i] = (expected[2 * i] & 0xFF) | (expected[2 * i + 1] & 0xFF) << 8;
            }
            assertThat(pixels).isEqualTo(want);
        } finally {
            src.release();
        }
    }

    /**
     * FreeRDP interleaved/: its encoder's output for a random 64x64 image (one MEGA_MEGA_COLOR_IMAGE)
     * and its decoder's output as BGRA32, upright. Decoding into a surface must give the same colors.
     */
    @ParameterizedTest
    @ValueSource(ints = {15, 16, 24})
    void freeRdpEncoderOutputDecodesToFreeRdpDecoderOutput(int bpp) {
        byte[] encoded = VectorFiles.bytes("/vectors/freerdp/interleaved/interleaved-enc-" + bpp + "-encoder_test_01.bin");
        byte[] decoded = VectorFiles.bytes("/vectors/freerdp/interleaved/interleaved-dec-enc-" + bpp + "-encoder_test_01.bin");
        assertThat(encoded[0] & 0xFF).as("a MEGA_MEGA_COLOR_IMAGE").isEqualTo(0xF4);
        Surface surface = new Surface(64, 64);
        ByteBuf src = Unpooled.wrappedBuffer(encoded);
        try {
            Rect written = new InterleavedDecoder().decode(src, 64, 64, ColorDepth.of(bpp), null, surface, new Rect(0, 0, 64, 64));
            assertThat(written).isEqualTo(new Rect(0, 0, 64, 64));
        } finally {
            src.release();
        }
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int p = (y * 64 + x) * 4;
                int argb = surface.pixel(x, y);
                assertThat(argb >>> 16 & 0xFF).as("red of (%d,%d)", x, y).isEqualTo(decoded[p + 2] & 0xFF);
                assertThat(argb & 0xFF).as("blue of (%d,%d)", x, y).isEqualTo(decoded[p] & 0xFF);
                int green = argb >>> 8 & 0xFF;
                if (bpp == 16) {
                    // FreeRDP widens 6-bit green as min(255, 4g + g/8); Porthole replicates bits, 4g + g/16.
                    int g6 = green >>> 2;
                    assertThat(decoded[p + 1] & 0xFF).as("green of (%d,%d)", x, y).isEqualTo(Math.min(255, 4 * g6 + g6 / 8));
                    assertThat(green).isEqualTo(4 * g6 + g6 / 16);
                } else {
                    assertThat(green).as("green of (%d,%d)", x, y).isEqualTo(decoded[p + 1] & 0xFF);
                }
            }
        }
    }
}
