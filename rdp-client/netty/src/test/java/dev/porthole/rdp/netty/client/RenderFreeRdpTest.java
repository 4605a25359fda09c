package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixels end to end: Porthole's client renders the real FreeRDP shadow server's desktop (NLA, bitmap
 * updates) and the result is compared with the server's own X display capture.
 */
@ExtendWith(FreeRdpShadowExtension.class)
class RenderFreeRdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** 32 bpp arrives as planar bitmaps, 16 bpp as interleaved RLE. (FreeRDP 2.11's shadow server turns a
     *  24 bpp request into 16 bpp, server/shadow/shadow_client.c "disable 24bpp", so 24 bpp is covered
     *  against xrdp instead.) */
    @ParameterizedTest(name = "{0} bpp")
    @ValueSource(ints = {32, 16})
    void theRenderedDesktopMatchesTheServersOwnCapture(int bpp, FreeRdpShadowServer server, @TempDir Path dir) throws Exception {
        SurfaceMirror mirror = new SurfaceMirror();
        RdpClientConfig config = RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(server.username(), server.domain(), server.password().toCharArray())
                .security(RdpClientConfig.Security.NLA)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768).colorDepth(bpp)
                .build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, mirror)) {
            RdpConnection.Progress p = session.activated().get(60, TimeUnit.SECONDS);
            int screen = p.activation().desktopWidth() * p.activation().desktopHeight();
            mirror.awaitPainted(screen, Duration.ofMillis(1500), Duration.ofSeconds(60));
            assertThat(mirror.damagedPixels()).as("the server painted the whole screen").isGreaterThanOrEqualTo(screen);
            BufferedImage rendered = mirror.image();
            BufferedImage truth = ImageIO.read(server.captureDisplay(dir.resolve("server.png")).toFile());
            assertThat(rendered.getWidth()).isEqualTo(truth.getWidth());
            assertThat(rendered.getHeight()).isEqualTo(truth.getHeight());
            assertThat(SurfaceMirror.percentEqual(rendered, truth, bpp, "render-freerdp"))
                    .as("%% of pixels equal to the server's capture").isGreaterThanOrEqualTo(99.5);
        }
    }
}
