package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.client.RdpClientListener.Connected;
import dev.porthole.rdp.netty.client.RdpClientListener.Disconnected;
import dev.porthole.rdp.netty.client.RdpClientListener.Reason;
import dev.porthole.rdp.netty.client.RdpClientListener.Redirected;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPacket;
import dev.porthole.testbed.proxy.FaultProxy;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RdpClient} against the real xrdp: the TCP connection is cut mid-session by a {@link FaultProxy} and
 * the client comes back by itself into the same xrdp session (same X display); a scripted broker's Server
 * Redirection PDU is followed into xrdp with the broker's routing token and credentials.
 */
@ExtendWith(XrdpExtension.class)
class RdpClientXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records the client's events in order. */
    static class Events implements RdpClientListener {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void connected(Connected c) {
            queue.add(c);
        }

        @Override
        public void reconnecting(int attempt, Duration delay, RdpException cause) {
            queue.add("reconnecting " + attempt);
        }

        @Override
        public void redirected(Redirected target) {
            queue.add(target);
        }

        @Override
        public void disconnected(Disconnected d) {
            queue.add(d);
        }

        Object next(Duration timeout) throws InterruptedException {
            Object e = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(e).as("an event from the client within " + timeout).isNotNull();
            return e;
        }
    }

    @Test
    void aCutConnectionComesBackIntoTheSameXrdpSessionWithoutNewCredentials(XrdpServer xrdp) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(xrdp.port())) {
            Events events = new Events();
            RdpClientConfig config = RdpClientConfig.builder(proxy.host()).port(proxy.port())
                    .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                    .security(RdpClientConfig.Security.TLS)
                    .trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                    .desktop(1024, 768)
                    .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.25)
                    .phaseTimeout(Duration.ofSeconds(20))
                    .build();
            RdpClient client = RdpClient.create(GROUP, config, events);
            try {
                Connected first = client.connect().get(90, TimeUnit.SECONDS);
                assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(first);
                assertThat(first.reconnected()).isFalse();
                assertThat(first.protocol()).isEqualTo("SSL");
                int display = xrdp.awaitDesktop(Duration.ofSeconds(90));

                assertThat(proxy.cutAll()).as("open connections cut").isEqualTo(1);

                assertThat(events.next(Duration.ofSeconds(30))).isEqualTo("reconnecting 1");
                Object back = events.next(Duration.ofSeconds(90));
                while (back instanceof String s && s.startsWith("reconnecting")) {
                    back = events.next(Duration.ofSeconds(90));
                }
                assertThat(back).isInstanceOfSatisfying(Connected.class, c -> {
                    assertThat(c.reconnected()).isTrue();
                    assertThat(c.width()).isEqualTo(1024);
                    assertThat(c.height()).isEqualTo(768);
                });
                assertThat(client.state()).isEqualTo(RdpClient.State.ACTIVE);
                assertThat(proxy.accepted()).as("a second TCP connection through the proxy").isGreaterThanOrEqualTo(2);
                assertThat(xrdp.awaitDesktop(Duration.ofSeconds(60))).as("the same xrdp session").isEqualTo(display);
                assertThat(xrdp.sessionDisplay()).hasValue(display);
            } finally {
                client.close();
            }
            assertThat(events.queue).last().isInstanceOfSatisfying(Disconnected.class,
                    d -> assertThat(d.reason()).isEqualTo(Reason.CLOSED_LOCALLY));
        }
    }

    @Test
    void followsABrokersRedirectionIntoXrdpWithItsRoutingTokenAndCredentials(XrdpServer xrdp) throws Exception {
        byte[] password = (xrdp.password() + "\0").getBytes(StandardCharsets.UTF_16LE);
        ServerRedirectionPacket redirect = new ServerRedirectionPacket(5,
                ServerRedirectionPacket.LB_LOAD_BALANCE_INFO | ServerRedirectionPacket.LB_USERNAME
                        | ServerRedirectionPacket.LB_PASSWORD,
                null, Bytes.of("Cookie: msts=2130706433.15629.0000\r\n".getBytes(StandardCharsets.US_ASCII)),
                xrdp.username(), null, Bytes.of(password), null, null, null, null, null, null);
        try (FakeBroker broker = new FakeBroker(xrdp.port(), redirect)) {
            Events events = new Events();
            // the client starts with an account the broker replaces (2.2.13.1 UserName, Password)
            RdpClientConfig config = RdpClientConfig.builder("127.0.0.1").port(broker.port())
                    .credentials("kiosk", "", "not-the-password".toCharArray())
                    .security(RdpClientConfig.Security.TLS)
                    .trust(CertificateTrust.customAuthorities(List.of(broker.certificate.certificate(), xrdp.certificate())))
                    .desktop(1024, 768)
                    .phaseTimeout(Duration.ofSeconds(20))
                    .build();
            RdpClient client = RdpClient.create(GROUP, config, events);
            try {
                Connected c;
                try {
                    c = client.connect().get(90, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    AssertionError failure = new AssertionError("redirection not followed; broker errors: " + broker.errors, e);
                    broker.errors.forEach(failure::addSuppressed);
                    throw failure;
                }
                assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(
                        new Redirected("127.0.0.1", broker.port(), 5, true, xrdp.username(), ""));
                assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(c);
                assertThat(broker.routingTokens).containsExactly("none", "Cookie: msts=2130706433.15629.0000");
                assertThat(broker.clientInfoUsers).containsExactly("kiosk");
                assertThat(broker.errors).isEmpty();
                assertThat(c.width()).isEqualTo(1024);
                // the redirected connection is a working xrdp session (it may be the one an earlier test left)
                assertThat(xrdp.awaitDesktop(Duration.ofSeconds(90))).isPositive();
            } finally {
                client.close();
            }
        }
    }
}
