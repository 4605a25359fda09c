package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pixels end to end against xrdp 0.9 + xorgxrdp (TLS): Porthole's client renders the session's test desktop
 * and the result is compared with a capture of the session's own X display.
 *
 * <p>What xrdp sends depends on the client's Order Capability Set (xrdp libxrdp/xrdp_caps.c): this client
 * offers no drawing orders (see {@code ClientCapabilities} for why), so xrdp draws with its painter and
 * sends the dirty areas as compressed Bitmap Updates (MS-RDPBCGR 2.2.9.1.1.3.1.2): planar at 32 bpp,
 * interleaved RLE at 24 and 16 bpp. Tolerance: at least 99.5 % of the pixels must equal the capture, compared at
 * the precision the color depth carries (RGB565 at 16 bpp, all 24 bits otherwise; see
 * {@link SurfaceMirror#significantMask}).
 */
@ExtendWith(XrdpExtension.class)
class RenderXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest(name = "{0} bpp")
    @ValueSource(ints = {32, 24, 16})
    void theRenderedDesktopMatchesTheServersOwnCapture(int bpp, XrdpServer server, @TempDir Path dir) throws Exception {
        SurfaceMirror mirror = new SurfaceMirror();
        RdpClientConfig config = RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(server.username(), "", server.password().toCharArray())
                .security(RdpClientConfig.Security.TLS)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768).colorDepth(bpp)
                .build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, mirror)) {
            RdpConnection.Progress p = session.activated().get(60, TimeUnit.SECONDS);
            assertThat(p.activation().desktopWidth()).isEqualTo(1024);
            assertThat(p.activation().desktopHeight()).isEqualTo(768);
            int screen = p.activation().desktopWidth() * p.activation().desktopHeight();
            // the session's Xorg paints before the desktop script finishes: wait for both, then for quiet
            mirror.awaitPainted(screen, Duration.ofMillis(1500), Duration.ofSeconds(60));
            server.awaitDesktop(Duration.ofSeconds(60));
            mirror.awaitPainted(screen, Duration.ofMillis(1500), Duration.ofSeconds(60));
            assertThat(mirror.damagedPixels()).as("xrdp painted the whole screen").isGreaterThanOrEqualTo(screen);
            BufferedImage rendered = mirror.image();
            BufferedImage truth = ImageIO.read(server.captureDisplay(dir.resolve("server.png")).toFile());
            assertThat(java.util.Arrays.stream(truth.getRGB(0, 0, truth.getWidth(), truth.getHeight(), null, 0,
                    truth.getWidth())).distinct().count())
                    .as("distinct colors in the capture (the test pattern, not a blank screen)").isGreaterThan(16);
            assertThat(rendered.getWidth()).isEqualTo(truth.getWidth());
            assertThat(rendered.getHeight()).isEqualTo(truth.getHeight());
            assertThat(SurfaceMirror.percentEqual(rendered, truth, bpp, "render-xrdp"))
                    .as("%% of pixels equal to the server's capture").isGreaterThanOrEqualTo(99.5);

            // then the desktop changes server side (text typed into its xterm by xdotool): the increments,
            // drawn from tiles partly cached already, must keep the surface equal to the display
            long before = mirror.damagedPixels();
            server.runInSession("xdotool", "type", "--delay", "20", "porthole renders xrdp at " + bpp + " bpp");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && (mirror.damagedPixels() == before || mirror.quietFor().compareTo(Duration.ofMillis(1500)) < 0)) {
                Thread.sleep(100);
            }
            assertThat(mirror.damagedPixels()).as("xrdp sent the typed text").isGreaterThan(before);
            assertThat(server.readTypedText()).contains("porthole renders xrdp at " + bpp + " bpp");
            BufferedImage typed = ImageIO.read(server.captureDisplay(dir.resolve("typed.png")).toFile());
            assertThat(SurfaceMirror.percentEqual(mirror.image(), typed, bpp, "render-xrdp-typed"))
                    .as("%% of pixels equal to the server's capture after typing").isGreaterThanOrEqualTo(99.5);
        }
    }
}
