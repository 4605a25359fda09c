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

    /** A copy of the session surface, updated from the event loop on every damage event. */
    static final class Mirror implements ConnectionListener {
        private int[] pixels;
        private int width;
        private int height;
        private long damagedPixels;
        private long lastDamageNanos = System.nanoTime();

        @Override
        public synchronized void onSessionEvent(Surface surface, SessionEvent event) {
            if (event instanceof SessionEvent.FrameDamaged d) {
                if (pixels == null || width != surface.width() || height != surface.height()) {
                    width = surface.width();
                    height = surface.height();
                    pixels = new int[width * height];
                }
                for (Rect r : d.areas()) {
                    for (int y = r.y(); y < r.bottom(); y++) {
                        System.arraycopy(surface.pixels(), y * width + r.x(), pixels, y * width + r.x(), r.width());
                    }
                    damagedPixels += (long) r.width() * r.height();
                }
                lastDamageNanos = System.nanoTime();
            }
        }

        synchronized long damagedPixels() {
            return damagedPixels;
        }

        synchronized Duration quietFor() {
            return Duration.ofNanos(System.nanoTime() - lastDamageNanos);
        }

        synchronized BufferedImage image() {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, width, height, pixels, 0, width);
            return img;
        }
    }

    /**
     * Bits per channel that survive the session's color depth: at 16 bpp the server sends RGB565, so
     * only the top 5/6/5 bits of the capture can be expected back (MS-RDPBCGR 2.2.9.1.1.3.1.2.2).
     */
    private static int significantMask(int bpp) {
        return switch (bpp) {
            case 16 -> 0xF8FCF8;
            case 15 -> 0xF8F8F8;
            default -> 0xFFFFFF;
        };
    }

    /** 32 bpp arrives as planar bitmaps, 16 bpp as interleaved RLE. (FreeRDP 2.11's shadow server turns a
     *  24 bpp request into 16 bpp, server/shadow/shadow_client.c "disable 24bpp", so 24 bpp is covered
     *  against xrdp instead.) */
    @ParameterizedTest(name = "{0} bpp")
    @ValueSource(ints = {32, 16})
    void theRenderedDesktopMatchesTheServersOwnCapture(int bpp, FreeRdpShadowServer server, @TempDir Path dir) throws Exception {
        Mirror mirror = new Mirror();
        RdpClientConfig config = RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(server.username(), server.domain(), server.password().toCharArray())
                .security(RdpClientConfig.Security.NLA)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768).colorDepth(bpp)
                .build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, mirror)) {
            RdpConnection.Progress p = session.activated().get(60, TimeUnit.SECONDS);
            int screen = p.activation().desktopWidth() * p.activation().desktopHeight();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline
                    && (mirror.damagedPixels() < screen || mirror.quietFor().compareTo(Duration.ofMillis(1500)) < 0)) {
                Thread.sleep(100);
            }
            assertThat(mirror.damagedPixels()).as("the server painted the whole screen").isGreaterThanOrEqualTo(screen);
            BufferedImage rendered = mirror.image();
            Path truthFile = server.captureDisplay(dir.resolve("server.png"));
            BufferedImage truth = ImageIO.read(truthFile.toFile());
            ImageIO.write(rendered, "png", dir.resolve("porthole.png").toFile());
            assertThat(rendered.getWidth()).isEqualTo(truth.getWidth());
            assertThat(rendered.getHeight()).isEqualTo(truth.getHeight());
            long equal = 0;
            long total = (long) truth.getWidth() * truth.getHeight();
            for (int y = 0; y < truth.getHeight(); y++) {
                for (int x = 0; x < truth.getWidth(); x++) {
                    int mask = significantMask(bpp);
                    if ((rendered.getRGB(x, y) & mask) == (truth.getRGB(x, y) & mask)) {
                        equal++;
                    }
                }
            }
            double share = 100.0 * equal / total;
            System.out.printf("render %d bpp: %.3f %% of %d pixels equal to the server capture%n", bpp, share, total);
            if (share < 99.5) {
                Files.copy(dir.resolve("porthole.png"), Path.of("target", "render-freerdp-" + bpp + "-porthole.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(truthFile, Path.of("target", "render-freerdp-" + bpp + "-server.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(share).as("%% of pixels equal to the server's capture (%d of %d)", equal, total).isGreaterThanOrEqualTo(99.5);
        }
    }
}
