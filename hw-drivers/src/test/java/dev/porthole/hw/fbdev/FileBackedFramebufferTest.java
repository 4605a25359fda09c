package dev.porthole.hw.fbdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.hw.HwException;

class FileBackedFramebufferTest {

    static final FbVarScreenInfo RGB565 = FbVarScreenInfo.of(320, 240, 240, 16, Bitfield.of(11, 5), Bitfield.of(5, 6), Bitfield.of(0, 5));

    @Test
    void lineLengthIncludesPaddingAndPagesFollowTheVirtualHeight(@TempDir Path dir) {
        try (FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb"), RGB565, 64, 1 << 20)) {
            assertThat(fb.fixed().lineLength()).isEqualTo(320 * 2 + 64);
            assertThat(fb.pages()).isEqualTo(1);
            FbVarScreenInfo v = fb.setVariable(RGB565.withMode(320, 240, 320, 480, 16));
            assertThat(v.yresVirtual()).isEqualTo(480);
            assertThat(fb.pages()).isEqualTo(2);
            assertThat(fb.pageOffset(1)).isEqualTo(240 * (320 * 2 + 64));
            fb.showPage(1);
            fb.showPage(0);
            assertThat(fb.pans()).containsExactly(240, 0);
            assertThatThrownBy(() -> fb.pageOffset(2)).hasMessageContaining("page 2").hasMessageContaining("has 2");
        }
    }

    @Test
    void aVirtualHeightBeyondTheMemoryIsRefusedLikeTheKernel(@TempDir Path dir) {
        try (FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb"), RGB565, 0, 320 * 2 * 300)) {
            assertThatThrownBy(() -> fb.setVariable(RGB565.withMode(320, 240, 320, 480, 16)))
                    .isInstanceOfSatisfying(HwException.class, e -> assertThat(e.kind()).isEqualTo(HwException.Kind.UNSUPPORTED))
                    .hasMessageContaining("FBIOPUT_VSCREENINFO").hasMessageContaining("307200 bytes needed");
        }
    }

    @Test
    void pixelsWrittenToMemoryAreReadFromTheVisiblePage(@TempDir Path dir) {
        try (FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb"), RGB565.withMode(320, 240, 320, 480, 16), 0, 1 << 20)) {
            var mem = fb.memory();
            mem.putShort(fb.pageOffset(1) + 5 * fb.fixed().lineLength() + 7 * 2, (short) 0xf800);
            assertThat(fb.visiblePixel(7, 5)).isZero();
            fb.showPage(1);
            assertThat(fb.visiblePixel(7, 5)).isEqualTo(0xf800);
            fb.blank(true);
            fb.blank(false);
            assertThat(fb.blanks()).containsExactly(true, false);
        }
    }
}
