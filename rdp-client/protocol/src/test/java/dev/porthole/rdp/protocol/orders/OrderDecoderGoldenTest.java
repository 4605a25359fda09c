package dev.porthole.rdp.protocol.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.surface.Rect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * The annotated drawing orders of MS-RDPEGDI section 4 (vectors/ms-rdpegdi/4.x-*.hex), each decoded by a
 * fresh decoder (the examples assume the initial all-zero state), plus the state carried between orders.
 */
class OrderDecoderGoldenTest {

    static List<DrawingOrder> decode(OrderDecoder decoder, byte[] bytes, int count) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes); // unpooled heap memory: the bitmap slices stay valid
        List<DrawingOrder> orders = decoder.decode(buf, count);
        assertThat(buf.readerIndex()).as("orderData is not consumed").isZero();
        return orders;
    }

    static PrimaryOrder primary(String vector) {
        List<DrawingOrder> orders = decode(new OrderDecoder(), HexVectors.load("/vectors/ms-rdpegdi/" + vector + ".hex"), 1);
        assertThat(orders).hasSize(1);
        return ((DrawingOrder.Primary) orders.getFirst()).order();
    }

    @Test
    void dstBlt_4_1_1() {
        assertThat(primary("4.1.1-dstblt")).isEqualTo(new PrimaryOrder.DstBlt(0, 0, 72, 311, 0));
    }

    @Test
    void patBlt_4_1_3() {
        PrimaryOrder.PatBlt p = (PrimaryOrder.PatBlt) primary("4.1.3-patblt");
        assertThat(p.destination()).isEqualTo(new Rect(26, 451, 13, 13));
        assertThat(p.rop()).isEqualTo(0xF0);
        assertThat(p.backColor()).isEqualTo(0x00FFFF); // ff ff 00: red ff, green ff, blue 00
        assertThat(p.foreColor()).isEqualTo(0x00EF5B);
        assertThat(p.brushStyle()).isEqualTo(0x81);
    }

    /**
     * The example's fieldFlags 0x3c announce nWidth, nHeight, RedOrPaletteIndex and Green only, so its last
     * byte (annotated as Blue = 0x06) is not part of the order: blue keeps its previous value, 0.
     */
    @Test
    void opaqueRect_4_1_5() {
        assertThat(primary("4.1.5-opaquerect")).isEqualTo(new PrimaryOrder.OpaqueRect(0, 0, 1024, 768, 0x000273));
    }

    @Test
    void multiOpaqueRect_4_1_6_isTheOutlineOfARectangle() {
        PrimaryOrder.MultiOpaqueRect m = (PrimaryOrder.MultiOpaqueRect) primary("4.1.6-multiopaquerect");
        assertThat(m.destination()).isEqualTo(new Rect(391, 284, 241, 18));
        assertThat(m.color()).isEqualTo(0x00EF5C);
        assertThat(m.rectangles()).containsExactly(new Rect(391, 284, 241, 1), new Rect(391, 285, 1, 16),
                new Rect(631, 285, 1, 16), new Rect(391, 301, 241, 1));
    }

    @Test
    void scrBlt_4_1_7() {
        assertThat(primary("4.1.7-scrblt")).isEqualTo(new PrimaryOrder.ScrBlt(7, 0, 417, 241, 0xCC, 303, 142));
    }

    @Test
    void memBlt_4_1_9_withTheLastFieldByteZero() {
        assertThat(primary("4.1.9-memblt")).isEqualTo(new PrimaryOrder.MemBlt(0x00FF, 2, 262, 0, 21, 0, 0, 21, 0));
    }

    @Test
    void lineTo_4_1_11_withBoundsAndDeltaCoordinates() {
        List<DrawingOrder> orders = decode(new OrderDecoder(), HexVectors.load("/vectors/ms-rdpegdi/4.1.11-lineto.hex"), 1);
        DrawingOrder.Primary p = (DrawingOrder.Primary) orders.getFirst();
        assertThat(p.clip()).isEqualTo(Rect.ofInclusive(829, 26, 842, 27));
        assertThat(p.order()).isEqualTo(new PrimaryOrder.LineTo(0, 3, -79, 14, -90, 0, 0, 0, 0, 0x00EF5B));
    }

    @Test
    void cacheBitmapRev1_4_2_1() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpegdi/4.2.1-cache-bitmap-rev1.hex");
        DrawingOrder.Secondary s = (DrawingOrder.Secondary) decode(new OrderDecoder(), bytes, 1).getFirst();
        SecondaryOrder.CacheBitmap b = (SecondaryOrder.CacheBitmap) s.order();
        assertThat(b.revision()).isEqualTo(1);
        assertThat(b.cacheId()).isZero();
        assertThat(b.cacheIndex()).isZero();
        assertThat(b.width()).isEqualTo(16);
        assertThat(b.height()).isEqualTo(1);
        assertThat(b.bitsPerPixel()).isEqualTo(8);
        assertThat(b.compressed()).isTrue();
        assertThat(ByteBufUtil.getBytes(b.bitmapData())).containsExactly(0x10);
    }

    @Test
    void cacheBitmapRev2_4_2_2() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpegdi/4.2.2-cache-bitmap-rev2.hex");
        DrawingOrder.Secondary s = (DrawingOrder.Secondary) decode(new OrderDecoder(), bytes, 1).getFirst();
        SecondaryOrder.CacheBitmap b = (SecondaryOrder.CacheBitmap) s.order();
        assertThat(b.revision()).isEqualTo(2);
        assertThat(b.cacheId()).isEqualTo(1);
        assertThat(b.cacheIndex()).isEqualTo(OrderRenderer.WAITING_LIST_INDEX);
        assertThat(b.width()).isEqualTo(32);
        assertThat(b.height()).isEqualTo(32);
        assertThat(b.bitsPerPixel()).isEqualTo(16);
        assertThat(b.compressed()).isTrue();
        assertThat(b.bitmapData().readableBytes()).isEqualTo(220);
        assertThat((int) b.bitmapData().getUnsignedByte(b.bitmapData().readerIndex())).isEqualTo(0x85);
    }

    @Test
    void cacheColorTable_4_2_3() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpegdi/4.2.3-cache-color-table.hex");
        DrawingOrder.Secondary s = (DrawingOrder.Secondary) decode(new OrderDecoder(), bytes, 1).getFirst();
        SecondaryOrder.CacheColorTable t = (SecondaryOrder.CacheColorTable) s.order();
        assertThat(t.cacheIndex()).isZero();
        int[] colors = t.colors();
        assertThat(colors).hasSize(256);
        assertThat(colors[0]).isEqualTo(0xFF000000);
        assertThat(colors[1]).isEqualTo(0xFF800000); // quad 00 00 80 00: blue 0, green 0, red 0x80
    }

    @Test
    void fieldsAbsentFromAnOrderKeepTheValuesOfThePreviousOrderOfThatType() {
        OrderDecoder decoder = new OrderDecoder();
        byte[] first = HexVectors.load("/vectors/ms-rdpegdi/4.1.7-scrblt.hex");
        // then: TS_STANDARD only (same type), fieldFlags 0x02 (nTopRect = 9), then one with delta nLeftRect -2
        byte[] more = HexVectors.parse("01 02 09 00   11 01 fe");
        byte[] all = new byte[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        List<DrawingOrder> orders = decode(decoder, all, 3);
        assertThat(orders).extracting(o -> ((DrawingOrder.Primary) o).order()).containsExactly(
                new PrimaryOrder.ScrBlt(7, 0, 417, 241, 0xCC, 303, 142),
                new PrimaryOrder.ScrBlt(7, 9, 417, 241, 0xCC, 303, 142),
                new PrimaryOrder.ScrBlt(5, 9, 417, 241, 0xCC, 303, 142));
        // the state survives into the next Orders Update; TS_BOUNDS with TS_ZERO_BOUNDS_DELTAS reuses the bounds
        decode(decoder, HexVectors.load("/vectors/ms-rdpegdi/4.1.11-lineto.hex"), 1);
        List<DrawingOrder> next = decode(decoder, HexVectors.parse("25 00 00"), 1);
        assertThat(((DrawingOrder.Primary) next.getFirst()).clip()).isEqualTo(Rect.ofInclusive(829, 26, 842, 27));
        assertThat(((DrawingOrder.Primary) next.getFirst()).order()).isInstanceOf(PrimaryOrder.LineTo.class);
    }

    @Test
    void truncatedOrdersAndUnofferedOrdersAreRefusedNamingTheField() {
        byte[] scr = HexVectors.load("/vectors/ms-rdpegdi/4.1.7-scrblt.hex");
        byte[] cut = java.util.Arrays.copyOf(scr, scr.length - 1);
        assertThatThrownBy(() -> decode(new OrderDecoder(), cut, 1))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("SCRBLT_ORDER.nYSrc");
        assertThatThrownBy(() -> decode(new OrderDecoder(), scr, 2)).hasMessageContaining("controlFlags (order 1 of 2)");
        // GlyphIndex (0x1b) was not offered
        assertThatThrownBy(() -> decode(new OrderDecoder(), HexVectors.parse("09 1b 00 00 00"), 1))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                .hasMessageContaining("orderType: 0x1b");
        // Cache Glyph (secondary 0x03) and an alternate secondary order (Switch Surface, 0x00 << 2 | 0x02)
        assertThatThrownBy(() -> decode(new OrderDecoder(), HexVectors.parse("03 f9 ff 00 00 03"), 1))
                .hasMessageContaining("SECONDARY_DRAWING_ORDER.orderType: 0x3");
        assertThatThrownBy(() -> decode(new OrderDecoder(), HexVectors.parse("02 00 00"), 1))
                .hasMessageContaining("ALTSEC_DRAWING_ORDER");
        // a secondary order longer than the data
        assertThatThrownBy(() -> decode(new OrderDecoder(), HexVectors.parse("03 10 00 00 04 02 00"), 1))
                .hasMessageContaining("SECONDARY_DRAWING_ORDER.orderLength");
        // 46 rectangles are one more than a DELTA_RECTS_FIELD may hold
        assertThatThrownBy(() -> decode(new OrderDecoder(), HexVectors.parse("09 12 80 00 2e"), 1))
                .hasMessageContaining("nDeltaEntries: 46 exceeds 45");
    }
}
