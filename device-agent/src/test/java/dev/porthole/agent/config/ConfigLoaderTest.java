package dev.porthole.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private StateDirectory state() {
        return new StateDirectory(dir.resolve("state"));
    }

    private static AgentConfig withHost(String host) {
        return AgentConfig.defaults().withConnection(AgentConfig.Connection.defaults().withHosts(
                List.of(HostAddress.parse(host))));
    }

    @Test
    void validFileIsUsed() throws Exception {
        Path file = dir.resolve("porthole.json");
        Files.write(file, ConfigWriter.write(withHost("a.example")));
        ConfigLoader.Loaded l = ConfigLoader.load(file, state());
        assertThat(l.source()).isEqualTo(ConfigLoader.Source.FILE);
        assertThat(l.config()).isEqualTo(withHost("a.example"));
        assertThat(l.reason()).isEmpty();
    }

    @Test
    void invalidFileFallsBackToLastKnownGoodSayingWhy() throws Exception {
        StateDirectory state = state();
        assertThat(ConfigLoader.keepAsLastKnownGood(state, withHost("good.example"))).isTrue();
        assertThat(ConfigLoader.keepAsLastKnownGood(state, withHost("good.example"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.lastKnownGood())))
                .isEqualTo("rw-------");
        Path file = dir.resolve("porthole.json");
        Files.writeString(file, "{\"desktop\": {\"bpp\": 8}}");

        ConfigLoader.Loaded l = ConfigLoader.load(file, state);
        assertThat(l.source()).isEqualTo(ConfigLoader.Source.LAST_KNOWN_GOOD);
        assertThat(l.config()).isEqualTo(withHost("good.example"));
        assertThat(l.reason()).contains(file + ":1:21: desktop.bpp");
        assertThat(l.origin()).isEqualTo(state.lastKnownGood().toString());
    }

    @Test
    void missingFileAndNoLastKnownGoodGiveTheImageDefault() {
        Path file = dir.resolve("absent.json");
        ConfigLoader.Loaded l = ConfigLoader.load(file, state());
        assertThat(l.source()).isEqualTo(ConfigLoader.Source.IMAGE_DEFAULT);
        assertThat(l.config()).isEqualTo(ConfigLoader.imageDefault());
        assertThat(l.reason()).contains(file + " does not exist").contains("no last known good configuration");
    }

    @Test
    void corruptLastKnownGoodIsSkippedToo() throws Exception {
        StateDirectory state = state();
        Files.createDirectories(state.lastKnownGood().getParent());
        Files.writeString(state.lastKnownGood(), "{\"connection\": {\"port\": 0}}");
        ConfigLoader.Loaded l = ConfigLoader.load(dir.resolve("absent.json"), state);
        assertThat(l.source()).isEqualTo(ConfigLoader.Source.IMAGE_DEFAULT);
        assertThat(l.reason()).contains("last known good is invalid").contains("connection.port");
    }

    @Test
    void pathsComeFromOptionThenEnvironmentThenDefault() {
        assertThat(ConfigLoader.configFile(Path.of("/x.json"), Map.of(ConfigLoader.ENV, "/y.json")))
                .isEqualTo(Path.of("/x.json"));
        assertThat(ConfigLoader.configFile(null, Map.of(ConfigLoader.ENV, "/y.json"))).isEqualTo(Path.of("/y.json"));
        assertThat(ConfigLoader.configFile(null, Map.of())).isEqualTo(Path.of(ConfigLoader.DEFAULT_FILE));
        assertThat(StateDirectory.resolve(null, Map.of(StateDirectory.ENV, "/s")).root()).isEqualTo(Path.of("/s"));
        assertThat(StateDirectory.resolve(null, Map.of()).root()).isEqualTo(Path.of(StateDirectory.DEFAULT));
    }
}
