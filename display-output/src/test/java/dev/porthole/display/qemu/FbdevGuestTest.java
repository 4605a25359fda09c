package dev.porthole.display.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.porthole.display.backend.FbdevScanout;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.fbdev.FbVarScreenInfo;
import dev.porthole.hw.fbdev.FbdevFramebuffer;

/** In the guest: bochs-drm's fbdev emulation at /dev/fb0, driven through the fbdev display backend. */
@Tag("guest")
class FbdevGuestTest {

    @Test
    void modeSetAndTestPatternReachTheEmulatedScreen() throws Exception {
        FbdevFramebuffer fb = FbdevFramebuffer.open("/dev/fb0");
        FbVarScreenInfo before = fb.variable();
        assertThat(fb.fixed().id()).contains("bochs");
        assertThat(fb.fixed().lineLength()).isGreaterThanOrEqualTo(before.xres() * before.bitsPerPixel() / 8);
        // mode set: ask for the current mode again, forcing the driver to apply it
        FbVarScreenInfo applied = fb.setVariable(before.withMode(before.xres(), before.yres(), before.xresVirtual(),
                before.yresVirtual(), 32));
        assertThat(applied.xres()).isEqualTo(before.xres());
        assertThat(applied.bitsPerPixel()).isEqualTo(32);
        try (PresentingDisplay d = new PresentingDisplay(new FbdevScanout(fb, true), Rotation.R0, Scaling.FIT)) {
            assertThat(((FbdevScanout) d.scanout()).format()).isEqualTo(PixelFormat.XRGB8888);
            Surface s = GuestScreens.pattern(applied.xres(), applied.yres(), 0);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            // a damage-only update on top
            s.fill(new Rect(100, 100, 64, 48), 0x336699);
            d.present(s, List.of(new Rect(100, 100, 64, 48)));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            d.blank(true);
            d.blank(false);
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            System.out.println("fbdev " + fb + " pages=" + fb.pages() + " frames=" + d.framesShown());
            GuestScreens.screendump("fbdev", s);
        }
    }
}
