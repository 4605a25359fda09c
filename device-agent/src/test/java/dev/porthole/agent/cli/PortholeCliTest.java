package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class PortholeCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheSubCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: porthole").contains("version").contains("--log-level");
    }

    @Test
    void versionPrintsTheBuildVersionAndRuntime() {
        assertThat(run("version")).isZero();
        assertThat(out.toString())
                .startsWith("porthole " + PortholeCli.version())
                .contains("java " + Runtime.version());
        assertThat(PortholeCli.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void unknownOptionIsAUsageErrorNamingTheOption() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("--frobnicate");
    }

    @Test
    void badLogLevelIsRejectedWithTheAllowedValues() {
        assertThat(run("--log-level", "loud", "version")).isEqualTo(1);
        assertThat(err.toString()).contains("'loud'").contains("trace, debug, info, warn, error, off");
    }
}
