package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connection sequence as far as it is implemented, against the real xrdp (TLS security layer). */
@ExtendWith(XrdpExtension.class)
class RdpConnectionXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static RdpClientConfig.Builder config(XrdpServer xrdp) {
        return RdpClientConfig.builder(xrdp.host()).port(xrdp.port())
                .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                .security(RdpClientConfig.Security.AUTO)
                .desktop(1024, 768)
                .phaseTimeout(Duration.ofSeconds(15));
    }

    @Test
    void negotiatesTlsConnectsMcsAndJoinsEveryChannel(XrdpServer xrdp) throws Exception {
        List<Phase> phases = new CopyOnWriteArrayList<>();
        List<String> licensing = new CopyOnWriteArrayList<>();
        RdpConnection.Progress p = RdpConnection.open(GROUP,
                config(xrdp).trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                        .staticChannels(List.of(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED),
                                new ChannelDef("cliprdr", ChannelDef.CHANNEL_OPTION_INITIALIZED)))
                        .build(),
                new ConnectionListener() {
                    @Override
                    public void onMilestone(Phase phase, String detail, Duration elapsed) {
                        phases.add(phase);
                        if (phase == Phase.LICENSED) {
                            licensing.add(detail);
                        }
                    }
                }).get(60, TimeUnit.SECONDS);
        assertThat(p.selectedProtocol()).isEqualTo(SecurityProtocols.PROTOCOL_SSL);
        assertThat(p.certificateSha256()).isEqualTo(xrdp.certificateSha256());
        assertThat(p.userChannelId()).isGreaterThan(1000);
        // user channel, I/O channel 1003 and the two static channels xrdp granted
        assertThat(p.joinedChannels()).hasSize(4).contains(p.userChannelId(), 1003);
        assertThat(phases).containsExactly(Phase.NEGOTIATED, Phase.SECURITY_ESTABLISHED, Phase.BASIC_SETTINGS_EXCHANGED,
                Phase.USER_ATTACHED, Phase.CHANNELS_JOINED, Phase.SECURE_SETTINGS_EXCHANGED, Phase.LICENSED,
                Phase.CAPABILITIES_EXCHANGED, Phase.ACTIVE);
        // xrdp sends a Server License Request with its proprietary certificate and, after the client's
        // Client New License Request (MS-RDPELE 2.2.2.2), the valid-client status
        assertThat(licensing).containsExactly(
                "valid client after a key exchange with the 511-bit RSA key of the proprietary certificate");
        assertThat(p.activation().desktopWidth()).isEqualTo(1024);
        assertThat(p.activation().desktopHeight()).isEqualTo(768);
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsRefused(XrdpServer xrdp) {
        String other = TlsMaterial.selfSignedServer("elsewhere", List.of(), List.of()).sha256Fingerprint();
        assertThatThrownBy(() -> RdpConnection.open(GROUP, config(xrdp).trust(CertificateTrust.pinned(other)).build(),
                ConnectionListener.NONE).get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST))
                .hasMessageContaining(other).hasMessageContaining(xrdp.certificateSha256());
    }

    @Test
    void theSystemTrustStoreRejectsTheSelfSignedCertificate(XrdpServer xrdp) {
        assertThatThrownBy(() -> RdpConnection.open(GROUP, config(xrdp).build(), ConnectionListener.NONE)
                .get(60, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST));
    }
}
