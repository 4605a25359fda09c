package dev.porthole.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code device-agent/packaging/porthole.service}: what the agent relies on, and {@code systemd-analyze verify}. */
class UnitFileTest {

    private static final Path UNIT = Path.of(System.getProperty("porthole.repo.root", ".."))
            .resolve("device-agent/packaging/porthole.service");

    @Test
    void unitIsANotifyServiceWithWatchdogAndRestart() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);
        assertThat(lines).contains("Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=always",
                "StartLimitIntervalSec=0", "NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=porthole");
        assertThat(lines).anyMatch(l -> l.startsWith("ExecStart=") && l.endsWith("porthole.jar run"));
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit(@TempDir Path dir) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assertThat(analyze).as("systemd-analyze (Debian package systemd) is needed to verify the unit").isExecutable();
        Path copy = dir.resolve("porthole.service");
        Files.copy(UNIT, copy);
        assertThat(verify(copy)).isEmpty();

        // control: the same check reports a misspelt directive, so an empty report above means something
        Path bad = dir.resolve("bad").resolve("porthole.service");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, Files.readString(UNIT).replace("WatchdogSec=30", "WatchdogSecs=30"));
        assertThat(verify(bad)).contains("Unknown key 'WatchdogSecs'");
    }

    private static String verify(Path unit) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", unit.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.strip();
    }
}
