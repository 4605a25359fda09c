package dev.porthole.rdp.protocol.codec.interleaved;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One small stream per compression order of MS-RDPBCGR 2.2.9.1.1.3.1.2.4, with the expected wire
 * pixels worked out by hand from the order descriptions and the 3.1.9 pseudo-code (8 bpp unless
 * stated; white is 0xFF, the initial foreground color).
 */
class InterleavedOrdersTest {

    static int[] decompress(String hex, int width, int height, ColorDepth depth) {
        ByteBuf src = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
        try {
            int[] out = new InterleavedDecoder().decompress(src, width, height, depth);
            assertThat(src.isReadable()).as("stream consumed").isFalse();
            return out;
        } finally {
            src.release();
        }
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                // REGULAR_COLOR_IMAGE (0x4, run 4) then REGULAR_BG_RUN (0x0, run 4): the row above repeats.
                Arguments.of("color image, background run", "84 01 02 03 04  04", 4, 2, ColorDepth.BPP8,
                        new int[] {1, 2, 3, 4, 1, 2, 3, 4}),
                // Back-to-back background runs after the first line: a foreground pel (above XOR fg) starts the second.
                Arguments.of("back-to-back background runs insert a foreground pel", "84 01 02 03 04  02 02  64 07", 4, 3, ColorDepth.BPP8,
                        new int[] {1, 2, 3, 4, 1, 2, 3 ^ 0xFF, 4, 7, 7, 7, 7}),
                // On the first line a background run is black and the inserted pel is the foreground color itself.
                Arguments.of("back-to-back background runs on the first line", "02 02", 4, 1, ColorDepth.BPP8,
                        new int[] {0, 0, 0xFF, 0}),
                // First run on the first line, second on the second: no foreground pel.
                Arguments.of("no foreground pel across the end of the first line", "02 02", 2, 2, ColorDepth.BPP8,
                        new int[] {0, 0, 0, 0}),
                // REGULAR_FG_RUN 3 on the first line is the foreground color; LITE_SET_FG_FG_RUN sets fg 0x0F, above XOR fg.
                Arguments.of("foreground runs, set foreground", "23  c3 0f", 3, 2, ColorDepth.BPP8,
                        new int[] {0xFF, 0xFF, 0xFF, 0xF0, 0xF0, 0xF0}),
                // REGULAR_FG_RUN with MEGA length: low bits 0, next byte + 32.
                Arguments.of("regular MEGA foreground run", "20 01", 33, 1, ColorDepth.BPP8, filled(33, 0xFF)),
                // LITE_SET_FG_FG_RUN with MEGA length: next byte + 16, then the color.
                Arguments.of("lite MEGA set-foreground run", "c0 02 42", 18, 1, ColorDepth.BPP8, filled(18, 0x42)),
                // LITE_DITHERED_RUN 2 pairs of (0x11, 0x22).
                Arguments.of("lite dithered run", "e2 11 22", 4, 1, ColorDepth.BPP8, new int[] {0x11, 0x22, 0x11, 0x22}),
                // REGULAR_COLOR_RUN with MEGA length 8 + 32 = 40.
                Arguments.of("regular MEGA color run", "60 08 33", 40, 1, ColorDepth.BPP8, filled(40, 0x33)),
                // MEGA_MEGA_COLOR_RUN, 16-bit little-endian length 5.
                Arguments.of("MEGA_MEGA color run", "f3 05 00 44", 5, 1, ColorDepth.BPP8, filled(5, 0x44)),
                // REGULAR_FGBG_IMAGE, low bits 1 = 8 pixels, bitmask 0xA5 low bit first on the first line: fg or black.
                Arguments.of("regular foreground/background image, first line", "41 a5", 8, 1, ColorDepth.BPP8,
                        new int[] {0xFF, 0, 0xFF, 0, 0, 0xFF, 0, 0xFF}),
                // REGULAR_FGBG_IMAGE with MEGA length: next byte + 1 = 3 pixels, one partial bitmask.
                Arguments.of("regular MEGA foreground/background image", "40 02 05", 3, 1, ColorDepth.BPP8, new int[] {0xFF, 0, 0xFF}),
                // LITE_SET_FG_FGBG_IMAGE (8 pixels, fg 0x0A, mask 0x0F) under a row of 0x30: above XOR fg or above.
                Arguments.of("lite set-foreground foreground/background image", "68 30  d1 0a 0f", 8, 2, ColorDepth.BPP8,
                        new int[] {0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x3A, 0x3A, 0x3A, 0x3A, 0x30, 0x30, 0x30, 0x30}),
                // SPECIAL_FGBG_1 (mask 0x03) on the first line, SPECIAL_FGBG_2 (mask 0x05) below it.
                Arguments.of("special FGBG 1 and 2", "f9 fa", 8, 2, ColorDepth.BPP8,
                        new int[] {0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0}),
                Arguments.of("white and black at 8 bpp", "fd fe", 2, 1, ColorDepth.BPP8, new int[] {0xFF, 0}),
                Arguments.of("white and black at 15 bpp", "fd fe", 2, 1, ColorDepth.BPP15, new int[] {0x7FFF, 0}),
                Arguments.of("white and black at 16 bpp", "fd fe", 2, 1, ColorDepth.BPP16, new int[] {0xFFFF, 0}),
                Arguments.of("white and black at 24 bpp", "fd fe", 2, 1, ColorDepth.BPP24, new int[] {0xFFFFFF, 0}),
                // MEGA_MEGA forms, lengths little-endian: background 3 (black), foreground 2, set-fg 1 (0x5A).
                Arguments.of("MEGA_MEGA background, foreground and set-foreground runs", "f0 03 00  f1 02 00  f6 01 00 5a", 6, 1,
                        ColorDepth.BPP8, new int[] {0, 0, 0, 0xFF, 0xFF, 0x5A}),
                // MEGA_MEGA_FGBG_IMAGE of 10 pixels (two bitmasks), then MEGA_MEGA_SET_FGBG_IMAGE of 2 with fg 0x77.
                Arguments.of("MEGA_MEGA foreground/background images", "f2 0a 00 ff 02  f7 02 00 77 01", 12, 1, ColorDepth.BPP8,
                        new int[] {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0xFF, 0x77, 0}),
                Arguments.of("MEGA_MEGA dithered run", "f8 02 00 01 02", 4, 1, ColorDepth.BPP8, new int[] {1, 2, 1, 2}),
                Arguments.of("MEGA_MEGA color image", "f4 03 00 09 08 07", 3, 1, ColorDepth.BPP8, new int[] {9, 8, 7}),
                // Pixels are little-endian: 16 bpp 0x1234, 24 bpp 0x123456 (bytes blue, green, red).
                Arguments.of("16 bpp color image is little-endian", "81 34 12", 1, 1, ColorDepth.BPP16, new int[] {0x1234}),
                Arguments.of("24 bpp color image is little-endian", "81 56 34 12", 1, 1, ColorDepth.BPP24, new int[] {0x123456}),
                // 16 bpp foreground run under a row: above XOR white (0xFFFF).
                Arguments.of("16 bpp foreground run XORs with white", "62 34 12  22", 2, 2, ColorDepth.BPP16,
                        new int[] {0x1234, 0x1234, 0x1234 ^ 0xFFFF, 0x1234 ^ 0xFFFF}),
                // A background run longer than a row copies rows it has just written.
                Arguments.of("background run longer than a row", "82 05 06  04", 2, 3, ColorDepth.BPP8, new int[] {5, 6, 5, 6, 5, 6}),
                // The stream may end early: the rest stays black.
                Arguments.of("short stream leaves black", "81 07", 3, 1, ColorDepth.BPP8, new int[] {7, 0, 0}));
    }

    static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void ordersDecodeAsTheSpecDescribes(String name, String hex, int width, int height, ColorDepth depth, int[] expected) {
        assertThat(decompress(hex, width, height, depth)).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("a0", 4, "orderHeader: 0xa0"),
                Arguments.of("f5", 4, "orderHeader: 0xf5"),
                Arguments.of("fb", 4, "orderHeader: 0xfb"),
                Arguments.of("fc", 4, "orderHeader: 0xfc"),
                Arguments.of("ff", 4, "orderHeader: 0xff"),
                Arguments.of("05", 4, "background run of 5 pixels at pixel 0 overruns the 4-pixel bitmap"),
                Arguments.of("e3 01 02", 4, "dithered run of 6 pixels"),
                Arguments.of("f9", 4, "special foreground/background image of 8 pixels"),
                Arguments.of("fd fd fd fd fd", 4, "white pixel of 1 pixels at pixel 4"),
                Arguments.of("60", 4, "REGULAR_COLOR_RUN.runLength: needs 1 bytes"),
                Arguments.of("f3 01", 4, "MEGA_MEGA_COLOR_RUN.runLength: needs 2 bytes"),
                Arguments.of("63", 4, "REGULAR_COLOR_RUN.color: needs 1 bytes"),
                Arguments.of("c1", 4, "LITE_SET_FG_FG_RUN.foregroundColor"),
                Arguments.of("e1 01", 4, "LITE_DITHERED_RUN.colors"),
                Arguments.of("41", 8, "REGULAR_FGBG_IMAGE.bitmasks"),
                Arguments.of("84 01 02 03", 4, "REGULAR_COLOR_IMAGE.pixels: needs 4 bytes, 3 left"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedStreamsNameWhatWasWrong(String hex, int width, String message) {
        assertThatThrownBy(() -> decompress(hex, width, 1, ColorDepth.BPP8))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageStartingWith("RLE_BITMAP_STREAM.")
                .hasMessageContaining(message);
    }

    @Test
    void zeroLengthMegaMegaRunsWriteNothing() {
        assertThat(decompress("f0 00 00  f3 00 00 09  81 05", 1, 1, ColorDepth.BPP8)).containsExactly(5);
    }

    @Test
    void decodeWritesBottomUpRowsUprightClippedToTheDestination() {
        // A 4x2 bitmap: wire row 0 (bottom) = 1 2 3 4, wire row 1 (top) = 5 6 7 8; destination is 3 wide (padding clipped).
        Palette gray = grayPalette();
        Surface s = new Surface(6, 4);
        ByteBuf src = Unpooled.wrappedBuffer(HexFormat.of().parseHex("8401020304" + "8405060708"));
        Rect written;
        try {
            written = new InterleavedDecoder().decode(src, 4, 2, ColorDepth.BPP8, gray, s, Rect.ofInclusive(2, 1, 4, 2));
        } finally {
            src.release();
        }
        assertThat(written).isEqualTo(new Rect(2, 1, 3, 2));
        assertThat(new int[] {s.pixel(2, 1), s.pixel(3, 1), s.pixel(4, 1)}).containsExactly(0xFF050505, 0xFF060606, 0xFF070707);
        assertThat(new int[] {s.pixel(2, 2), s.pixel(3, 2), s.pixel(4, 2)}).containsExactly(0xFF010101, 0xFF020202, 0xFF030303);
        assertThat(s.pixel(5, 1)).as("padding column not written").isEqualTo(0xFF000000);
        assertThat(s.takeDamage()).containsExactly(new Rect(2, 1, 3, 2));
    }

    @Test
    void decodeClipsAtTheSurfaceEdge() {
        Surface s = new Surface(3, 3);
        ByteBuf src = Unpooled.wrappedBuffer(HexFormat.of().parseHex("f31000ff")); // 16 white pixels
        try {
            Rect written = new InterleavedDecoder().decode(src, 4, 4, ColorDepth.BPP8, grayPalette(), s, new Rect(1, 2, 4, 4));
            assertThat(written).isEqualTo(new Rect(1, 2, 2, 1));
        } finally {
            src.release();
        }
        assertThat(s.pixel(1, 2)).isEqualTo(0xFFFFFFFF);
        assertThat(s.pixel(0, 2)).isEqualTo(0xFF000000);
        assertThat(s.pixel(1, 1)).isEqualTo(0xFF000000);
    }

    @Test
    void eightBppNeedsAPaletteAndSizesAreBounded() {
        ByteBuf src = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFD});
        try {
            assertThatThrownBy(() -> new InterleavedDecoder().decode(src, 1, 1, ColorDepth.BPP8, null, new Surface(1, 1), new Rect(0, 0, 1, 1)))
                    .hasMessageContaining("RLE_BITMAP_STREAM.palette");
            assertThatThrownBy(() -> new InterleavedDecoder().decompress(src, 0, 1, ColorDepth.BPP8)).hasMessageContaining("RLE_BITMAP_STREAM.size");
            assertThatThrownBy(() -> new InterleavedDecoder().decompress(src, 4096, 4097, ColorDepth.BPP8))
                    .hasMessageContaining("RLE_BITMAP_STREAM.size");
        } finally {
            src.release();
        }
    }

    @Test
    void colorDepthsConvertToSurfacePixels() {
        assertThat(ColorDepth.of(15)).isEqualTo(ColorDepth.BPP15);
        assertThatThrownBy(() -> ColorDepth.of(32)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED)).hasMessageContaining("bitsPerPixel: 32");
        // RGB555 0x7C00 is pure red, 0x03E0 pure green; RGB565 0xF800 red, 0x07E0 green, 0x001F blue.
        assertThat(ColorDepth.BPP15.toArgb(0x7C00, null)).isEqualTo(0xFFFF0000);
        assertThat(ColorDepth.BPP15.toArgb(0x03E0, null)).isEqualTo(0xFF00FF00);
        assertThat(ColorDepth.BPP15.toArgb(0x4210, null)).isEqualTo(0xFF848484); // 16 of 31 widens to 0x84
        assertThat(ColorDepth.BPP16.toArgb(0xF800, null)).isEqualTo(0xFFFF0000);
        assertThat(ColorDepth.BPP16.toArgb(0x07E0, null)).isEqualTo(0xFF00FF00);
        assertThat(ColorDepth.BPP16.toArgb(0x001F, null)).isEqualTo(0xFF0000FF);
        assertThat(ColorDepth.BPP16.toArgb(0x0400, null)).isEqualTo(0xFF008200); // green 32 of 63 widens to 0x82
        assertThat(ColorDepth.BPP24.toArgb(0x123456, null)).isEqualTo(0xFF123456);
        int[] rgb = new int[256];
        rgb[7] = 0xABCDEF;
        assertThat(ColorDepth.BPP8.toArgb(7, Palette.of(rgb))).isEqualTo(0xFFABCDEF);
        byte[] entries = new byte[768];
        entries[21] = 1;
        entries[22] = 2;
        entries[23] = 3;
        assertThat(Palette.ofEntries(entries).argb(7)).isEqualTo(0xFF010203);
        assertThatThrownBy(() -> Palette.of(new int[255])).hasMessageContaining("Palette.entries");
    }

    static Palette grayPalette() {
        int[] rgb = new int[256];
        for (int i = 0; i < 256; i++) {
            rgb[i] = i * 0x010101;
        }
        return Palette.of(rgb);
    }
}
