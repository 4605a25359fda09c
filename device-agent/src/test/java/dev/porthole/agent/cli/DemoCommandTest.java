package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The README's main command, run in-process against a real xrdp it starts itself. */
class DemoCommandTest {

    @Test
    void demoBootsIntoTheXrdpSessionOnAHeadlessDisplay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"demo", "--skip-install", "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .containsPattern("xrdp listening on 127\\.0\\.0\\.1:\\d+")
                .contains("CHANNELS_JOINED")
                .contains("session active over SSL")
                .contains("first frame presented on the headless display")
                .contains("session host stopped");
        assertThat(dir.resolve("porthole-demo.png")).exists();
        assertThat(dir.resolve("xrdp-server-capture.png")).exists();
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
