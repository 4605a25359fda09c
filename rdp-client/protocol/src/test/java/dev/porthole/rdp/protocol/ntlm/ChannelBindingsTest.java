package dev.porthole.rdp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.porthole.rdp.protocol.RdpException;
import org.junit.jupiter.api.Test;

/**
 * tls-server-end-point (RFC 5929 section 4.1) inside gss_channel_bindings_struct (RFC 2744 3.11,
 * hashed as RFC 4121 4.1.1.2 lays it out), checked against an independent layout and the JDK's digests.
 */
class ChannelBindingsTest {

    static byte[] expectedStruct(byte[] certificateHash) throws Exception {
        byte[] app = TestBytes.concat("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII), certificateHash);
        return ByteBuffer.allocate(20 + app.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0).putInt(0).putInt(0).putInt(0).putInt(app.length).put(app).array();
    }

    @Test
    void sha256RsaCertificateUsesSha256() throws Exception {
        byte[] cert = TestCertificates.selfSigned(TestCertificates.rsaKey(), "SHA256withRSA", "rsa256");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert);
        assertThat(ChannelBindings.certificateHash(cert)).isEqualTo(hash);
        assertThat(ChannelBindings.tlsServerEndPoint(cert)).isEqualTo(expectedStruct(hash));
        assertThat(ChannelBindings.hash(ChannelBindings.tlsServerEndPoint(cert)))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(expectedStruct(hash)));
    }

    @Test
    void sha1SignedCertificateIsHashedWithSha256() throws Exception {
        byte[] cert = TestCertificates.selfSigned(TestCertificates.rsaKey(), "SHA1withRSA", "rsa1");
        assertThat(ChannelBindings.certificateHash(cert)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(cert));
    }

    @Test
    void sha384EcdsaCertificateUsesSha384() throws Exception {
        byte[] cert = TestCertificates.selfSigned(TestCertificates.ecKey(), "SHA384withECDSA", "ec384");
        assertThat(ChannelBindings.certificateHash(cert)).hasSize(48).isEqualTo(MessageDigest.getInstance("SHA-384").digest(cert));
    }

    @Test
    void sha512RsaCertificateUsesSha512() throws Exception {
        byte[] cert = TestCertificates.selfSigned(TestCertificates.rsaKey(), "SHA512withRSA", "rsa512");
        assertThat(ChannelBindings.certificateHash(cert)).isEqualTo(MessageDigest.getInstance("SHA-512").digest(cert));
    }

    @Test
    void noBindingsHashToZero() {
        assertThat(ChannelBindings.hash(null)).isEqualTo(new byte[16]);
    }

    @Test
    void garbageIsNotACertificate() {
        assertThatThrownBy(() -> ChannelBindings.certificateHash(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST));
    }
}
