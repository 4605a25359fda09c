package dev.porthole.rdp.protocol.codec.planar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import dev.porthole.rdp.protocol.surface.VectorFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Planar (RDP 6.0 bitmap) decoding against the spec's RLE examples and peer projects' data. */
class PlanarGoldenTest {

    static byte[] rlePlane(byte[] stream, int width, int height) {
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        try {
            byte[] plane = new byte[width * height];
            PlanarDecoder.rlePlane(src, plane, 0, width, height, "plane");
            assertThat(src.isReadable()).as("segments consumed").isFalse();
            return plane;
        } finally {
            src.release();
        }
    }

    static int[] unsigned(byte[] b) {
        int[] u = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            u[i] = b[i] & 0xFF;
        }
        return u;
    }

    @Test
    void specRleDecodingExample() {
        // MS-RDPEGDI 3.1.9.2.3: the fully decoded 6x3 plane.
        byte[] plane = rlePlane(VectorFiles.hex("/vectors/ms-rdpegdi/3.1.9.2.3-rle-plane-6x3.hex"), 6, 3);
        assertThat(unsigned(plane)).containsExactly(
                255, 255, 255, 255, 254, 253,
                254, 192, 132, 96, 75, 25,
                253, 140, 62, 14, 135, 193);
    }

    @Test
    void specExtraLongRunExample() {
        // MS-RDPEGDI 3.1.9.2.2: 'A' repeated 100 times.
        byte[] plane = rlePlane(VectorFiles.hex("/vectors/ms-rdpegdi/3.1.9.2.2-rle-extra-long-run.hex"), 100, 1);
        assertThat(new String(plane, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("A".repeat(100));
    }

    static Stream<Arguments> ironRdpAssets() {
        return Stream.of(
                Arguments.of("32x64_rgb_raw", 32, 64, 0x20),
                Arguments.of("64x24_argb_rle", 64, 24, 0x10),
                Arguments.of("64x64_aycocg_rle", 64, 64, 0x33),
                Arguments.of("64x64_ycocg_rle_ss", 64, 64, 0x3b),
                Arguments.of("64x35_ycocg_rle_ss", 64, 35, 0x3b),
                Arguments.of("64x64_ycocg_raw_ss", 64, 64, 0x2b));
    }

    /** IronRDP rdp6/test_assets: the stream decoded in stream order is the BMP image, top row first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ironRdpAssets")
    void ironRdpStreamsDecodeToTheirImages(String name, int width, int height, int formatHeader) {
        byte[] stream = VectorFiles.bytes("/vectors/ironrdp/rdp6/" + name + ".bin");
        assertThat(stream[0] & 0xFF).isEqualTo(formatHeader);
        int[] expected = VectorFiles.bmp24("/vectors/ironrdp/rdp6/" + name + ".bmp", width, height);
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        try {
            int[] argb = new PlanarDecoder().decompress(src, width, height);
            assertThat(src.isReadable()).isFalse();
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= 0xFF000000; // the BMPs carry no alpha
            }
            assertThat(argb).isEqualTo(expected);
        } finally {
            src.release();
        }
    }

    /**
     * FreeRDP planar/: its encoder's lossless output (ARGB, no alpha, RLE) decodes back to the source
     * image's red, green and blue. EXPERIMENTAL images are RGBX32 (bytes R, G, B, X), top row first;
     * FreeRDP writes the planes bottom-up, as bitmap updates carry them, so they decode bottom-up.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TEST_RLE_BITMAP_EXPERIMENTAL_01", "TEST_RLE_BITMAP_EXPERIMENTAL_02", "TEST_RLE_BITMAP_EXPERIMENTAL_03"})
    void freeRdpEncoderOutputDecodesToItsSource(String name) {
        byte[] encoded = VectorFiles.bytes("/vectors/freerdp/planar/planar-enc-" + name + ".bin");
        byte[] source = VectorFiles.bytes("/vectors/freerdp/planar/planar-bmp-" + name + ".bin");
        assertThat(encoded[0] & 0xFF).as("NA | RLE").isEqualTo(0x30);
        int[] argb = decodeBottomUp(encoded, 64, 64);
        for (int i = 0; i < argb.length; i++) {
            int want = 0xFF000000 | (source[4 * i] & 0xFF) << 16 | (source[4 * i + 1] & 0xFF) << 8 | (source[4 * i + 2] & 0xFF);
            assertThat(argb[i]).as("pixel %d", i).isEqualTo(want);
        }
    }

    /** FreeRDP planar/: a 32x32 RGB565 source, encoded from its 8-bit widening. */
    @Test
    void freeRdpSixteenBppSourceDecodesToItsWidenedColors() {
        byte[] encoded = VectorFiles.bytes("/vectors/freerdp/planar/planar-enc-TEST_RLE_UNCOMPRESSED_BITMAP_16BPP.bin");
        byte[] source = VectorFiles.bytes("/vectors/freerdp/planar/planar-bmp-TEST_RLE_UNCOMPRESSED_BITMAP_16BPP.bin");
        int[] argb = decodeBottomUp(encoded, 32, 32);
        {
            for (int i = 0; i < argb.length; i++) {
                int p = (source[2 * i] & 0xFF) | (source[2 * i + 1] & 0xFF) << 8;
                int r5 = p >>> 11 & 0x1F;
                int g6 = p >>> 5 & 0x3F;
                int b5 = p & 0x1F;
                assertThat(argb[i] >>> 16 & 0xFF).as("red %d", i).isEqualTo(r5 << 3 | r5 >>> 2);
                assertThat(argb[i] >>> 8 & 0xFF).as("green %d", i).isEqualTo(Math.min(255, 4 * g6 + g6 / 8)); // FreeRDP's widening
                assertThat(argb[i] & 0xFF).as("blue %d", i).isEqualTo(b5 << 3 | b5 >>> 2);
            }
        }
    }

    /** Decodes a bottom-up stream into a surface of its size and returns the surface pixels, top row first. */
    static int[] decodeBottomUp(byte[] stream, int width, int height) {
        Surface surface = new Surface(width, height);
        ByteBuf src = Unpooled.wrappedBuffer(stream);
        try {
            Rect written = new PlanarDecoder().decode(src, width, height, true, surface, new Rect(0, 0, width, height));
            assertThat(written).isEqualTo(surface.bounds());
            assertThat(src.isReadable()).isFalse();
        } finally {
            src.release();
        }
        return surface.pixels();
    }
}
