package dev.porthole.rdp.protocol.codec.pointer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.LargePointer;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * Pointer shapes decoded to the cursors IronRDP's test suite expects (vectors and their source in
 * {@code vectors/ironrdp/pointer/SOURCE.md}): 24 bpp color, 32 bpp new and large pointers recorded from
 * servers, and a hand-made 1 bpp pointer with transparent, black, white and inverted pixels.
 */
class PointerDecoderGoldenTest {

    private static final Palette NO_PALETTE = Palette.of(new int[Palette.SIZE]);

    @Test
    void colorPointer24Bpp() throws IOException {
        ByteBuf data = vector("color_pointer_24bpp.bin");
        try {
            ColorPointer p = (ColorPointer) OutputUpdate.decodeFastPath(OutputUpdate.FASTPATH_UPDATETYPE_COLOR, data);
            Cursor c = PointerDecoder.decode(p, NO_PALETTE);
            assertThat(c.width()).isEqualTo(41);
            assertThat(c.height()).isEqualTo(39);
            assertThat(c.hotX()).isEqualTo(3);
            assertThat(c.hotY()).isEqualTo(11);
            assertMatchesIronRdp(c, "color_pointer_24bpp.png");
        } finally {
            data.release();
        }
    }

    @Test
    void newPointer32Bpp() throws IOException {
        ByteBuf data = vector("new_pointer_32bpp.bin");
        try {
            NewPointer p = (NewPointer) OutputUpdate.decodeFastPath(OutputUpdate.FASTPATH_UPDATETYPE_POINTER, data);
            assertThat(p.xorBpp()).isEqualTo(32);
            Cursor c = PointerDecoder.decode(p, NO_PALETTE);
            assertThat(c.hotX()).isEqualTo(3);
            assertThat(c.hotY()).isEqualTo(3);
            assertMatchesIronRdp(c, "new_pointer_32bpp.png");
        } finally {
            data.release();
        }
    }

    @Test
    void largePointer32Bpp() throws IOException {
        ByteBuf data = vector("large_pointer_32bpp.bin");
        try {
            LargePointer p = (LargePointer) OutputUpdate.decodeFastPath(OutputUpdate.FASTPATH_UPDATETYPE_LARGE_POINTER, data);
            Cursor c = PointerDecoder.decode(p, NO_PALETTE);
            assertThat(c.width()).isEqualTo(112);
            assertThat(c.height()).isEqualTo(112);
            assertThat(c.hotX()).isEqualTo(2);
            assertMatchesIronRdp(c, "large_pointer_32bpp.png");
        } finally {
            data.release();
        }
    }

    @Test
    void monochromePointerIsTopDownWithTransparentAndInvertedPixels() throws IOException {
        // the masks of IronRDP's test color_pointer_1bpp (7x7, each row padded to 2 bytes)
        byte[] and = bytes(0b01111110, 0, 0b10011110, 0, 0b10000110, 0, 0b11000010, 0, 0b11000110, 0, 0b11101010, 0,
                0b11111100, 0);
        byte[] xor = bytes(0, 0, 0, 0, 0b00100000, 0, 0b00010000, 0, 0, 0, 0, 0, 0, 0);
        NewPointer p = new NewPointer(1, new ColorPointer(0, 0, 0, 7, 7, Unpooled.wrappedBuffer(xor), Unpooled.wrappedBuffer(and)));
        Cursor c = PointerDecoder.decode(p, NO_PALETTE);
        assertMatchesIronRdp(c, "color_pointer_1bpp.png");
        assertThat(c.pixel(0, 0)).isEqualTo(0xFF000000); // AND 0, XOR 0: black
        assertThat(c.pixel(1, 0)).isZero();              // AND 1, XOR 0: transparent
        assertThat(c.pixel(2, 2)).isEqualTo(0xFFFFFFFF); // AND 0, XOR 1: white
    }

    @Test
    void invertingPixelsBecomeABlackAndWhiteCheckPattern() {
        // 3x2, 1 bpp (top-down): AND and XOR all ones on both rows
        byte[] ones = bytes(0xE0, 0, 0xE0, 0);
        Cursor c = PointerDecoder.decode("test", 1, 3, 2, 0, 0, Unpooled.wrappedBuffer(ones), Unpooled.wrappedBuffer(ones.clone()),
                NO_PALETTE);
        assertThat(c.argb()).containsExactly(0xFFFFFFFF, 0xFF000000, 0xFFFFFFFF, 0xFF000000, 0xFFFFFFFF, 0xFF000000);
    }

    @Test
    void sixteenBppIsRgb565BottomUpAndAnEmptyAndMaskMeansOpaque() {
        // 2x2: bottom row red, white; top row green, blue (RGB565 little-endian)
        byte[] xor = bytes(0x00, 0xF8, 0xFF, 0xFF, 0xE0, 0x07, 0x1F, 0x00);
        Cursor c = PointerDecoder.decode("test", 16, 2, 2, 1, 1, Unpooled.wrappedBuffer(xor), Unpooled.EMPTY_BUFFER, NO_PALETTE);
        assertThat(c.argb()).containsExactly(0xFF00FF00, 0xFF0000FF, 0xFFFF0000, 0xFFFFFFFF);
    }

    @Test
    void eightBppIndexesThePalette() {
        int[] rgb = new int[Palette.SIZE];
        rgb[7] = 0x123456;
        Cursor c = PointerDecoder.decode("test", 8, 1, 1, 0, 0, Unpooled.wrappedBuffer(bytes(7, 0)),
                Unpooled.wrappedBuffer(bytes(0, 0)), Palette.of(rgb));
        assertThat(c.argb()).containsExactly(0xFF123456);
    }

    @Test
    void anEmptyShapeIsTheInvisiblePointer() {
        assertThat(PointerDecoder.decode("test", 32, 0, 0, 0, 0, Unpooled.EMPTY_BUFFER, Unpooled.EMPTY_BUFFER, NO_PALETTE).isEmpty())
                .isTrue();
    }

    @Test
    void shortMasksAndUnknownDepthsAreMalformedNamingTheField() {
        assertThatThrownBy(() -> PointerDecoder.decode("TS_POINTERATTRIBUTE", 32, 4, 4, 0, 0, Unpooled.wrappedBuffer(new byte[63]),
                Unpooled.EMPTY_BUFFER, NO_PALETTE)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED)).hasMessageContaining("lengthXorMask");
        assertThatThrownBy(() -> PointerDecoder.decode("TS_POINTERATTRIBUTE", 32, 4, 4, 0, 0, Unpooled.wrappedBuffer(new byte[64]),
                Unpooled.wrappedBuffer(new byte[7]), NO_PALETTE)).hasMessageContaining("lengthAndMask");
        assertThatThrownBy(() -> PointerDecoder.decode("TS_POINTERATTRIBUTE", 2, 4, 4, 0, 0, Unpooled.wrappedBuffer(new byte[64]),
                Unpooled.EMPTY_BUFFER, NO_PALETTE)).hasMessageContaining("xorBpp");
        assertThatThrownBy(() -> PointerDecoder.decode("TS_POINTERATTRIBUTE", 1, 385, 1, 0, 0, Unpooled.wrappedBuffer(new byte[64]),
                Unpooled.EMPTY_BUFFER, NO_PALETTE)).hasMessageContaining("width/height");
    }

    /**
     * IronRDP's "software" target writes ordinary pixels with each color channel squared (c * c >> 8, its
     * premultiplication step) and transparent and inverted (check pattern) pixels as they are; so each expected
     * pixel must equal ours either as it is or through that mapping, and alpha must always match.
     */
    private static void assertMatchesIronRdp(Cursor c, String png) throws IOException {
        int[] expected = png(png);
        assertThat(c.argb()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            int ours = c.argb()[i];
            int squared = ours & 0xFF000000 | sq(ours >>> 16) << 16 | sq(ours >>> 8) << 8 | sq(ours);
            if (expected[i] != ours && expected[i] != squared) {
                throw new AssertionError(png + ": pixel (" + i % c.width() + "," + i / c.width() + ") is 0x"
                        + Integer.toHexString(ours) + ", IronRDP has 0x" + Integer.toHexString(expected[i]));
            }
        }
    }

    private static int sq(int channel) {
        int v = channel & 0xFF;
        return v * v >> 8;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static ByteBuf vector(String name) throws IOException {
        try (InputStream in = PointerDecoderGoldenTest.class.getResourceAsStream("/vectors/ironrdp/pointer/" + name)) {
            return Unpooled.wrappedBuffer(in.readAllBytes());
        }
    }

    private static int[] png(String name) throws IOException {
        try (InputStream in = PointerDecoderGoldenTest.class.getResourceAsStream("/vectors/ironrdp/pointer/" + name)) {
            BufferedImage image = ImageIO.read(in);
            return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        }
    }
}
