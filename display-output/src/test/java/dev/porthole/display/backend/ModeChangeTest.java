package dev.porthole.display.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.display.DisplayException;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.HwException;
import dev.porthole.hw.fbdev.Bitfield;
import dev.porthole.hw.fbdev.FbVarScreenInfo;
import dev.porthole.hw.fbdev.FileBackedFramebuffer;

/** Output mode changes and hotplug re-probes, with the presentation thread picking up the new geometry. */
class ModeChangeTest {

    static final Duration IDLE = Duration.ofSeconds(10);

    static FbVarScreenInfo xrgb(int w, int h) {
        return FbVarScreenInfo.of(w, h, h, 32, Bitfield.of(16, 8), Bitfield.of(8, 8), Bitfield.of(0, 8));
    }

    static void assertPanelShows(FileBackedFramebuffer fb, Surface s) {
        assertThat(fb.variable().xres() + "x" + fb.variable().yres()).isEqualTo(s.width() + "x" + s.height());
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                assertThat(fb.visiblePixel(x, y)).as("(%d,%d)", x, y).isEqualTo(s.get(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void fbdevModeChangeResizesTheFramebufferAndRepaintsTheLastFrame(@TempDir Path dir) {
        FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb0"), xrgb(40, 30), 8, 1 << 20);
        List<Mode> told = new CopyOnWriteArrayList<>();
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, true), Rotation.R0, Scaling.STRETCH)) {
            d.onModeChange(told::add);
            Surface s = PresentingDisplayTest.pattern(40, 30, 3);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();

            d.setMode(new Mode(80, 60, 0));
            assertThat(d.mode()).isEqualTo(new Mode(80, 60, 0));
            assertThat(d.logicalSize()).isEqualTo(new Mode(80, 60, 0));
            assertThat(fb.variable().yresVirtual()).as("still double buffered").isEqualTo(120);
            assertThat(told).containsExactly(new Mode(80, 60, 0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            // the last frame, stretched 2x to the new panel
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 80; x++) {
                    assertThat(fb.visiblePixel(x, y)).as("(%d,%d) after the change", x, y).isEqualTo(s.get(x / 2, y / 2) & 0xffffff);
                }
            }
            // the session follows with a surface of the new size: shown unscaled, on both pages in turn
            Surface big = PresentingDisplayTest.pattern(80, 60, 9);
            d.present(big, List.of(big.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertPanelShows(fb, big);
            big.fill(new Rect(70, 50, 10, 10), 0x00ff00);
            d.present(big, List.of(new Rect(70, 50, 10, 10)));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertPanelShows(fb, big);
            assertThat(d.failures()).isZero();
        }
    }

    @Test
    void aRefusedModeLeavesTheOldOneInForce(@TempDir Path dir) {
        FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb0"), xrgb(40, 30), 0, 1 << 20, v -> {
            if (v.xres() > 64) {
                throw new HwException(HwException.Kind.UNSUPPORTED, "ioctl FBIOPUT_VSCREENINFO failed: EINVAL");
            }
            // this driver rounds widths up to a multiple of 16 unless they are a multiple of 8
            return v.xres() % 8 == 0 ? v : v.withMode((v.xres() + 15) / 16 * 16, v.yres(), (v.xresVirtual() + 15) / 16 * 16,
                    v.yresVirtual(), v.bitsPerPixel());
        });
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, false), Rotation.R0, Scaling.FIT)) {
            Surface s = PresentingDisplayTest.pattern(40, 30, 5);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThatThrownBy(() -> d.setMode(new Mode(100, 50, 0))).isInstanceOf(DisplayException.class)
                    .hasMessageContaining("100x50").hasMessageContaining("EINVAL")
                    .satisfies(e -> assertThat(((DisplayException) e).kind()).isEqualTo(DisplayException.Kind.UNAVAILABLE));
            assertThatThrownBy(() -> d.setMode(new Mode(50, 30, 0))).isInstanceOf(DisplayException.class)
                    .hasMessageContaining("the driver set 64x30");
            assertThat(d.mode()).isEqualTo(new Mode(40, 30, 0));
            assertThat(fb.variable().xres()).isEqualTo(40);
            s.fill(new Rect(0, 0, 8, 8), 0xabcdef);
            d.present(s, List.of(new Rect(0, 0, 8, 8)));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertPanelShows(fb, s);
            // a mode the driver takes as asked
            d.setMode(new Mode(48, 30, 0));
            assertThat(d.mode()).isEqualTo(new Mode(48, 30, 0));
            assertThat(d.failures()).isZero();
        }
    }

    @Test
    void modeChangesWhilePresentingNeverWriteOutOfBoundsAndEndOnTheLastFrame(@TempDir Path dir) throws Exception {
        FileBackedFramebuffer fb = FileBackedFramebuffer.create(dir.resolve("fb0"), xrgb(64, 48), 4, 1 << 22);
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, true), Rotation.R0, Scaling.FIT)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Thread presenter = Thread.ofPlatform().start(() -> {
                int salt = 0;
                while (!stop.get()) {
                    Mode m = d.logicalSize();
                    Surface s = PresentingDisplayTest.pattern(m.width(), m.height(), salt++ & 0x3f);
                    try {
                        d.present(s, List.of(s.bounds()));
                        d.present(s, List.of(new Rect(1, 1, 5, 5), new Rect(m.width() - 3, m.height() - 3, 9, 9)));
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            });
            int[][] sizes = {{32, 24}, {128, 96}, {64, 48}, {17, 93}, {200, 10}};
            for (int i = 0; i < 40; i++) {
                int[] sz = sizes[i % sizes.length];
                d.setMode(new Mode(sz[0], sz[1], 0));
                assertThat(d.mode()).isEqualTo(new Mode(sz[0], sz[1], 0));
            }
            stop.set(true);
            presenter.join();
            assertThat(errors).isEmpty();
            Surface last = PresentingDisplayTest.pattern(200, 10, 1);
            d.present(last, List.of(last.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertPanelShows(fb, last);
            assertThat(d.failures()).as("presentation failures (out-of-bounds writes would be counted here)").isZero();
        }
    }

    /** A panel on a connector that can be unplugged and replugged with other modes. */
    static final class HotplugScanout implements Scanout {
        volatile Mode mode;
        volatile List<Mode> offered;
        volatile boolean connected = true;
        boolean changed;
        ByteBuffer memory;
        final List<Mode> shownAt = new CopyOnWriteArrayList<>();

        HotplugScanout(Mode mode, List<Mode> offered) {
            this.offered = offered;
            allocate(mode);
        }

        private void allocate(Mode m) {
            mode = m;
            memory = ByteBuffer.allocate(m.width() * m.height() * 4).order(ByteOrder.LITTLE_ENDIAN);
        }

        int pixel(int x, int y) {
            return memory.getInt((y * mode.width() + x) * 4);
        }

        public String name() { return "hotplug-fake"; }
        public Mode mode() { return mode; }
        public List<Mode> modes() { return offered; }
        public PixelFormat format() { return PixelFormat.XRGB8888; }
        public int stride() { return mode.width() * 4; }
        public int bufferCount() { return 1; }
        public ByteBuffer buffer(int i) { return memory; }
        public int backBuffer() { return 0; }
        public void show(int i, List<Rect> damage) {
            if (!connected) {
                throw new IllegalStateException("show on a disconnected connector");
            }
            shownAt.add(mode);
        }
        public void blank(boolean b) { }
        public void close() { }

        @Override
        public void setMode(Mode m) {
            if (!offered.contains(m)) {
                throw new DisplayException(DisplayException.Kind.INVALID, "mode " + m + " is not offered");
            }
            allocate(m);
        }

        @Override
        public Probe reprobe() {
            if (!connected) {
                changed = true;
                return Probe.DISCONNECTED;
            }
            if (!offered.contains(mode)) {
                allocate(offered.getFirst());
                return Probe.CHANGED;
            }
            if (changed) {
                changed = false;
                return Probe.CHANGED;
            }
            return Probe.UNCHANGED;
        }
    }

    @Test
    void hotplugUnplugKeepsFramesAndReplugWithOtherModesRepaintsInTheNewMode() {
        HotplugScanout panel = new HotplugScanout(new Mode(40, 30, 60), List.of(new Mode(40, 30, 60), new Mode(20, 15, 60)));
        List<Mode> told = new CopyOnWriteArrayList<>();
        try (PresentingDisplay d = new PresentingDisplay(panel, Rotation.R0, Scaling.FIT)) {
            d.onModeChange(told::add);
            assertThatThrownBy(() -> d.setMode(new Mode(33, 33, 0))).isInstanceOf(DisplayException.class)
                    .satisfies(e -> assertThat(((DisplayException) e).kind()).isEqualTo(DisplayException.Kind.INVALID));
            Surface s = PresentingDisplayTest.pattern(40, 30, 2);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            int shown = panel.shownAt.size();

            panel.connected = false;
            d.reprobe();
            assertThat(d.awaitIdle(IDLE)).isTrue();
            s.fill(new Rect(0, 0, 40, 30), 0x112233);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(panel.shownAt).as("nothing shown while unplugged").hasSize(shown);

            // replugged: a panel that only offers 20x15
            panel.offered = List.of(new Mode(20, 15, 60));
            panel.connected = true;
            d.reprobe();
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(d.mode()).isEqualTo(new Mode(20, 15, 60));
            assertThat(d.modes()).containsExactly(new Mode(20, 15, 60));
            assertThat(told).containsExactly(new Mode(20, 15, 60));
            assertThat(panel.shownAt.getLast()).isEqualTo(new Mode(20, 15, 60));
            for (int y = 0; y < 15; y++) {
                for (int x = 0; x < 20; x++) {
                    assertThat(panel.pixel(x, y)).as("(%d,%d): the frame presented while unplugged, fitted", x, y).isEqualTo(0x112233);
                }
            }
            assertThat(d.failures()).isZero();
        }
    }
}
