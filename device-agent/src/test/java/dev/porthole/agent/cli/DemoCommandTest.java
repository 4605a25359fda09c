package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The README's main command, run in-process against the real session hosts it starts itself. */
class DemoCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xrdp, TLS", "freerdp, HYBRID"})
    void demoBootsTheAgentIntoTheSessionOnAHeadlessDisplay(String host, String protocol, @TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"demo", "--skip-install", "--host", host, "--display", "headless",
                "--out", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .containsPattern("session host listening on 127\\.0\\.0\\.1:\\d+")
                .containsPattern("kiosk password encrypted in .*state")
                .containsPattern("run: state IN_SESSION")
                .containsPattern("boot to first frame: \\d+ ms")
                .contains("first frame presented on the headless display")
                .containsPattern("watch it live at http://127\\.0\\.0\\.1:\\d+/")
                .contains("session host stopped");
        assertThat(out.toString()).as("the password never reaches the output").doesNotContain("\"password\"");
        BufferedImage shown = ImageIO.read(dir.resolve("porthole-demo.png").toFile());
        BufferedImage truth = ImageIO.read(dir.resolve("server-capture.png").toFile());
        long equal = 0;
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                if ((shown.getRGB(x, y) & 0xFFFFFF) == (truth.getRGB(x, y) & 0xFFFFFF)) {
                    equal++;
                }
            }
        }
        assertThat(100.0 * equal / ((long) truth.getWidth() * truth.getHeight()))
                .as("%% of the presented frame equal to the server's capture").isGreaterThanOrEqualTo(99.5);
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOption() {
        for (String[] args : new String[][] {{"demo", "--hold", "-1"}, {"demo", "--host", "vnc"}, {"demo", "--display", "drm"}}) {
            StringWriter err = new StringWriter();
            int status = PortholeCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(status).isEqualTo(2);
            assertThat(err.toString()).contains(args[1] + " must be");
        }
    }
}
