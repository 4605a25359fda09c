package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's settings file: parsing with clear errors, last known good, image default. */
class SettingsFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aGoodFileLoadsAndBecomesLastKnownGoodThenCoversForACorruptOrMissingOne() throws Exception {
        write("pw", "hunter2\n");
        Path file = write("porthole.json", """
                {"host": "rdp.example.test", "port": 3390, "mode": "kiosk", "username": "k", "passwordFile": "pw",
                 "security": "nla", "width": 1280, "height": 720, "idleTimeoutSeconds": 600}""");
        SettingsFile source = new SettingsFile(file, dir.resolve("state"), null);
        ConfigSource.Loaded first = source.load();
        assertThat(first.origin()).isEqualTo(ConfigSource.Origin.CONFIG_FILE);
        BootSettings s = first.settings();
        assertThat(s.host()).isEqualTo("rdp.example.test");
        assertThat(s.port()).isEqualTo(3390);
        assertThat(new String(s.password().copy())).isEqualTo("hunter2");
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(source.lastKnownGood()).exists();

        Files.writeString(file, "{\"host\": 12");
        ConfigSource.Loaded second = source.load();
        assertThat(second.origin()).isEqualTo(ConfigSource.Origin.LAST_KNOWN_GOOD);
        assertThat(second.problem()).contains("not valid JSON");
        assertThat(second.settings().host()).isEqualTo("rdp.example.test");

        Files.delete(file);
        assertThat(source.load().problem()).contains("no such file");
    }

    @Test
    void withoutFileAndLastKnownGoodTheImageDefaultIsUsedAndWithoutAnyTheErrorNamesEach() throws Exception {
        Path image = write("image.json", "{\"host\": \"broker.example.test\", \"mode\": \"interactive\"}");
        SettingsFile source = new SettingsFile(dir.resolve("missing.json"), dir.resolve("state"), image);
        ConfigSource.Loaded l = source.load();
        assertThat(l.origin()).isEqualTo(ConfigSource.Origin.IMAGE_DEFAULT);
        assertThat(l.settings().mode()).isEqualTo(BootSettings.Mode.INTERACTIVE);

        SettingsFile none = new SettingsFile(dir.resolve("missing.json"), dir.resolve("state2"), dir.resolve("nothing.json"));
        assertThatThrownBy(none::load).hasMessageContaining("missing.json").hasMessageContaining("image default");
    }

    @Test
    void badFieldsAreNamed() {
        Path p = dir.resolve("x.json");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\", \"colour\": 1}".getBytes(), p))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\", \"port\": \"x\"}".getBytes(), p))
                .hasMessageContaining("'port' must be an integer");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\", \"port\": 70000, \"username\": \"u\"}".getBytes(), p))
                .hasMessageContaining("port 70000");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\", \"mode\": \"desk\"}".getBytes(), p))
                .hasMessageContaining("mode 'desk'");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\"}".getBytes(), p))
                .hasMessageContaining("kiosk mode needs a user name");
        assertThatThrownBy(() -> SettingsFile.parse("{\"host\": \"h\", \"username\": \"u\", \"passwordFile\": \"nope\"}"
                .getBytes(), p)).hasMessageContaining("passwordFile").hasMessageContaining("no such file");
        assertThatThrownBy(() -> SettingsFile.parse("[1]".getBytes(), p)).hasMessageContaining("not valid JSON");
    }
}
