package dev.porthole.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.tls.CertificateTrust;

/**
 * From the agent's configuration to one RDP connection's {@link RdpClientConfig}: one per host of
 * {@link AgentConfig.Connection#hosts()}, tried in order by the agent.
 */
public final class RdpClientMapping {

    private RdpClientMapping() {}

    /**
     * The client configuration for {@code host}.
     *
     * @param config        the agent configuration
     * @param host          one of {@code config.connection().hosts()}
     * @param username      user name (kiosk: from the config; interactive: what the sign-in screen collected)
     * @param domain        domain
     * @param password      password (copied; the caller clears its array); empty for server-side logon
     * @param displayWidth  the display's width, used when the desktop size follows the display
     * @param displayHeight the display's height
     * @throws ConfigException when the trust's CA file cannot be read
     */
    public static RdpClientConfig toClientConfig(AgentConfig config, HostAddress host, String username, String domain,
                                                 char[] password, int displayWidth, int displayHeight) {
        AgentConfig.Connection c = config.connection();
        AgentConfig.Desktop d = config.desktop();
        int w = d.followsDisplay() ? clamp(displayWidth) : d.width();
        int h = d.followsDisplay() ? clamp(displayHeight) : d.height();
        RdpClientConfig.Builder b = RdpClientConfig.builder(host.host())
                .port(c.portOf(host))
                .security(switch (c.security()) {
                    case TLS -> RdpClientConfig.Security.TLS;
                    case NLA -> RdpClientConfig.Security.NLA;
                    case AUTO -> RdpClientConfig.Security.AUTO;
                })
                .trust(trust(c.trust()))
                .credentials(username, domain, password)
                .desktop(w, h)
                .colorDepth(d.bpp())
                .keyboardLayout((int) config.input().keyboardLayout())
                .clientName(c.clientName())
                .connectTimeout(Duration.ofSeconds(c.connectTimeoutSeconds()))
                .staticChannels(dev.porthole.agent.plugins.RdpDvcSession.staticChannels(config.plugins(), java.util.List.of()));
        if (c.loadBalanceInfo() != null) {
            b.routingToken(c.loadBalanceInfo());
        }
        return b.build();
    }

    /** The kiosk form: user name and domain from the configuration. */
    public static RdpClientConfig toClientConfig(AgentConfig config, HostAddress host, char[] password, int displayWidth,
                                                 int displayHeight) {
        return toClientConfig(config, host, config.credentials().username(), config.credentials().domain(), password,
                displayWidth, displayHeight);
    }

    private static int clamp(int v) {
        return Math.max(AgentConfig.Desktop.MIN_SIZE, Math.min(AgentConfig.Desktop.MAX_SIZE, v));
    }

    /** The certificate policy of {@code t}; a CA file is read now (PEM, one or more certificates). */
    public static CertificateTrust trust(AgentConfig.Trust t) {
        return switch (t.mode()) {
            case SYSTEM -> CertificateTrust.systemTrustStore();
            case PINNED -> CertificateTrust.pinned(t.sha256());
            case LAB_ACCEPT_ANY -> CertificateTrust.acceptAnyLabOnly();
            case CA -> CertificateTrust.customAuthorities(readCertificates(t));
        };
    }

    private static List<X509Certificate> readCertificates(AgentConfig.Trust t) {
        String field = "connection.trust.caFile";
        try (InputStream in = Files.newInputStream(t.caFile())) {
            byte[] pem = in.readNBytes(4 << 20);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(pem))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new ConfigException(t.caFile().toString(), field, -1, -1, "contains no certificate", null);
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException(t.caFile().toString(), field, -1, -1, "cannot be read: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new ConfigException(t.caFile().toString(), field, -1, -1, "is not PEM or DER X.509: " + e.getMessage(), e);
        }
    }
}
