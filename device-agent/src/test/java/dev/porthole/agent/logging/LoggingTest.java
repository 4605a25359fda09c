package dev.porthole.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {

    @Test
    void agentLogsGoToARollingFileInTheStateDirectoryWithTags(@TempDir Path state) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoggingProbe.class.getName(), state.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String console = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(console).isZero();

        Path log = state.resolve("logs/porthole.0.log");
        assertThat(log).exists();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT.* INFO  \\[rdp\\] session=7 milestone=connected host=127.0.0.1");
        assertThat(lines.get(1)).contains("WARN  [provisioning] broker unreachable attempt=3");
        assertThat(console).contains("[rdp] session=7").doesNotContain("hidden at info level");
    }

    @Test
    void agentFileIsSizeCappedWithBackups() {
        var p = Logging.agentProperties(Path.of("/state"), "debug");
        assertThat(p).containsEntry("writer2", "rolling file")
                .containsEntry("writer2.policies", "startup, size: " + Logging.FILE_SIZE)
                .containsEntry("writer2.backups", "5")
                .containsEntry("writer2.file", "/state/logs/porthole.{count}.log")
                .containsEntry("writer2.level", "debug");
    }

    @Test
    void unknownLevelIsRejected() {
        assertThatThrownBy(() -> Logging.cliProperties("chatty")).hasMessageContaining("'chatty'");
    }
}
