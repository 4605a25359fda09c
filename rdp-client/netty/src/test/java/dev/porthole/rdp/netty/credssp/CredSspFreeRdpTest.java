package dev.porthole.rdp.netty.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.credssp.CredSspClient;
import dev.porthole.rdp.protocol.credssp.PasswordCredentials;
import dev.porthole.rdp.protocol.credssp.TlsBinding;
import dev.porthole.rdp.protocol.ntlm.WindowsFileTime;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Porthole's CredSSP/NTLMv2 client against the real FreeRDP shadow server, which checks NLA
 * credentials against a SAM file made by winpr-hash: X.224 (HYBRID) → TLS (pinned certificate) →
 * CredSSP with channel bindings and the version 5/6 public-key hash.
 */
@ExtendWith(FreeRdpShadowExtension.class)
class CredSspFreeRdpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the exchange negotiated. */
    record Outcome(int selectedProtocol, int credSspVersion) {}

    private static Outcome authenticate(FreeRdpShadowServer server, int requested, String user, String password) throws Exception {
        try (NlaConnection nla = new NlaConnection(TIMEOUT)) {
            int selected = nla.connect(server.host(), server.port(), requested, CertificateTrust.pinned(server.certificateSha256()));
            TlsBinding binding = TlsBinding.ofCertificate(nla.serverCertificate().getEncoded());
            CredSspClient client = new CredSspClient(new PasswordCredentials(user, server.domain(), password.toCharArray()), binding,
                    selected, server.host(), RANDOM::nextBytes, WindowsFileTime.fromUnixMillis(System.currentTimeMillis()));
            nla.runCredSsp(client);
            assertThat(client.state()).isEqualTo(CredSspClient.State.DONE);
            // Accepted credentials leave the server waiting for the MCS Connect Initial; rejected ones close the connection.
            assertThat(nla.closedWithin(Duration.ofSeconds(1))).as("server closed the connection after CredSSP").isFalse();
            return new Outcome(selected, client.negotiatedVersion());
        }
    }

    @Test
    void rightPasswordCompletesCredSsp(FreeRdpShadowServer server) throws Exception {
        Outcome o = authenticate(server, SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID, server.username(), server.password());
        assertThat(o.selectedProtocol()).isEqualTo(SecurityProtocols.PROTOCOL_HYBRID);
        assertThat(o.credSspVersion()).as("FreeRDP speaks CredSSP 6: nonce-hashed public key binding").isEqualTo(6);
    }

    @Test
    void rightPasswordCompletesCredSspWithHybridExOffered(FreeRdpShadowServer server) throws Exception {
        Outcome o = authenticate(server, SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID | SecurityProtocols.PROTOCOL_HYBRID_EX,
                server.username(), server.password());
        // FreeRDP's shadow server does not implement HYBRID_EX; whichever it selects, CredSSP must complete.
        assertThat(o.selectedProtocol()).isIn(SecurityProtocols.PROTOCOL_HYBRID, SecurityProtocols.PROTOCOL_HYBRID_EX);
    }

    @Test
    void wrongPasswordIsAnAuthenticationError(FreeRdpShadowServer server) {
        assertThatThrownBy(() -> authenticate(server, SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID,
                server.username(), server.password() + "x"))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION))
                .hasMessageStartingWith("the server rejected the user name or password")
                .hasMessageNotContaining(server.password());
    }

    @Test
    void unknownUserIsAnAuthenticationError(FreeRdpShadowServer server) {
        assertThatThrownBy(() -> authenticate(server, SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID,
                "nobody" + server.username(), server.password()))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION));
    }
}
