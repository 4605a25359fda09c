package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh Rect and Suppress Output (MS-RDPBCGR 2.2.11.2, 2.2.11.3) through {@link RdpSession} against the real
 * FreeRDP shadow server: after the desktop is painted and quiet, the server repaints exactly what was asked for.
 */
@ExtendWith(FreeRdpShadowExtension.class)
class RdpSessionDisplayControlFreeRdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records damaged rectangles from a mark on. */
    static final class Damage implements ConnectionListener {
        final SurfaceMirror mirror = new SurfaceMirror();
        private final List<Rect> since = new ArrayList<>();

        @Override
        public synchronized void onSessionEvent(Surface surface, SessionEvent event) {
            mirror.onSessionEvent(surface, event);
            if (event instanceof SessionEvent.FrameDamaged d) {
                since.addAll(d.areas());
            }
        }

        synchronized void mark() {
            since.clear();
        }

        /** Whether the rectangles damaged since the mark cover every pixel of {@code area}. */
        synchronized boolean covers(Rect area) {
            boolean[] seen = new boolean[area.width() * area.height()];
            for (Rect r : since) {
                Rect i = r.intersect(area);
                for (int y = i.y(); y < i.bottom(); y++) {
                    for (int x = i.x(); x < i.right(); x++) {
                        seen[(y - area.y()) * area.width() + x - area.x()] = true;
                    }
                }
            }
            for (boolean b : seen) {
                if (!b) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void refreshRectAndAllowingOutputAgainRepaintTheAskedAreas(FreeRdpShadowServer server) throws Exception {
        Damage damage = new Damage();
        RdpClientConfig config = RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(server.username(), server.domain(), server.password().toCharArray())
                .security(RdpClientConfig.Security.NLA)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768)
                .build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, damage)) {
            RdpConnection.Progress p = session.activated().get(60, TimeUnit.SECONDS);
            Rect desktop = new Rect(0, 0, p.activation().desktopWidth(), p.activation().desktopHeight());
            damage.mirror.awaitPainted((long) desktop.width() * desktop.height(), Duration.ofMillis(1500), Duration.ofSeconds(60));

            Rect asked = new Rect(300, 200, 160, 90);
            damage.mark();
            assertThat(damage.covers(asked)).isFalse();
            session.refreshRect(List.of(asked));
            await(() -> damage.covers(asked), "the refreshed area");

            session.suppressOutput(true);
            damage.mark();
            session.suppressOutput(false);
            await(() -> damage.covers(desktop), "the whole desktop after output was allowed again");
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " was not repainted within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
