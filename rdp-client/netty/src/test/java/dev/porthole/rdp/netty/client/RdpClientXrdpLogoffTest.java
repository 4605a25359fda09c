package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.client.RdpClientListener.Connected;
import dev.porthole.rdp.netty.client.RdpClientListener.Disconnected;
import dev.porthole.rdp.netty.client.RdpClientListener.Reason;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.testbed.x11.TestDesktop;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session that ends on the server (the user's desktop closes: a logoff) is not reconnected: xrdp ends the
 * connection with its own disconnection sequence, and the client stops with a reason instead of logging in a
 * fresh session. Its own class, so the logoff does not touch the sessions of other tests.
 */
@ExtendWith(XrdpExtension.class)
class RdpClientXrdpLogoffTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aLogoffOnTheServerEndsTheClientWithoutReconnecting(XrdpServer xrdp) throws Exception {
        RdpClientXrdpTest.Events events = new RdpClientXrdpTest.Events();
        RdpClientConfig config = RdpClientConfig.builder(xrdp.host()).port(xrdp.port())
                .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                .security(RdpClientConfig.Security.TLS)
                .trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                .desktop(1024, 768)
                .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.25)
                .build();
        RdpClient client = RdpClient.create(GROUP, config, events);
        try {
            Connected c = client.connect().get(90, TimeUnit.SECONDS);
            assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(c);
            int display = xrdp.awaitDesktop(Duration.ofSeconds(90));
            // the test desktop's session lasts as long as its two windows: closing them logs the user off
            xrdp.runInSession("sh", "-c", "xdotool search --name '^" + TestDesktop.TYPING_TITLE + "$' windowkill; "
                    + "xdotool search --name '^" + TestDesktop.POINTER_TITLE + "$' windowkill; true");
            Object end = events.next(Duration.ofSeconds(60));
            assertThat(end).as("display " + display + " logged off").isInstanceOfSatisfying(Disconnected.class, d -> {
                assertThat(d.reason()).isIn(Reason.SERVER_DISCONNECTED, Reason.SERVER_ERROR_INFO);
                assertThat(d.sentence()).isNotBlank();
            });
            assertThat(client.state()).isEqualTo(RdpClient.State.STOPPED);
            assertThat(events.queue.poll(2, TimeUnit.SECONDS)).as("nothing after the end").isNull();
        } finally {
            client.close();
        }
    }
}
