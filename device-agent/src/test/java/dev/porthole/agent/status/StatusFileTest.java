package dev.porthole.agent.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.status.StatusFile.Liveness;

class StatusFileTest {

    static final Instant START = Instant.parse("2026-11-22T05:00:00Z");

    static AgentStatus sample(long pid) {
        return new AgentStatus(pid, START, START.plusSeconds(3725), "IN_SESSION", "", "rds1.example.com:3389", 2,
                "file", "drm", "1920x1080", List.of("event0 AT Translated Set 2 keyboard", "event3 USB Mouse"));
    }

    @Test
    void writesCrashSafelyAndReadsBack(@TempDir Path dir) throws Exception {
        StatusFile f = StatusFile.of(new StateDirectory(dir.resolve("state")));
        assertThat(f.read()).isEmpty();
        AgentStatus s = sample(4242);
        f.write(s);
        assertThat(f.read()).contains(s);
        assertThat(s.uptime()).isEqualTo(Duration.ofSeconds(3725));
        String json = Files.readString(f.path());
        assertThat(json).contains("\"uptimeSeconds\" : 3725").contains("\"state\" : \"IN_SESSION\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-r--r--");
        // no temporary file left behind
        try (var files = Files.list(f.path().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("status.json");
        }
        f.write(s.withState("RECONNECTING", "server closed the connection", START.plusSeconds(4000)).withReconnects(3,
                START.plusSeconds(4000)));
        assertThat(f.read().orElseThrow().state()).isEqualTo("RECONNECTING");
        assertThat(f.read().orElseThrow().reconnects()).isEqualTo(3);
    }

    @Test
    void livenessFollowsThePidAndTheAge() {
        AgentStatus s = sample(77);
        Instant fresh = s.updatedAt().plusSeconds(10);
        Instant old = s.updatedAt().plus(StatusFile.STALE_AFTER).plusSeconds(1);
        assertThat(StatusFile.inspect(s, fresh, pid -> true)).isEqualTo(Liveness.RUNNING);
        assertThat(StatusFile.inspect(s, old, pid -> true)).isEqualTo(Liveness.STALE);
        assertThat(StatusFile.inspect(s, fresh, pid -> false)).isEqualTo(Liveness.NOT_RUNNING);
        assertThat(StatusFile.processAlive(ProcessHandle.current().pid())).isTrue();
    }

    @Test
    void malformedStatusIsAClearError() {
        assertThatThrownBy(() -> StatusFile.parse("{".getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("s.json is not valid JSON");
        assertThatThrownBy(() -> StatusFile.parse("{\"pid\": 1, \"x\": 2}".getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("unknown field 'x'");
        assertThatThrownBy(() -> StatusFile.parse(("{\"pid\": 1, \"startedAt\": \"yesterday\", \"updatedAt\": \"x\","
                + " \"state\": \"A\"}").getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("startedAt 'yesterday' is not an ISO-8601 instant");
        assertThatThrownBy(() -> StatusFile.parse(("{\"pid\": -3, \"startedAt\": \"2026-01-01T00:00:00Z\","
                + " \"updatedAt\": \"2026-01-01T00:00:00Z\", \"state\": \"A\"}").getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("pid: -3 is not a process id");
    }
}
