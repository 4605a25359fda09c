package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.status.AgentStatus;
import dev.porthole.agent.status.StatusFile;

class StatusCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private AgentStatus write(long pid, Instant updated) {
        AgentStatus s = new AgentStatus(pid, updated.minusSeconds(3725), updated, "IN_SESSION", "", "rds1:3389", 2,
                "file", "drm", "1920x1080", List.of("event0 keyboard"));
        StatusFile.of(new StateDirectory(dir)).write(s);
        return s;
    }

    @Test
    void noStatusFileMeansNotRunning() {
        assertThat(run("status", "--state-dir", dir.toString())).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(out.toString()).contains("porthole agent: not running (no status file " + dir.resolve("status.json"));
    }

    @Test
    void liveAgentIsShown() {
        // this test JVM plays the agent: its pid is alive and the status was just written
        write(ProcessHandle.current().pid(), Instant.now());
        assertThat(run("status", "--state-dir", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("porthole agent: running (pid " + ProcessHandle.current().pid() + ")")
                .contains("state:        IN_SESSION").contains("host:         rds1:3389")
                .contains("uptime:       1h02m (at last update)").contains("reconnects:   2")
                .contains("display:      drm 1920x1080").contains("input:        event0 keyboard");
    }

    @Test
    void staleStatusOfALiveProcessIsFlagged() {
        write(ProcessHandle.current().pid(), Instant.now().minus(StatusFile.STALE_AFTER).minusSeconds(60));
        assertThat(run("status", "--state-dir", dir.toString())).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(out.toString()).contains("porthole agent: STALE");
    }

    @Test
    void goneProcessIsNotRunningAndJsonSaysSo() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        write(deadPid, Instant.now());
        assertThat(run("status", "--state-dir", dir.toString(), "--json")).isEqualTo(StatusCommand.NOT_RUNNING);
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertThat(n.get("liveness").asText()).isEqualTo("not-running");
        assertThat(n.get("pid").asLong()).isEqualTo(deadPid);
        assertThat(n.get("uptimeSeconds").asLong()).isEqualTo(3725);
        assertThat(n.get("inputDevices").get(0).asText()).isEqualTo("event0 keyboard");
    }
}
