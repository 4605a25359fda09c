package dev.porthole.rdp.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.porthole.testbed.TlsMaterial;
import org.junit.jupiter.api.Test;

class CertificateTrustTest {

    private static final TlsMaterial.Issued SERVER =
            TlsMaterial.selfSignedServer("rdp.test", List.of("localhost"), List.of("127.0.0.1"));

    @Test
    void pinAcceptsExactlyTheMatchingCertificate() throws Exception {
        String pin = SERVER.sha256Fingerprint().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        CertificateTrust.pinned(pin).trustManager()
                .checkServerTrusted(new X509Certificate[] {SERVER.certificate()}, "RSA");
        assertThat(CertificateTrust.sha256(SERVER.certificate())).isEqualTo(SERVER.sha256Fingerprint());
    }

    @Test
    void pinMismatchShowsBothFingerprints() {
        TlsMaterial.Issued other = TlsMaterial.selfSignedServer("other", List.of(), List.of());
        assertThatThrownBy(() -> CertificateTrust.pinned(SERVER.sha256Fingerprint()).trustManager()
                .checkServerTrusted(new X509Certificate[] {other.certificate()}, "RSA"))
                .isInstanceOf(CertificateTrust.CertificateMismatchException.class)
                .hasMessageContaining(SERVER.sha256Fingerprint())
                .hasMessageContaining(other.sha256Fingerprint());
    }

    @Test
    void malformedPinIsRejectedUpFront() {
        assertThatThrownBy(() -> CertificateTrust.pinned("abc")).hasMessageContaining("64 hex digits");
    }

    @Test
    void customAuthorityAcceptsItsLeafAndRejectsStrangers() throws Exception {
        TlsMaterial.Authority ca = TlsMaterial.newAuthority("rdp test ca");
        TlsMaterial.Issued leaf = ca.issueServer("rdp", List.of("localhost"), List.of("127.0.0.1"));
        var tm = CertificateTrust.customAuthorities(List.of(ca.certificate())).trustManager();
        tm.checkServerTrusted(leaf.chain().toArray(X509Certificate[]::new), "RSA");
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {SERVER.certificate()}, "RSA"))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }

    @Test
    void systemTrustStoreRejectsASelfSignedCertificate() {
        assertThatThrownBy(() -> CertificateTrust.systemTrustStore().trustManager()
                .checkServerTrusted(new X509Certificate[] {SERVER.certificate()}, "RSA"))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }
}
