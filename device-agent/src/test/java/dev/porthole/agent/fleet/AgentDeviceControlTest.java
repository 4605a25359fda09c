package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands' device side that does not need a session: logs, log level, screenshot, reboot. */
class AgentDeviceControlTest {

    @TempDir
    Path dir;

    @Test
    void logsScreenshotAndLogLevel() throws Exception {
        Path log = dir.resolve("porthole.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text, StandardCharsets.UTF_8);
        byte[][] png = {new byte[0]};
        AgentDeviceControl c = new AgentDeviceControl(null, () -> png[0], log, dir.resolve("state").resolve("log-level"),
                () -> { });

        String tail = new String(c.logTail(40), StandardCharsets.UTF_8);
        assertThat(tail).endsWith("line 199\n").startsWith("line ").doesNotContain("line 19\n");
        assertThat(tail.length()).isLessThanOrEqualTo(40);

        assertThatThrownBy(c::screenshotPng).hasMessageContaining("nothing is on the display");
        png[0] = new byte[] {(byte) 0x89, 'P', 'N', 'G'};
        assertThat(c.screenshotPng()).isEqualTo(png[0]);

        assertThatThrownBy(() -> c.setLogLevel("loud")).hasMessageContaining("'loud'");
        c.setLogLevel("DEBUG");
        assertThat(AgentDeviceControl.storedLevel(dir.resolve("state").resolve("log-level"), "warn")).isEqualTo("debug");
        assertThat(AgentDeviceControl.storedLevel(dir.resolve("absent"), "warn")).isEqualTo("warn");
    }
}
