package dev.porthole.rdp.protocol.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import org.junit.jupiter.api.Test;

/** Orders Updates recorded from the xrdp peer (vectors/xrdp/xrdp-0.9.21-orders-*.hex). */
class XrdpOrdersTest {

    private static final Palette NONE = Palette.of(new int[256]);

    private static Map<String, Long> kinds(List<DrawingOrder> orders) {
        return orders.stream().map(o -> switch (o) {
            case DrawingOrder.Primary p -> p.order().getClass().getSimpleName();
            case DrawingOrder.Secondary s -> s.order().getClass().getSimpleName();
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aWholeScreenAt16BppIsCachedTilesAndMemBlts() {
        byte[] data = HexVectors.load("/vectors/xrdp/xrdp-0.9.21-orders-16bpp-whole-screen.hex");
        List<DrawingOrder> orders = OrderDecoderGoldenTest.decode(new OrderDecoder(), data, 235);
        assertThat(kinds(orders)).containsExactlyInAnyOrderEntriesOf(Map.of("CacheBitmap", 43L, "MemBlt", 192L));
        Surface surface = new Surface(1024, 768);
        Arrays.fill(surface.pixels(), 0x12345678);
        new OrderRenderer(surface, 16).apply(orders, NONE);
        assertThat(surface.takeDamage().stream().reduce(Rect.EMPTY, Rect::union)).isEqualTo(new Rect(0, 0, 1024, 768));
        assertThat(Arrays.stream(surface.pixels()).filter(p -> p == 0x12345678).count()).as("pixels left unpainted").isZero();
        assertThat(Arrays.stream(surface.pixels()).distinct().count()).as("distinct colors of the test desktop").isGreaterThan(16);
    }

    @Test
    void at32BppTheTileIsPlanar() {
        byte[] data = HexVectors.load("/vectors/xrdp/xrdp-0.9.21-orders-32bpp-whole-screen.hex");
        List<DrawingOrder> orders = OrderDecoderGoldenTest.decode(new OrderDecoder(), data, 193);
        assertThat(kinds(orders)).containsExactlyInAnyOrderEntriesOf(Map.of("CacheBitmap", 1L, "MemBlt", 192L));
        SecondaryOrder.CacheBitmap b = (SecondaryOrder.CacheBitmap) ((DrawingOrder.Secondary) orders.get(0)).order();
        assertThat(b.bitsPerPixel()).isEqualTo(32);
        assertThat(b.compressed()).isTrue();
        assertThat(b.width()).isEqualTo(64);
        assertThat(b.height()).isEqualTo(64);
        for (DrawingOrder o : orders.subList(1, orders.size())) {
            PrimaryOrder.MemBlt m = (PrimaryOrder.MemBlt) ((DrawingOrder.Primary) o).order();
            assertThat(m.bitmapCache()).isEqualTo(b.cacheId());
            assertThat(m.cacheIndex()).isEqualTo(b.cacheIndex());
        }
        Surface surface = new Surface(1024, 768);
        Arrays.fill(surface.pixels(), 0x12345678);
        new OrderRenderer(surface, 32).apply(orders, NONE);
        assertThat(surface.takeDamage().stream().reduce(Rect.EMPTY, Rect::union)).isEqualTo(new Rect(0, 0, 1024, 768));
        assertThat(Arrays.stream(surface.pixels()).distinct().toArray()).as("one uniform tile everywhere").hasSize(1)
                .doesNotContain(0x12345678);
    }
}
