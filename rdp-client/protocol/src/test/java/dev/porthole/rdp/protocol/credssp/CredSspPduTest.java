package dev.porthole.rdp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** TSRequest/TSCredentials DER against annotated vectors, malformed encodings, framing, and the status messages. */
class CredSspPduTest {

    static final byte[] ALL_FIELDS = HexVectors.load("/vectors/ms-cssp/2.2.1-tsrequest-all-fields.hex");
    static final byte[] SMART_CARD = HexVectors.load("/vectors/ms-cssp/4-tscredentials-smartcard.hex");

    static void malformed(byte[] der, String field) {
        assertThatThrownBy(() -> TsRequest.decode(der))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining(field);
    }

    @Test
    void decodesAndReencodesEveryTsRequestField() {
        TsRequest r = TsRequest.decode(ALL_FIELDS);
        assertThat(r.version()).isEqualTo(6);
        assertThat(r.negoTokens()).hasSize(2);
        assertThat(r.negoTokens().get(0)).isEqualTo("NTLM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(r.negoTokens().get(1)).isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd});
        assertThat(r.authInfo()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(r.pubKeyAuth()).isEqualTo(new byte[] {(byte) 0xff, 0});
        assertThat(r.errorCode()).isEqualTo(0xC000006D);
        assertThat(r.clientNonce()).hasSize(32).startsWith(0, 1, 2);
        assertThat(r.toDer()).isEqualTo(ALL_FIELDS);
        assertThat(r.size()).isEqualTo(ALL_FIELDS.length);
    }

    @Test
    void errorCodeIsAcceptedInTheUnsignedSpellingToo() {
        byte[] unsigned = HexFormat.of().parseHex("300ea003020103a407020500c000006d");
        assertThat(TsRequest.decode(unsigned).errorCode()).isEqualTo(0xC000006D);
        malformed(HexFormat.of().parseHex("300ea003020103a407020501c000006d"), "errorCode: 7516192877 does not fit 32 bits");
    }

    @Test
    void decodesTheSpecTsCredentialsExampleByteForByte() {
        TsCredentials c = TsCredentials.decode(SMART_CARD);
        assertThat(c.credType()).isEqualTo(TsCredentials.SMART_CARD);
        assertThat(c.credentials()).hasSize(258);
        assertThat(c.toDer()).isEqualTo(SMART_CARD);
        assertThat(c.toString()).doesNotContain("62").contains("redacted");
    }

    @Test
    void tsPasswordCredsAreUtf16() {
        TsPasswordCreds p = TsPasswordCreds.of("DOM", "user", "pw".toCharArray());
        byte[] der = p.toDer();
        assertThat(der).isEqualTo(HexFormat.of().parseHex(
                "301e" + "a0080406" + "44004f004d00" + "a10a0408" + "7500730065007200" + "a2060404" + "70007700"));
        TsPasswordCreds back = TsPasswordCreds.decode(der);
        assertThat(back.domainName()).isEqualTo("DOM");
        assertThat(back.userName()).isEqualTo("user");
        assertThat(back.passwordEquals("pw".toCharArray())).isTrue();
        assertThat(back.passwordEquals("pW".toCharArray())).isFalse();
        back.wipe();
        assertThat(back.password()).containsOnly(0);
    }

    @Test
    void structureErrorsNameTheField() {
        malformed(HexFormat.of().parseHex("3004a1023000"), "version: is missing");
        malformed(HexFormat.of().parseHex("3005a0030401ff"), "version: is not an explicitly tagged INTEGER");
        malformed(HexFormat.of().parseHex("3009a003020106a6023000"), "[6]: is not a field of TSRequest");
        malformed(HexFormat.of().parseHex("300aa003020106a003020106"), "[0]: is out of order or repeated");
        malformed(HexFormat.of().parseHex("300aa003020106a203020101"), "authInfo: is not an explicitly tagged OCTET STRING");
        malformed(HexFormat.of().parseHex("3009a003020106a5020400"), "clientNonce: must be 32 bytes");
        malformed(HexFormat.of().parseHex("3005a003020180"), "version: -128 is out of range");
        malformed(HexFormat.of().parseHex("300ba003020106a1043002" + "0400"), "negoTokens[0]");
        malformed(HexFormat.of().parseHex("3003020106"), "not a context-tagged field");
    }

    @Test
    void encodingErrorsAreMalformed() {
        malformed(HexFormat.of().parseHex("3080a003020106"), "indefinite length");
        malformed(HexFormat.of().parseHex("3006a003020106"), "length 6 at offset 0 runs past");
        malformed(HexFormat.of().parseHex("3005a003020206"), "runs past its container");
        malformed(HexFormat.of().parseHex("3005a00302010600"), "1 bytes after the structure");
        malformed(HexFormat.of().parseHex("3006a00402020006"), "TSRequest"); // non-minimal INTEGER
        byte[] deep = new byte[2 * 40];
        for (int i = 0; i < 40; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = (byte) (deep.length - 2 * i - 2);
        }
        malformed(deep, "nested deeper than");
        malformed(HexFormat.of().parseHex("0403010203"), "TSRequest.encoding: is not a SEQUENCE");
    }

    @Test
    void peekLengthFramesTsRequestsInAStream() {
        ByteBuf buf = Unpooled.buffer();
        try {
            assertThat(TsRequest.peekLength(buf)).isEqualTo(-1);
            buf.writeBytes(ALL_FIELDS, 0, 1);
            assertThat(TsRequest.peekLength(buf)).isEqualTo(-1);
            buf.writeBytes(ALL_FIELDS, 1, ALL_FIELDS.length - 1);
            buf.writeBytes(ALL_FIELDS);
            assertThat(TsRequest.peekLength(buf)).isEqualTo(ALL_FIELDS.length);
            assertThat(TsRequest.decode(buf)).isEqualTo(TsRequest.decode(ALL_FIELDS));
            assertThat(buf.readableBytes()).isEqualTo(ALL_FIELDS.length);
            buf.clear().writeBytes(HexFormat.of().parseHex("3082"));
            assertThat(TsRequest.peekLength(buf)).isEqualTo(-1);
            buf.writeBytes(HexFormat.of().parseHex("0100"));
            assertThat(TsRequest.peekLength(buf)).isEqualTo(4 + 256);
            buf.clear().writeBytes(HexFormat.of().parseHex("3084000000ff"));
            assertThatThrownBy(() -> TsRequest.peekLength(buf)).hasMessageContaining("length octets exceed");
            buf.clear().writeBytes(HexFormat.of().parseHex("3083200000"));
            assertThatThrownBy(() -> TsRequest.peekLength(buf)).hasMessageContaining("exceed the 1048576-byte limit");
        } finally {
            buf.release();
        }
    }

    @Test
    void toStringShowsLengthsNotContent() {
        TsRequest r = new TsRequest(6, List.of(new byte[] {1, 2}), "secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null, null, null);
        assertThat(r.toString()).contains("authInfo=6 bytes").doesNotContain("736563");
    }

    @Test
    void earlyUserAuthorizationResult() {
        assertThat(HexVectors.encode(new EarlyUserAuthorizationResult(EarlyUserAuthorizationResult.AUTHZ_ACCESS_DENIED)::encode))
                .isEqualTo(new byte[] {5, 0, 0, 0});
        new EarlyUserAuthorizationResult(0).requireSuccess();
        assertThatThrownBy(() -> new EarlyUserAuthorizationResult(7).requireSuccess())
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("authorizationResult: 0x00000007");
    }

    @Test
    void ntStatusMessagesAreHumanFirst() {
        RdpException logon = NtStatus.toException(0xC000006D);
        assertThat(logon.kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
        assertThat(logon.getMessage()).isEqualTo("the server rejected the user name or password (TSRequest.errorCode STATUS_LOGON_FAILURE (0xC000006D))");
        assertThat(NtStatus.toException(0xC0000071).getMessage()).startsWith("the password has expired");
        assertThat(NtStatus.toException(0xC0000234).getMessage()).startsWith("the account is locked out");
        assertThat(NtStatus.toException(0xC00000BB).kind()).isEqualTo(RdpException.Kind.UNSUPPORTED);
        assertThat(NtStatus.toException(0x12345678).getMessage()).contains("0x12345678").contains("errorCode");
        assertThat(NtStatus.name(0xC0000072)).isEqualTo("STATUS_ACCOUNT_DISABLED (0xC0000072)");
    }

    @Test
    void tlsBindingTakesTheBitStringContent() {
        byte[] cert = CredSspExchangeTest.CERT;
        TlsBinding b = TlsBinding.ofCertificate(cert);
        byte[] spk = CredSspTestAcceptor.subjectPublicKeyViaJdk(cert);
        assertThat(b.subjectPublicKey()).isEqualTo(spk);
        assertThat(b.subjectPublicKey()[0]).isEqualTo((byte) 0x30); // RSAPublicKey SEQUENCE
        assertThat(b.channelBindings()).isNotNull();
        java.security.cert.X509Certificate x509 = jdk(cert);
        assertThat(TlsBinding.ofSubjectPublicKeyInfo(x509.getPublicKey().getEncoded()).subjectPublicKey()).isEqualTo(spk);
        assertThatThrownBy(() -> TlsBinding.ofCertificate(Arrays.copyOf(cert, 20)))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST));
    }

    static java.security.cert.X509Certificate jdk(byte[] der) {
        try {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
