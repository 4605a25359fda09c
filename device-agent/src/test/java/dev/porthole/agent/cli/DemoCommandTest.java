package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The README's main command, run in-process against a real xrdp it starts itself. */
class DemoCommandTest {

    @Test
    void demoBringsUpXrdpAndConnectsThroughTheImplementedPhases() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"demo", "--skip-install"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .containsPattern("xrdp listening on 127\\.0\\.0\\.1:\\d+")
                .contains("CHANNELS_JOINED")
                .contains("reached the secure settings exchange phase over SSL")
                .contains("session host stopped");
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
