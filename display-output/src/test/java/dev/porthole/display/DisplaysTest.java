package dev.porthole.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.porthole.display.backend.HeadlessScanout;
import dev.porthole.display.backend.LiveView;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;

class DisplaysTest {

    @Test
    void withoutDevicesOrDesktopTheChoiceFallsToHeadless() {
        DisplayOptions o = new DisplayOptions(List.of("drm", "fbdev", "window", "headless"),
                List.of(Path.of("/dev/porthole-no-card")), List.of(Path.of("/dev/null")), false, 320, 200, Rotation.R0, Scaling.FIT);
        try (Display d = Displays.open(o)) {
            assertThat(d.backend()).isEqualTo("headless");
            assertThat(d.mode()).isEqualTo(new Mode(320, 200, 60));
        }
    }

    @Test
    void whenNothingWorksEveryReasonIsNamed() {
        DisplayOptions o = new DisplayOptions(List.of("drm", "fbdev", "window"), List.of(Path.of("/dev/porthole-no-card")),
                List.of(Path.of("/dev/null")), false, 0, 0, Rotation.R0, Scaling.FIT);
        assertThatThrownBy(() -> Displays.open(o)).isInstanceOf(DisplayException.class)
                .hasMessageContaining("/dev/porthole-no-card does not exist")
                .hasMessageContaining("FBIOGET_VSCREENINFO on /dev/null failed: ENOTTY")
                .hasMessageContaining("window: no desktop session");
        assertThatThrownBy(() -> Displays.open(new DisplayOptions(List.of("vga"), List.of(), List.of(), false, 0, 0,
                Rotation.R0, Scaling.FIT))).hasMessageContaining("unknown display backend 'vga'");
    }

    @Test
    void liveViewServesTheFrameAsPngOnLoopback() throws Exception {
        HeadlessScanout panel = new HeadlessScanout(80, 60);
        try (PresentingDisplay d = new PresentingDisplay(panel, Rotation.R0, Scaling.FIT); LiveView view = LiveView.start(panel, 0)) {
            Surface s = new Surface(80, 60);
            s.fill(new Rect(10, 10, 20, 20), 0x00ff00);
            d.present(s, List.of(s.bounds()));
            assertThat(d.awaitIdle(Duration.ofSeconds(5))).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + view.port() + "/frame.png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            var img = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertThat(img.getWidth()).isEqualTo(80);
            assertThat(img.getRGB(15, 15) & 0xffffff).isEqualTo(0x00ff00);
            assertThat(img.getRGB(50, 50) & 0xffffff).isZero();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + view.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("/frame.png");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + view.port() + "/etc/passwd")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }
}
