package dev.porthole.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.testbed.TlsMaterial;

class RdpClientMappingTest {

    private static AgentConfig parse(String json) {
        return ConfigParser.parse(json.getBytes(StandardCharsets.UTF_8), "t.json");
    }

    @Test
    void everyMappedFieldArrives() {
        AgentConfig c = parse("""
                {"connection": {"hosts": ["a.example", "b.example:3390"], "port": 3391, "security": "nla",
                                "trust": {"mode": "pinned", "sha256": "%s"}, "loadBalanceInfo": "tsv://x.1.Pool",
                                "clientName": "kiosk-7", "connectTimeoutSeconds": 7},
                 "credentials": {"mode": "kiosk", "username": "u", "domain": "D"},
                 "desktop": {"width": 1280, "height": 1024, "bpp": 24},
                 "input": {"keyboardLayout": "0x0407"}}""".formatted("0f".repeat(32)));
        char[] pw = "pw".toCharArray();
        RdpClientConfig a = RdpClientMapping.toClientConfig(c, c.connection().hosts().get(0), pw, 800, 600);
        assertThat(a.host()).isEqualTo("a.example");
        assertThat(a.port()).isEqualTo(3391);
        assertThat(a.security()).isEqualTo(RdpClientConfig.Security.NLA);
        assertThat(a.trust()).isInstanceOf(CertificateTrust.pinned("0f".repeat(32)).getClass());
        assertThat(a.trust().describe()).contains("0f0f");
        assertThat(a.routingToken()).isEqualTo("tsv://x.1.Pool");
        assertThat(a.clientName()).isEqualTo("kiosk-7");
        assertThat(a.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(a.username()).isEqualTo("u");
        assertThat(a.domain()).isEqualTo("D");
        assertThat(a.password()).containsExactly('p', 'w');
        assertThat(a.width()).isEqualTo(1280);
        assertThat(a.height()).isEqualTo(1024);
        assertThat(a.colorDepth()).isEqualTo(24);
        assertThat(a.keyboardLayout()).isEqualTo(0x407);
        assertThat(a.toString()).doesNotContain("pw");
        RdpClientConfig b = RdpClientMapping.toClientConfig(c, c.connection().hosts().get(1), pw, 800, 600);
        assertThat(b.port()).isEqualTo(3390);
    }

    @Test
    void desktopFollowsTheDisplayWhenSizeIsZero() {
        AgentConfig c = parse("{\"connection\": {\"hosts\": [\"h\"], \"security\": \"tls\"}}");
        RdpClientConfig r = RdpClientMapping.toClientConfig(c, c.connection().hosts().get(0), "", "", new char[0], 1366, 768);
        assertThat(r.width()).isEqualTo(1366);
        assertThat(r.height()).isEqualTo(768);
        assertThat(r.security()).isEqualTo(RdpClientConfig.Security.TLS);
        assertThat(r.trust().describe()).isEqualTo("system trust store");
        assertThat(r.routingToken()).isNull();
    }

    @Test
    void caFileIsReadAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        TlsMaterial.Authority ca = TlsMaterial.newAuthority("Porthole test CA");
        Path pem = dir.resolve("ca.pem");
        ca.writeCertificatePem(pem);
        CertificateTrust t = RdpClientMapping.trust(AgentConfig.Trust.ca(pem));
        assertThat(((CertificateTrust.CustomAuthorities) t).anchors()).containsExactly(ca.certificate());
        // a server certificate from that CA passes, a self-signed one does not
        var issued = ca.issueServer("rds.example", List.of("rds.example"), List.of());
        t.trustManager().checkServerTrusted(issued.chain().toArray(new X509Certificate[0]), "RSA");
        var stranger = TlsMaterial.selfSignedServer("rds.example", List.of("rds.example"), List.of());
        assertThatThrownBy(() -> t.trustManager().checkServerTrusted(
                stranger.chain().toArray(new X509Certificate[0]), "RSA")).isInstanceOf(CertificateException.class);

        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "hello");
        assertThatThrownBy(() -> RdpClientMapping.trust(AgentConfig.Trust.ca(junk)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connection.trust.caFile");
        assertThatThrownBy(() -> RdpClientMapping.trust(AgentConfig.Trust.ca(dir.resolve("none.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
        assertThat(RdpClientMapping.trust(AgentConfig.Trust.labAcceptAny()).describe()).containsIgnoringCase("lab");
    }
}
