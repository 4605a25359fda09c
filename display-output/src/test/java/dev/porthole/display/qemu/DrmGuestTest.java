package dev.porthole.display.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.porthole.display.backend.DrmScanout;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.convert.SoftwareCursor;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.drm.DrmDevice;
import dev.porthole.hw.drm.KmsOutput;

/** In the guest: /dev/dri/card0 (bochs-drm) with two dumb buffers, mode-set, flips and DIRTYFB. */
@Tag("guest")
class DrmGuestTest {

    @Test
    void dumbBuffersModeSetFlipsAndCursorReachTheEmulatedScreen() throws Exception {
        DrmDevice card = DrmDevice.open("/dev/dri/card0");
        assertThat(card.driver()).isEqualTo("bochs-drm");
        KmsOutput out = KmsOutput.open(card, 1024, 768, 2);
        System.out.println("drm connector=" + out.connector() + " crtc=" + out.crtcId() + " mode=" + out.mode()
                + " modes=" + out.connector().modes().size());
        try (PresentingDisplay d = new PresentingDisplay(new DrmScanout(out, true), Rotation.R0, Scaling.FIT)) {
            int w = d.mode().width();
            int h = d.mode().height();
            assertThat(w).isEqualTo(1024);
            Surface s = GuestScreens.pattern(w, h, 37);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(out.front()).isZero();
            // second frame goes to the other buffer, which must catch up on everything
            s.fill(new Rect(300, 200, 100, 80), 0xff8800);
            d.present(s, List.of(new Rect(300, 200, 100, 80)));
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(out.front()).isEqualTo(1);
            // bochs has no cursor plane: the display falls back to composing the cursor itself
            CursorImage arrow = CursorImage.arrow();
            d.moveCursor(500, 400);
            d.setCursor(arrow);
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            System.out.println("drm pageFlips=" + out.pageFlips() + " hardwareCursor=" + out.hardwareCursor() + " frames=" + d.framesShown());
            Surface expected = new Surface(w, h);
            expected.copyFrom(s, s.bounds());
            if (!out.hardwareCursor()) {
                SoftwareCursor c = new SoftwareCursor(arrow, 500, 400);
                Rect b = c.bounds();
                for (int y = b.y(); y < b.bottom(); y++) {
                    for (int x = b.x(); x < b.right(); x++) {
                        expected.set(x, y, c.compose(x, y, s.get(x, y)));
                    }
                }
            }
            GuestScreens.screendump("drm", expected);
        }
    }
}
