package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The README's main command, run in-process against a real session host it starts itself. */
class DemoCommandTest {

    @Test
    void demoBootsIntoTheSessionOnAHeadlessDisplay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"demo", "--skip-install", "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .containsPattern("session host listening on 127\\.0\\.0\\.1:\\d+")
                .contains("CHANNELS_JOINED")
                .contains("session active over HYBRID")
                .contains("first frame presented on the headless display")
                .contains("session host stopped");
        assertThat(dir.resolve("porthole-demo.png")).exists();
        assertThat(dir.resolve("server-capture.png")).exists();
        java.awt.image.BufferedImage shown = javax.imageio.ImageIO.read(dir.resolve("porthole-demo.png").toFile());
        java.awt.image.BufferedImage truth = javax.imageio.ImageIO.read(dir.resolve("server-capture.png").toFile());
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
    void negativeHoldIsAUsageError() {
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"demo", "--hold", "-1"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--hold must be 0..86400");
    }
}
