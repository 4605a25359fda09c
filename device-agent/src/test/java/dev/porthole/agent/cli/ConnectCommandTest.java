package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code porthole connect} in-process against the real FreeRDP shadow server (NLA), and its argument errors. */
@ExtendWith(FreeRdpShadowExtension.class)
class ConnectCommandTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Path passwordFile(Path dir, String password) throws Exception {
        Path f = dir.resolve("password");
        Files.writeString(f, password + "\n");
        return f;
    }

    @Test
    void connectsPrintsMilestonesAndWritesTheRenderedDesktop(FreeRdpShadowServer host, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("out.png");
        Run r = run("connect", "--host", host.host(), "--port", String.valueOf(host.port()), "--user", host.username(),
                "--domain", host.domain(), "--password-file", passwordFile(dir, host.password()).toString(),
                "--security", "nla", "--trust-fingerprint", host.certificateSha256(), "--size", "1024x768", "--bpp", "32",
                "--screenshot", png.toString());
        assertThat(r.status()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("connect: +\\d+ ms  NEGOTIATED +HYBRID")
                .containsPattern("connect: +\\d+ ms  ACTIVE")
                .containsPattern("connect: +\\d+ ms  connected: HYBRID, 1024x768 at 32 bpp")
                .containsPattern("connect: +\\d+ ms  first frame: ")
                .contains("screenshot: " + png.toAbsolutePath() + " (786432 of 786432 pixels painted)");
        BufferedImage shown = ImageIO.read(png.toFile());
        BufferedImage truth = ImageIO.read(host.captureDisplay(dir.resolve("truth.png")).toFile());
        assertThat(shown.getWidth()).isEqualTo(1024);
        assertThat(shown.getHeight()).isEqualTo(768);
        long equal = 0;
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                if ((shown.getRGB(x, y) & 0xFFFFFF) == (truth.getRGB(x, y) & 0xFFFFFF)) {
                    equal++;
                }
            }
        }
        assertThat(100.0 * equal / ((long) truth.getWidth() * truth.getHeight()))
                .as("%% of the screenshot equal to the server's capture").isGreaterThanOrEqualTo(99.5);
    }

    @Test
    void aWrongPasswordFailsWithTheServersVerdict(FreeRdpShadowServer host, @TempDir Path dir) throws Exception {
        Run r = run("connect", "--host", host.host(), "--port", String.valueOf(host.port()), "--user", host.username(),
                "--domain", host.domain(), "--password-file", passwordFile(dir, "wrong-" + host.password()).toString(),
                "--security", "nla", "--trust-fingerprint", host.certificateSha256(), "--screenshot",
                dir.resolve("x.png").toString());
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("connect: failed: AUTHENTICATION");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void argumentErrorsNameTheArgument(@TempDir Path dir) throws Exception {
        String png = dir.resolve("o.png").toString();
        Run missing = run("connect", "--host", "127.0.0.1", "--password-file", dir.resolve("nope").toString(),
                "--screenshot", png);
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--password-file " + dir.resolve("nope") + " cannot be read: no such file");

        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThat(run("connect", "--host", "h", "--password-file", empty.toString(), "--screenshot", png).err())
                .contains("--password-file " + empty + " is empty");
        assertThat(run("connect", "--host", "h", "--size", "1024*768", "--screenshot", png).err())
                .contains("--size 1024*768 is not WIDTHxHEIGHT");
        assertThat(run("connect", "--host", "h", "--size", "10x10", "--screenshot", png).err())
                .contains("--size 10x10: desktop 10x10 outside 200..8192");
        assertThat(run("connect", "--host", "h", "--bpp", "8", "--screenshot", png).err()).contains("--bpp 8 is not 16, 24 or 32");
        assertThat(run("connect", "--host", "h", "--security", "rdp", "--screenshot", png).err())
                .contains("--security rdp is not tls, nla or auto");
        assertThat(run("connect", "--host", "h", "--trust-fingerprint", "abc", "--screenshot", png).err())
                .contains("--trust-fingerprint: pinned fingerprint must be 64 hex digits");
        assertThat(run("connect", "--host", "h", "--port", "0", "--screenshot", png).err()).contains("--port 0 is outside 1..65535");
        assertThat(run("connect", "--host", "h", "--screenshot", dir.resolve("no/such/dir/o.png").toString()).err())
                .contains("--screenshot").contains("does not exist");
        Run noHost = run("connect", "--screenshot", png);
        assertThat(noHost.status()).isEqualTo(2);
        assertThat(noHost.err()).contains("--host");
    }
}
