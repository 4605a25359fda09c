package dev.porthole.rdp.protocol.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SurfaceTest {

    @Test
    void startsOpaqueBlackWithStrideEqualToWidth() {
        Surface s = new Surface(3, 2);
        assertThat(s.pixels()).hasSize(6).containsOnly(0xFF000000);
        s.pixels()[1 * 3 + 2] = 0xFF123456;
        assertThat(s.pixel(2, 1)).isEqualTo(0xFF123456);
        assertThat(s.bounds()).isEqualTo(new Rect(0, 0, 3, 2));
    }

    @Test
    void sizeLimitsNameTheField() {
        assertThatThrownBy(() -> new Surface(0, 1)).hasMessageContaining("Surface.width");
        assertThatThrownBy(() -> new Surface(1, Surface.MAX_DIMENSION + 1)).hasMessageContaining("Surface.height");
        assertThatThrownBy(() -> new Surface(Surface.MAX_DIMENSION, Surface.MAX_DIMENSION)).hasMessageContaining("Surface.size");
        assertThatThrownBy(() -> new Surface(2, 2).pixel(2, 0)).hasMessageContaining("Surface.pixel");
    }

    @Test
    void fillIsClippedAndRecordedAsDamage() {
        Surface s = new Surface(4, 4);
        Rect written = s.fill(new Rect(2, 2, 5, 5), 0xFFFFFFFF);
        assertThat(written).isEqualTo(new Rect(2, 2, 2, 2));
        assertThat(s.pixel(1, 1)).isEqualTo(0xFF000000);
        assertThat(s.pixel(3, 3)).isEqualTo(0xFFFFFFFF);
        assertThat(s.takeDamage()).containsExactly(new Rect(2, 2, 2, 2));
        assertThat(s.takeDamage()).isEmpty();
    }

    @Test
    void damageSkipsContainedRectanglesAndCollapsesWhenThereAreMany() {
        Surface s = new Surface(100, 100);
        s.addDamage(new Rect(0, 0, 10, 10));
        s.addDamage(new Rect(2, 2, 3, 3));
        s.addDamage(new Rect(200, 200, 3, 3));
        assertThat(s.takeDamage()).containsExactly(new Rect(0, 0, 10, 10));
        for (int i = 0; i <= Surface.MAX_DAMAGE_RECTS; i++) {
            s.addDamage(new Rect(i * 3, i, 1, 1));
        }
        assertThat(s.takeDamage()).containsExactly(new Rect(0, 0, Surface.MAX_DAMAGE_RECTS * 3 + 1, Surface.MAX_DAMAGE_RECTS + 1));
    }
}
