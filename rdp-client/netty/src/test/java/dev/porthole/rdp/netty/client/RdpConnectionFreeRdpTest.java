package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ClientConnector;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connection sequence with Network Level Authentication against the real FreeRDP shadow server. */
@ExtendWith(FreeRdpShadowExtension.class)
class RdpConnectionFreeRdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static RdpClientConfig config(FreeRdpShadowServer server, String password) {
        return config(server, server.username(), password, RdpClientConfig.Security.NLA);
    }

    private static RdpClientConfig config(FreeRdpShadowServer server, String user, String password,
                                          RdpClientConfig.Security security) {
        return RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(user, server.domain(), password.toCharArray())
                .security(security)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768)
                .phaseTimeout(Duration.ofSeconds(15))
                .build();
    }

    @Test
    void authenticatesWithCredSspAndJoinsTheChannels(FreeRdpShadowServer server) throws Exception {
        RdpConnection.Progress p = RdpConnection.open(GROUP, config(server, server.password()), ConnectionListener.NONE)
                .get(60, TimeUnit.SECONDS);
        assertThat(p.selectedProtocol()).isEqualTo(SecurityProtocols.PROTOCOL_HYBRID);
        assertThat(p.state()).isEqualTo(ClientConnector.State.ACTIVE);
        assertThat(p.userChannelId()).isGreaterThan(1000);
    }

    @Test
    void autoOffersTlsAndNlaAndTheServerPicksNla(FreeRdpShadowServer server) throws Exception {
        RdpConnection.Progress p = RdpConnection.open(GROUP, config(server, server.username(), server.password(),
                RdpClientConfig.Security.AUTO), ConnectionListener.NONE).get(60, TimeUnit.SECONDS);
        assertThat(p.selectedProtocol()).isEqualTo(SecurityProtocols.PROTOCOL_HYBRID);
    }

    @Test
    void anUnknownUserIsAnAuthenticationError(FreeRdpShadowServer server) {
        assertThatThrownBy(() -> RdpConnection.open(GROUP, config(server, "nobody" + server.username(), server.password(),
                RdpClientConfig.Security.NLA), ConnectionListener.NONE).get(60, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RdpException.class,
                        e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatSaysSo(FreeRdpShadowServer server) {
        assertThatThrownBy(() -> RdpConnection.open(GROUP, config(server, server.password() + "x"), ConnectionListener.NONE)
                .get(60, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RdpException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).containsIgnoringCase("password");
                });
    }
}
