package dev.porthole.display.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.fbdev.Bitfield;
import dev.porthole.hw.fbdev.FbVarScreenInfo;
import dev.porthole.hw.fbdev.FileBackedFramebuffer;

class PresentingDisplayTest {

    static final Duration IDLE = Duration.ofSeconds(5);

    static Surface pattern(int w, int h, int salt) {
        Surface s = new Surface(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s.set(x, y, (x * 7 + salt) << 16 | (y * 5 + salt) << 8 | (x ^ y));
            }
        }
        return s;
    }

    @Test
    void onlyTheDamagedAreaReachesThePanel() {
        HeadlessScanout panel = new HeadlessScanout(64, 48);
        try (PresentingDisplay d = new PresentingDisplay(panel, Rotation.R0, Scaling.FIT)) {
            Surface s = pattern(64, 48, 0);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(panel.pixel(10, 20)).isEqualTo(s.get(10, 20));
            s.fill(new Rect(0, 0, 64, 48), 0x123456);
            d.present(s, List.of(new Rect(8, 8, 4, 4)));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(panel.pixel(9, 9)).isEqualTo(0x123456);
            assertThat(panel.pixel(20, 20)).as("outside the damage: still the old frame").isEqualTo(pattern(64, 48, 0).get(20, 20));
        }
    }

    @Test
    void doubleBufferedFbdevPansAndTheOtherPageCatchesUp(@TempDir Path dir) {
        FbVarScreenInfo mode = FbVarScreenInfo.of(40, 30, 30, 32, Bitfield.of(16, 8), Bitfield.of(8, 8), Bitfield.of(0, 8));
        FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb0"), mode, 16, 1 << 20);
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, true), Rotation.R0, Scaling.FIT)) {
            assertThat(fb.pages()).isEqualTo(2);
            Surface s = pattern(40, 30, 1);
            d.present(s, List.of(s.bounds()));
            d.awaitIdle(IDLE);
            s.fill(new Rect(0, 0, 5, 5), 0xff0000);
            d.present(s, List.of(new Rect(0, 0, 5, 5)));
            d.awaitIdle(IDLE);
            s.fill(new Rect(30, 20, 5, 5), 0x00ff00);
            d.present(s, List.of(new Rect(30, 20, 5, 5)));
            d.awaitIdle(IDLE);
            assertThat(fb.pans()).containsExactly(30, 0, 30);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    assertThat(fb.visiblePixel(x, y)).as("(%d,%d)", x, y).isEqualTo(s.get(x, y) & 0xffffff);
                }
            }
        }
    }

    @Test
    void rgb565PanelRotatedAndLetterboxed(@TempDir Path dir) {
        // a 30x20 portrait panel mounted sideways shows a 20x30 upright image; a 40x30 surface is letterboxed into it
        FbVarScreenInfo mode = FbVarScreenInfo.of(30, 20, 20, 16, Bitfield.of(11, 5), Bitfield.of(5, 6), Bitfield.of(0, 5));
        FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb0"), mode, 0, 1 << 20);
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, false), Rotation.R90, Scaling.FIT)) {
            assertThat(d.logicalSize()).isEqualTo(new Mode(20, 30, 0));
            Surface s = new Surface(40, 30);
            s.fill(s.bounds(), 0xffffff);
            d.present(s, List.of(s.bounds()));
            d.awaitIdle(IDLE);
            // logical content is 20x15 at y=7; rotated 90 clockwise the bars are the left and right panel columns
            assertThat(fb.visiblePixel(0, 10)).as("bar").isZero();
            assertThat(fb.visiblePixel(29, 10)).as("bar").isZero();
            assertThat(fb.visiblePixel(15, 10)).as("image").isEqualTo(0xffff);
        }
    }

    @Test
    void presentNeverBlocksOnASlowPanelAndDamageCoalesces() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HeadlessScanout inner = new HeadlessScanout(32, 32);
        Scanout slow = new Scanout() {
            public String name() { return "slow"; }
            public Mode mode() { return inner.mode(); }
            public List<Mode> modes() { return inner.modes(); }
            public PixelFormat format() { return inner.format(); }
            public int stride() { return inner.stride(); }
            public int bufferCount() { return 1; }
            public ByteBuffer buffer(int i) { return inner.buffer(i); }
            public int backBuffer() { return 0; }
            public void show(int i, List<Rect> damage) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            public void blank(boolean b) { }
            public void close() { }
        };
        try (PresentingDisplay d = new PresentingDisplay(slow, Rotation.R0, Scaling.FIT)) {
            Surface s = new Surface(32, 32);
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                s.set(i % 32, (i / 32) % 32, i);
                d.present(s, List.of(new Rect(i % 32, (i / 32) % 32, 1, 1)));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("2000 presents against a stuck panel").isLessThan(2000);
            assertThat(d.awaitIdle(Duration.ofMillis(100))).as("still stuck").isFalse();
            release.countDown();
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(d.framesShown()).as("coalesced").isLessThan(10);
            for (int i = 0; i < 1024; i++) {
                assertThat(inner.pixel(i % 32, i / 32)).isEqualTo(s.get(i % 32, i / 32) & 0xffffff);
            }
        }
    }

    @Test
    void softwareCursorIsComposedAndItsOldPlaceRestored() {
        HeadlessScanout panel = new HeadlessScanout(50, 50);
        try (PresentingDisplay d = new PresentingDisplay(panel, Rotation.R0, Scaling.FIT)) {
            Surface s = new Surface(50, 50);
            s.fill(s.bounds(), 0x0000ff);
            d.present(s, List.of(s.bounds()));
            int[] argb = new int[4 * 4];
            java.util.Arrays.fill(argb, 0xffff0000);
            argb[15] = 0x80ffffff; // half-transparent white corner
            d.moveCursor(10, 10);
            d.setCursor(new CursorImage(4, 4, 1, 1, argb));
            d.awaitIdle(IDLE);
            assertThat(panel.pixel(9, 9)).isEqualTo(0xff0000);
            assertThat(panel.pixel(12, 12)).isEqualTo(0x8080ff);
            assertThat(panel.pixel(13, 13)).isEqualTo(0x0000ff);
            d.moveCursor(30, 30);
            d.awaitIdle(IDLE);
            assertThat(panel.pixel(9, 9)).as("restored").isEqualTo(0x0000ff);
            assertThat(panel.pixel(29, 29)).isEqualTo(0xff0000);
            d.setCursor(null);
            d.awaitIdle(IDLE);
            assertThat(panel.pixel(29, 29)).isEqualTo(0x0000ff);
            d.blank(true);
            d.awaitIdle(IDLE);
            assertThat(panel.blanked()).isTrue();
        }
    }
}
