package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.status.AgentStatus;
import dev.porthole.agent.status.StatusFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code porthole run} as a process: usage errors, and SIGTERM shuts it down cleanly. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void badDisplayIsAUsageError() {
        StringWriter err = new StringWriter();
        int status = PortholeCli.run(new String[] {"run", "--display", "vga", "--state-dir", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--display must be one of auto, drm, fbdev, window, headless, got 'vga'");
    }

    @Test
    void sigtermClosesTheAgentCleanly() throws Exception {
        // a host nobody listens on: the agent keeps reconnecting until it is told to stop
        Path config = Files.writeString(dir.resolve("porthole.json"), """
                {"schema": 1, "connection": {"hosts": ["127.0.0.1:9"], "security": "nla"},
                 "credentials": {"mode": "interactive", "username": "alice"}, "desktop": {"width": 640, "height": 480}}
                """);
        Path state = dir.resolve("state");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PortholeCli.class.getName(), "run", "--config", config.toString(), "--display", "headless", "--input", "none",
                "--state-dir", state.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            StatusFile statusFile = StatusFile.of(new StateDirectory(state));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            AgentStatus s = null;
            while (System.nanoTime() < deadline) {
                s = statusFile.read().orElse(null);
                if (s != null && s.state().equals("sign_in")) {
                    break;
                }
                assertThat(p.isAlive()).as("agent still running: %s", read(dir.resolve("out.txt"))).isTrue();
                Thread.sleep(50);
            }
            assertThat(s).as("status file reached sign_in: %s", read(dir.resolve("out.txt"))).isNotNull();
            assertThat(s.state()).isEqualTo("sign_in");
            p.toHandle().destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the agent exited after SIGTERM").isTrue();
            String out = read(dir.resolve("out.txt"));
            assertThat(out).contains("run: shutting down", "run: state SHUTTING_DOWN", "run: state STOPPED", "run: stopped");
            assertThat(statusFile.read().orElseThrow().state()).isEqualTo("stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
