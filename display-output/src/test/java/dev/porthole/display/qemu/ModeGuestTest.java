package dev.porthole.display.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.porthole.display.DisplayException;
import dev.porthole.display.Displays;
import dev.porthole.display.Mode;
import dev.porthole.display.backend.DrmScanout;
import dev.porthole.display.backend.FbdevScanout;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.drm.DrmDevice;
import dev.porthole.hw.drm.KmsOutput;
import dev.porthole.hw.fbdev.FbdevFramebuffer;

/** In the guest: output mode changes on bochs-drm (KMS and its fbdev emulation) and a connector hotplug. */
@Tag("guest")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModeGuestTest {

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    @Order(1)
    void fbdevModeChangeIsAppliedOrRefusedConsistently() throws Exception {
        FbdevFramebuffer fb = FbdevFramebuffer.open("/dev/fb0");
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, true), Rotation.R0, Scaling.FIT)) {
            Mode before = d.mode();
            Mode wanted = new Mode(800, 600, 0);
            String outcome;
            try {
                d.setMode(wanted);
                outcome = "applied";
                assertThat(d.mode()).isEqualTo(wanted);
                assertThat(fb.variable().xres()).isEqualTo(800);
                assertThat(fb.variable().yres()).isEqualTo(600);
            } catch (DisplayException e) {
                outcome = "refused: " + e.getMessage();
                assertThat(e.kind()).isEqualTo(DisplayException.Kind.UNAVAILABLE);
                assertThat(d.mode()).as("the old mode stays after a refusal").isEqualTo(before);
                assertThat(fb.variable().xres()).isEqualTo(before.width());
            }
            System.out.println("fbdev mode change " + before + " -> " + wanted + ": " + outcome + "; now " + fb.variable());
            // whichever it was, frames of the display's (possibly new) size still reach the memory unharmed
            Mode m = d.mode();
            Surface s = GuestScreens.pattern(m.width(), m.height(), 23);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(d.failures()).isZero();
            int stride = fb.fixed().lineLength();
            int page = fb.visiblePage();
            var mem = fb.memory();
            for (int[] p : new int[][] {{0, 0}, {m.width() - 1, 0}, {m.width() / 2, m.height() / 2}, {m.width() - 1, m.height() - 1}}) {
                int at = fb.pageOffset(page) + p[1] * stride + p[0] * 4;
                assertThat(mem.getInt(at) & 0xffffff).as("pixel (%d,%d) in fbdev memory", p[0], p[1])
                        .isEqualTo(s.get(p[0], p[1]) & 0xffffff);
            }
        }
    }

    @Test
    @Order(2)
    void drmModeChangeAndConnectorHotplugReachTheEmulatedScreen() throws Exception {
        DrmDevice card = DrmDevice.open("/dev/dri/card0");
        KmsOutput out = KmsOutput.open(card, 1024, 768, 2);
        DrmScanout scanout = new DrmScanout(out, true);
        try (PresentingDisplay d = new PresentingDisplay(scanout, Rotation.R0, Scaling.FIT)) {
            Displays.watchHotplug(d, scanout);
            AtomicReference<Mode> told = new AtomicReference<>();
            d.onModeChange(told::set);
            Surface first = GuestScreens.pattern(1024, 768, 11);
            d.present(first, List.of(first.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            System.out.println("drm modes offered: " + d.modes());
            Mode target = d.modes().stream().filter(m -> m.width() == 800 && m.height() == 600).findFirst()
                    .orElseGet(() -> d.modes().stream().filter(m -> m.width() < 1024 && m.height() < 768).findFirst().orElseThrow());

            d.setMode(target);
            assertThat(d.mode()).isEqualTo(target);
            assertThat(told.get()).isEqualTo(target);
            assertThat(out.mode().hdisplay()).isEqualTo(target.width());
            // the session answers with a surface of the new size
            Surface second = GuestScreens.pattern(target.width(), target.height(), 53);
            d.present(second, List.of(second.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(d.failures()).isZero();
            GuestScreens.screendump("drm-mode", second);

            // unplug: force the connector off; bochs does not poll connectors, so the change is announced
            // with a change uevent on the card, which the display's netlink watch turns into a re-probe
            Path connector;
            try (var dirs = Files.list(Path.of("/sys/class/drm"))) {
                connector = dirs.filter(p -> p.getFileName().toString().startsWith("card0-") && Files.exists(p.resolve("status")))
                        .findFirst().orElseThrow();
            }
            System.out.println("drm connector sysfs " + connector + " status=" + Files.readString(connector.resolve("status")).strip());
            Files.writeString(connector.resolve("status"), "off");
            Files.writeString(Path.of("/sys/class/drm/card0/uevent"), "change");
            await(() -> !out.connector().connected(), "the re-probe to see the connector disconnected");
            long shown = d.framesShown();
            Surface third = GuestScreens.pattern(target.width(), target.height(), 77);
            d.present(third, List.of(third.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(d.framesShown()).as("no frame shown while unplugged").isEqualTo(shown);

            // replug: automatic detection again; the frame presented meanwhile is shown in full
            Files.writeString(connector.resolve("status"), "detect");
            Files.writeString(Path.of("/sys/class/drm/card0/uevent"), "change");
            await(() -> out.connector().connected(), "the re-probe to see the connector connected");
            await(() -> d.framesShown() > shown, "a frame after the replug");
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(d.mode()).isEqualTo(target);
            assertThat(d.failures()).isZero();
            GuestScreens.screendump("drm-hotplug", third);
        }
    }
}
