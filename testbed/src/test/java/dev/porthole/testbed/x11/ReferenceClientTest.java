package dev.porthole.testbed.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The xfreerdp command lines of the reference client; sessions against real servers are in the peer tests. */
class ReferenceClientTest {

    private static final String SHA = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
    private static final String COLON_SHA = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:"
            + "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";

    @Test
    void fingerprintsAreWrittenAsColonSeparatedPairsForXfreerdp211() {
        assertThat(ReferenceClient.colonHex(SHA)).isEqualTo(COLON_SHA);
        assertThat(ReferenceClient.colonHex(COLON_SHA.toUpperCase())).isEqualTo(COLON_SHA);
        assertThatThrownBy(() -> ReferenceClient.colonHex("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceClient.colonHex(SHA.replace('0', 'g'))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionCommandCarriesSizeDepthPinAndExtraArguments() {
        ReferenceClient.Builder b = ReferenceClient.builder("127.0.0.1", 3389)
                .credentials("user", "secret")
                .domain("dom")
                .certificateSha256(SHA)
                .size(800, 600)
                .bpp(16)
                .arguments("/sec:tls", "/gfx");
        List<String> cmd = b.command(false);
        assertThat(cmd.getFirst()).endsWith("/xfreerdp");
        assertThat(cmd).containsSubsequence("/v:127.0.0.1:3389", "/u:user", "/p:secret", "/d:dom",
                "/cert:fingerprint:sha256:" + COLON_SHA, "/size:800x600", "/bpp:16", "-grab-keyboard", "/sec:tls", "/gfx");
        assertThat(cmd).doesNotContain("+auth-only").endsWith("/sec:tls", "/gfx");
        assertThat(b.toString()).doesNotContain("secret").contains("dom\\user@127.0.0.1:3389");
    }

    @Test
    void authOnlyCommandHasNoSessionOptionsAndIgnoresTheCertificateUnlessPinned() {
        List<String> cmd = ReferenceClient.builder("127.0.0.1", 3389).credentials("u", "p").arguments("/sec:nla")
                .command(true);
        assertThat(cmd).contains("+auth-only", "/cert:ignore").endsWith("/sec:nla");
        assertThat(cmd).noneMatch(a -> a.startsWith("/size:") || a.startsWith("/bpp:") || a.startsWith("/d:"));
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> ReferenceClient.builder("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceClient.builder("127.0.0.1", 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
