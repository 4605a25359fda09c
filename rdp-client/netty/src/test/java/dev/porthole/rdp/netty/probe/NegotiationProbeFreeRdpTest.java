package dev.porthole.rdp.netty.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Porthole's X.224 negotiation and TLS upgrade against the real FreeRDP shadow server (NLA required). */
@ExtendWith(FreeRdpShadowExtension.class)
class NegotiationProbeFreeRdpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void negotiatesHybridAndPresentsTheGeneratedCertificate(FreeRdpShadowServer server) {
        NegotiationProbe.Result r = NegotiationProbe.probe(server.host(), server.port(),
                SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID,
                CertificateTrust.pinned(server.certificateSha256()), TIMEOUT);
        assertThat(r.selectedProtocol()).isEqualTo(SecurityProtocols.PROTOCOL_HYBRID);
        assertThat(r.certificateSha256()).isEqualTo(server.certificateSha256());
        assertThat(r.tlsEstablished()).isGreaterThanOrEqualTo(r.negotiated());
    }

    @Test
    void tlsOnlyIsRefusedBecauseTheServerRequiresNla(FreeRdpShadowServer server) {
        assertThatThrownBy(() -> NegotiationProbe.probe(server.host(), server.port(), SecurityProtocols.PROTOCOL_SSL,
                CertificateTrust.pinned(server.certificateSha256()), TIMEOUT))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.NEGOTIATION))
                .hasMessageContaining("Network Level Authentication");
    }

    @Test
    void aCertificateThatDoesNotMatchThePinIsRefusedShowingBothFingerprints(FreeRdpShadowServer server) {
        String otherPin = TlsMaterial.selfSignedServer("not-the-server", java.util.List.of(), java.util.List.of())
                .sha256Fingerprint();
        assertThatThrownBy(() -> NegotiationProbe.probe(server.host(), server.port(),
                SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID, CertificateTrust.pinned(otherPin), TIMEOUT))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST))
                .hasMessageContaining(otherPin)
                .hasMessageContaining(server.certificateSha256());
    }

    @Test
    void aClosedPortIsATransportError() {
        int port = dev.porthole.testbed.Loopback.freePort();
        assertThatThrownBy(() -> NegotiationProbe.probe("127.0.0.1", port, SecurityProtocols.PROTOCOL_SSL,
                CertificateTrust.systemTrustStore(), TIMEOUT))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRANSPORT));
    }
}
