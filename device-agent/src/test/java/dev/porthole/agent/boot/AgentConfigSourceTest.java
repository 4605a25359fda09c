package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration model mapped onto the boot machine's settings, with the loader's fallbacks. */
class AgentConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void kioskSettingsWithTheStoredPasswordAndFallbacks() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        PasswordStore.of(state).store("hunter2".toCharArray());
        Path file = Files.writeString(dir.resolve("porthole.json"), """
                {"schema": 1, "connection": {"hosts": ["rdp.example.test:3390", "b.example.test"], "security": "nla",
                 "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "k", "domain": "CORP"},
                 "kiosk": {"idleTimeoutSeconds": 600, "idleAction": "disconnect"}}
                """.formatted("ab".repeat(32)));
        ConfigSource.Loaded l = new AgentConfigSource(file, state).load();
        assertThat(l.origin()).isEqualTo(ConfigSource.Origin.CONFIG_FILE);
        BootSettings s = l.settings();
        assertThat(s.host()).isEqualTo("rdp.example.test");
        assertThat(s.port()).isEqualTo(3390);
        assertThat(s.mode()).isEqualTo(BootSettings.Mode.KIOSK);
        assertThat(s.domain()).isEqualTo("CORP");
        assertThat(new String(s.password().copy())).isEqualTo("hunter2");
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.width()).as("follows the display").isZero();
        assertThat(s.toString()).doesNotContain("hunter2");

        Files.writeString(file, "{\"schema\": 1, \"connection\": ");
        ConfigSource.Loaded fallback = new AgentConfigSource(file, state).load();
        assertThat(fallback.origin()).isEqualTo(ConfigSource.Origin.IMAGE_DEFAULT);
        assertThat(fallback.problem()).contains(file.toString());
        assertThat(fallback.settings().host()).as("the image default has no host").isEmpty();
        assertThat(fallback.settings().mode()).isEqualTo(BootSettings.Mode.INTERACTIVE);
    }
}
