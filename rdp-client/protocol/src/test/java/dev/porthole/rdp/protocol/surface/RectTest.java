package dev.porthole.rdp.protocol.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.rdp.protocol.RdpException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RectTest {

    @Test
    void inclusiveBoundsAsTsBitmapDataCarriesThem() {
        // MS-RDPBCGR 2.2.9.1.1.3.1.2.2: destLeft 0, destTop 0, destRight 63, destBottom 63 is a 64x64 tile.
        assertThat(Rect.ofInclusive(0, 0, 63, 63)).isEqualTo(new Rect(0, 0, 64, 64));
        assertThat(Rect.ofInclusive(10, 20, 10, 20)).isEqualTo(new Rect(10, 20, 1, 1));
        assertThat(Rect.ofInclusive(10, 20, 9, 20).isEmpty()).isTrue();
        assertThatThrownBy(() -> Rect.ofInclusive(10, 0, 8, 0)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.ARGUMENT)).hasMessageContaining("Rect.right");
    }

    @Test
    void negativeSizesAndOverflowAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new Rect(0, 0, -1, 1)).hasMessageContaining("Rect.width");
        assertThatThrownBy(() -> new Rect(0, 0, 1, -1)).hasMessageContaining("Rect.height");
        assertThatThrownBy(() -> new Rect(Integer.MAX_VALUE, 0, 2, 1)).hasMessageContaining("Rect.extent");
    }

    @Test
    void intersectionAndUnion() {
        Rect a = new Rect(0, 0, 10, 10);
        Rect b = new Rect(5, 6, 10, 10);
        assertThat(a.intersect(b)).isEqualTo(new Rect(5, 6, 5, 4));
        assertThat(a.intersect(new Rect(10, 0, 5, 5))).isEqualTo(Rect.EMPTY);
        assertThat(a.union(b)).isEqualTo(new Rect(0, 0, 15, 16));
        assertThat(a.union(Rect.EMPTY)).isEqualTo(a);
        assertThat(Rect.EMPTY.union(b)).isEqualTo(b);
        assertThat(a.contains(9, 9)).isTrue();
        assertThat(a.contains(10, 9)).isFalse();
        assertThat(a.contains(new Rect(2, 2, 8, 8))).isTrue();
        assertThat(a.contains(new Rect(2, 2, 9, 8))).isFalse();
    }

    @Property
    void intersectionIsExactlyTheCommonPixels(@ForAll @IntRange(min = -5, max = 10) int ax, @ForAll @IntRange(min = -5, max = 10) int ay,
            @ForAll @IntRange(max = 8) int aw, @ForAll @IntRange(max = 8) int ah,
            @ForAll @IntRange(min = -5, max = 10) int bx, @ForAll @IntRange(min = -5, max = 10) int by,
            @ForAll @IntRange(max = 8) int bw, @ForAll @IntRange(max = 8) int bh) {
        Rect a = new Rect(ax, ay, aw, ah);
        Rect b = new Rect(bx, by, bw, bh);
        Rect i = a.intersect(b);
        Rect u = a.union(b);
        for (int y = -6; y < 20; y++) {
            for (int x = -6; x < 20; x++) {
                assertThat(i.contains(x, y)).isEqualTo(a.contains(x, y) && b.contains(x, y));
                if (a.contains(x, y) || b.contains(x, y)) {
                    assertThat(u.contains(x, y)).isTrue();
                }
            }
        }
    }
}
