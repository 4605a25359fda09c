package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.client.RdpClientListener.Connected;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.proxy.FaultProxy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RdpClient} against the FreeRDP shadow server (NLA): a connection cut by the {@link FaultProxy} is
 * re-established by itself, CredSSP included, with the credentials the client kept, and frames flow again.
 */
@ExtendWith(FreeRdpShadowExtension.class)
class RdpClientFreeRdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aCutNlaConnectionIsReestablishedAndRendersAgain(FreeRdpShadowServer host) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(host.port())) {
            java.util.concurrent.atomic.AtomicInteger framesAfterReconnect = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean reconnected = new java.util.concurrent.atomic.AtomicBoolean();
            RdpClientXrdpTest.Events events = new RdpClientXrdpTest.Events() {
                @Override
                public void connected(Connected c) {
                    reconnected.set(c.reconnected());
                    super.connected(c);
                }

                @Override
                public void sessionEvent(dev.porthole.rdp.protocol.surface.Surface surface,
                                         dev.porthole.rdp.protocol.session.SessionEvent event) {
                    if (reconnected.get() && event instanceof dev.porthole.rdp.protocol.session.SessionEvent.FrameDamaged) {
                        framesAfterReconnect.incrementAndGet();
                    }
                }
            };
            RdpClientConfig config = RdpClientConfig.builder(proxy.host()).port(proxy.port())
                    .credentials(host.username(), host.domain(), host.password().toCharArray())
                    .security(RdpClientConfig.Security.NLA)
                    .trust(CertificateTrust.pinned(host.certificateSha256()))
                    .desktop(1024, 768)
                    .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.25)
                    .build();
            RdpClient client = RdpClient.create(GROUP, config, events);
            try {
                Connected first = client.connect().get(90, TimeUnit.SECONDS);
                assertThat(first.protocol()).isEqualTo("HYBRID");
                assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(first);
                assertThat(proxy.cutAll()).isEqualTo(1);
                assertThat(events.next(Duration.ofSeconds(30))).isEqualTo("reconnecting 1");
                Object back = events.next(Duration.ofSeconds(90));
                while (back instanceof String s && s.startsWith("reconnecting")) {
                    back = events.next(Duration.ofSeconds(90));
                }
                assertThat(back).isInstanceOfSatisfying(Connected.class, c -> {
                    assertThat(c.reconnected()).isTrue();
                    assertThat(c.protocol()).isEqualTo("HYBRID");
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (framesAfterReconnect.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(framesAfterReconnect.get()).as("frames rendered after the reconnect").isPositive();
                assertThat(proxy.accepted()).isGreaterThanOrEqualTo(2);
            } finally {
                client.close();
            }
        }
    }
}
