package dev.porthole.display.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelFormatTest {

    @Test
    void fbdevBitfieldsPickTheNamedFormats() {
        assertThat(PixelFormat.fromBitfields(32, 16, 8, 8, 8, 0, 8)).isSameAs(PixelFormat.XRGB8888);
        assertThat(PixelFormat.fromBitfields(32, 0, 8, 8, 8, 16, 8)).isSameAs(PixelFormat.XBGR8888);
        assertThat(PixelFormat.fromBitfields(24, 16, 8, 8, 8, 0, 8)).isSameAs(PixelFormat.RGB888);
        assertThat(PixelFormat.fromBitfields(16, 11, 5, 5, 6, 0, 5)).isSameAs(PixelFormat.RGB565);
        assertThat(PixelFormat.fromBitfields(16, 0, 5, 5, 6, 11, 5)).isSameAs(PixelFormat.BGR565);
        PixelFormat rgb555 = PixelFormat.fromBitfields(16, 10, 5, 5, 5, 0, 5);
        assertThat(rgb555.encode(0xff0000)).isEqualTo(0x7c00);
    }

    @Test
    void encodingKnownColours() {
        assertThat(PixelFormat.RGB565.encode(0xff0000)).isEqualTo(0xf800);
        assertThat(PixelFormat.RGB565.encode(0x00ff00)).isEqualTo(0x07e0);
        assertThat(PixelFormat.RGB565.encode(0x0000ff)).isEqualTo(0x001f);
        assertThat(PixelFormat.BGR565.encode(0x0000ff)).isEqualTo(0xf800);
        assertThat(PixelFormat.XBGR8888.encode(0xff112233)).isEqualTo(0x332211);
        assertThat(PixelFormat.RGB565.decode(0xffff)).isEqualTo(0xffffff);
    }

    @Test
    void impossibleLayoutsAreRefused() {
        assertThatThrownBy(() -> PixelFormat.fromBitfields(16, 8, 8, 4, 8, 0, 5)).hasMessageContaining("overlap");
        assertThatThrownBy(() -> PixelFormat.fromBitfields(8, 5, 3, 2, 3, 0, 2)).hasMessageContaining("bytes per pixel");
    }
}
