package dev.porthole.rdp.protocol.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Drawing decoded orders into a surface: colors per depth, raster operations, clipping, caches. */
class OrderRendererTest {

    private static final Palette GRAY = Palette.of(java.util.stream.IntStream.range(0, 256).map(i -> i << 16 | i << 8 | i).toArray());

    private static DrawingOrder.Primary draw(PrimaryOrder o) {
        return new DrawingOrder.Primary(o, null);
    }

    @Test
    void opaqueRectColorsAreReadAtTheSessionDepth() {
        Surface s32 = new Surface(8, 8);
        new OrderRenderer(s32, 32).apply(List.of(draw(new PrimaryOrder.OpaqueRect(1, 1, 2, 2, 0x563412))), GRAY);
        assertThat(s32.pixel(1, 1)).isEqualTo(0xFF123456); // TS_COLOR: red 0x12, green 0x34, blue 0x56
        assertThat(s32.pixel(0, 0)).isEqualTo(0xFF000000);
        assertThat(s32.takeDamage()).containsExactly(new Rect(1, 1, 2, 2));

        Surface s16 = new Surface(4, 4);
        new OrderRenderer(s16, 16).apply(List.of(draw(new PrimaryOrder.OpaqueRect(0, 0, 4, 4, 0xF800))), GRAY);
        assertThat(s16.pixel(3, 3)).isEqualTo(0xFFFF0000); // RGB565 red

        Surface s8 = new Surface(4, 4);
        new OrderRenderer(s8, 8).apply(List.of(draw(new PrimaryOrder.OpaqueRect(0, 0, 4, 4, 0x40))), GRAY);
        assertThat(s8.pixel(0, 0)).isEqualTo(0xFF404040);
    }

    @Test
    void boundsAndTheSurfaceClipEveryOrder() {
        Surface s = new Surface(10, 10);
        OrderRenderer r = new OrderRenderer(s, 24);
        r.apply(List.of(new DrawingOrder.Primary(new PrimaryOrder.OpaqueRect(-5, -5, 30, 30, 0xFFFFFF), new Rect(2, 3, 4, 5))), GRAY);
        assertThat(s.pixel(2, 3)).isEqualTo(0xFFFFFFFF);
        assertThat(s.pixel(5, 7)).isEqualTo(0xFFFFFFFF);
        assertThat(s.pixel(6, 7)).isEqualTo(0xFF000000);
        assertThat(s.pixel(5, 8)).isEqualTo(0xFF000000);
        assertThat(s.takeDamage()).containsExactly(new Rect(2, 3, 4, 5));
        // a negative width draws nothing
        r.apply(List.of(draw(new PrimaryOrder.OpaqueRect(0, 0, -3, 4, 0x0000FF))), GRAY);
        assertThat(s.takeDamage()).isEmpty();
    }

    @Test
    void ropsOfDstBltPatBltAndLineTo() {
        Surface s = new Surface(8, 8);
        OrderRenderer r = new OrderRenderer(s, 24);
        r.apply(List.of(draw(new PrimaryOrder.OpaqueRect(0, 0, 8, 8, 0x0000FF)), // red everywhere
                draw(new PrimaryOrder.DstBlt(0, 0, 4, 8, 0x55)), // DSTINVERT on the left half
                draw(new PrimaryOrder.PatBlt(4, 0, 4, 1, 0x5A, 0, 0x00FF00, 0, 0, 0, 0, new byte[8]))), GRAY); // PATINVERT green
        assertThat(s.pixel(0, 0)).isEqualTo(0xFF00FFFF);
        assertThat(s.pixel(4, 0)).isEqualTo(0xFFFFFF00); // red xor green
        assertThat(s.pixel(4, 1)).isEqualTo(0xFFFF0000);
        // HS_HORIZONTAL hatch: the line (row 3 of the pattern) in the foreground color, the rest background
        r.apply(List.of(draw(new PrimaryOrder.PatBlt(0, 0, 8, 8, 0xF0, 0x000000, 0xFFFFFF, 0, 0, 2, 0, new byte[8]))), GRAY);
        assertThat(s.pixel(5, 3)).isEqualTo(0xFFFFFFFF);
        assertThat(s.pixel(5, 2)).isEqualTo(0xFF000000);
        // R2_COPYPEN line from (0,7) to (7,0): the end point is excluded
        r.apply(List.of(draw(new PrimaryOrder.LineTo(1, 0, 7, 7, 0, 0, 13, 0, 1, 0x0000FF))), GRAY);
        assertThat(s.pixel(0, 7)).isEqualTo(0xFFFF0000);
        assertThat(s.pixel(6, 1)).isEqualTo(0xFFFF0000);
        assertThat(s.pixel(7, 0)).isEqualTo(0xFF000000);
        assertThat(OrderRenderer.rop2(7, 0xFF00FF00, 0xFF0000FF)).isEqualTo(0xFF00FFFF); // R2_XORPEN
        assertThat(OrderRenderer.rop3(0x88, 0, 0xFF0F0F0F, 0xFF00FFFF)).isEqualTo(0xFF000F0F); // SRCAND
        assertThatThrownBy(() -> r.apply(List.of(draw(new PrimaryOrder.PatBlt(0, 0, 1, 1, 0xF0, 0, 0, 0, 0, 0x81, 0,
                new byte[8]))), GRAY)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
    }

    @Test
    void scrBltCopiesOverlappingAreasAsIfThroughATemporaryCopy() {
        Surface s = new Surface(6, 1);
        for (int x = 0; x < 6; x++) {
            s.pixels()[x] = 0xFF000000 | x;
        }
        new OrderRenderer(s, 32).apply(List.of(draw(new PrimaryOrder.ScrBlt(1, 0, 5, 1, 0xCC, 0, 0))), GRAY);
        assertThat(s.pixels()).containsExactly(0xFF000000, 0xFF000000, 0xFF000001, 0xFF000002, 0xFF000003, 0xFF000004);
    }

    @Test
    void multiOpaqueRectFillsEachRectangleWithinTheBounds() {
        Surface s = new Surface(700, 400);
        PrimaryOrder.MultiOpaqueRect m = (PrimaryOrder.MultiOpaqueRect) OrderDecoderGoldenTest.primary("4.1.6-multiopaquerect");
        new OrderRenderer(s, 24).apply(List.of(draw(m)), GRAY);
        assertThat(s.pixel(391, 284)).isEqualTo(0xFF5CEF00);
        assertThat(s.pixel(631, 300)).isEqualTo(0xFF5CEF00);
        assertThat(s.pixel(500, 290)).as("inside the outline").isEqualTo(0xFF000000);
    }

    /**
     * MS-RDPEGDI 4.2.2: the cached 16 bpp bitmap, MemBlt'ed to the surface, equals the spec's decompressed
     * pixels (RGB565, bottom row first).
     */
    @Test
    void memBltDrawsTheBitmapOfCacheBitmapRev2_4_2_2() {
        byte[] order = HexVectors.load("/vectors/ms-rdpegdi/4.2.2-cache-bitmap-rev2.hex");
        byte[] pixels = HexVectors.load("/vectors/ms-rdpegdi/4.2.2-cache-bitmap-rev2-decompressed.hex");
        Surface s = new Surface(40, 40);
        OrderRenderer r = new OrderRenderer(s, 16);
        List<DrawingOrder> cached = OrderDecoderGoldenTest.decode(new OrderDecoder(), order, 1);
        r.apply(cached, GRAY);
        r.apply(List.of(draw(new PrimaryOrder.MemBlt(1, 4, 5, 32, 32, 0xCC, 0, 0, OrderRenderer.WAITING_LIST_INDEX))), GRAY);
        var wire = Unpooled.wrappedBuffer(pixels);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int expected = ColorDepth.BPP16.toArgb(wire.getUnsignedShortLE(((31 - y) * 32 + x) * 2), GRAY);
                assertThat(s.pixel(4 + x, 5 + y)).as("(%d,%d)", x, y).isEqualTo(expected);
            }
        }
        // a source offset and a destination that reaches past the cached bitmap: only the covered part is drawn
        Surface t = new Surface(40, 40);
        OrderRenderer r2 = new OrderRenderer(t, 16);
        r2.apply(cached, GRAY);
        r2.apply(List.of(draw(new PrimaryOrder.MemBlt(1, 0, 0, 40, 40, 0xCC, 30, 31, OrderRenderer.WAITING_LIST_INDEX))), GRAY);
        assertThat(t.takeDamage()).containsExactly(new Rect(0, 0, 2, 1));
        assertThat(t.pixel(1, 0)).isEqualTo(s.pixel(4 + 31, 5 + 31));
    }

    @Test
    void cacheReferencesOutsideWhatWasAdvertisedAreRefused() {
        Surface s = new Surface(8, 8);
        OrderRenderer r = new OrderRenderer(s, 16);
        assertThatThrownBy(() -> r.apply(List.of(draw(new PrimaryOrder.MemBlt(0, 0, 0, 4, 4, 0xCC, 0, 0, 3))), GRAY))
                .hasMessageContaining("MEMBLT_ORDER.cacheIndex: entry 3 of cache 0 is empty");
        assertThatThrownBy(() -> r.apply(List.of(draw(new PrimaryOrder.MemBlt(0, 0, 0, 4, 4, 0xCC, 0, 0, 600))), GRAY))
                .hasMessageContaining("cacheIndex: 600 is outside cache 0's 600 entries");
        assertThatThrownBy(() -> r.apply(List.of(draw(new PrimaryOrder.MemBlt(0xFF, 0, 0, 4, 4, 0xCC, 0, 0, 0))), GRAY))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
        var big = new SecondaryOrder.CacheBitmap(2, 0, 0, 17, 16, 16, false, Unpooled.wrappedBuffer(new byte[17 * 16 * 2 + 32]));
        assertThatThrownBy(() -> r.apply(List.of(new DrawingOrder.Secondary(big)), GRAY))
                .hasMessageContaining("17x16 does not fit a cell of cache 0 (256 pixels)");
        var shortData = new SecondaryOrder.CacheBitmap(2, 0, 0, 4, 4, 16, false, Unpooled.wrappedBuffer(new byte[31]));
        assertThatThrownBy(() -> r.apply(List.of(new DrawingOrder.Secondary(shortData)), GRAY))
                .hasMessageContaining("bitmapDataStream: holds 31 bytes");
    }

    @Test
    void uncompressedCachedBitmapsAreBottomUp() {
        Surface s = new Surface(4, 2);
        OrderRenderer r = new OrderRenderer(s, 24);
        // 4x2 at 24 bpp: bottom row blue, top row red (BGR bytes)
        byte[] data = HexVectors.parse("ff 00 00 ff 00 00 ff 00 00 ff 00 00   00 00 ff 00 00 ff 00 00 ff 00 00 ff");
        r.apply(List.of(new DrawingOrder.Secondary(new SecondaryOrder.CacheBitmap(2, 0, 5, 4, 2, 24, false,
                Unpooled.wrappedBuffer(data)))), GRAY);
        r.apply(List.of(draw(new PrimaryOrder.MemBlt(0, 0, 0, 4, 2, 0xCC, 0, 0, 5))), GRAY);
        assertThat(s.pixel(0, 0)).isEqualTo(0xFFFF0000);
        assertThat(s.pixel(3, 1)).isEqualTo(0xFF0000FF);
    }
}
