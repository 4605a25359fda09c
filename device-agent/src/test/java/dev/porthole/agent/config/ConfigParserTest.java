package dev.porthole.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.porthole.agent.config.AgentConfig.Backend;
import dev.porthole.agent.config.AgentConfig.CredentialsMode;
import dev.porthole.agent.config.AgentConfig.IdleAction;
import dev.porthole.agent.config.AgentConfig.Security;
import dev.porthole.agent.config.AgentConfig.TrustMode;
import dev.porthole.hw.input.Hotkey;

class ConfigParserTest {

    private static AgentConfig parse(String json) {
        return ConfigParser.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    private static ConfigException failure(String json) {
        ThrowableAssert.ThrowingCallable call = () -> parse(json);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(ConfigException.class);
        return (ConfigException) t;
    }

    @Test
    void emptyObjectGivesTheDocumentedDefaults() {
        AgentConfig c = parse("{}");
        assertThat(c).isEqualTo(AgentConfig.defaults());
        assertThat(c.hasHost()).isFalse();
        assertThat(c.connection().port()).isEqualTo(3389);
        assertThat(c.connection().security()).isEqualTo(Security.AUTO);
        assertThat(c.connection().trust().mode()).isEqualTo(TrustMode.SYSTEM);
        assertThat(c.credentials().mode()).isEqualTo(CredentialsMode.INTERACTIVE);
        assertThat(c.desktop().followsDisplay()).isTrue();
        assertThat(c.desktop().bpp()).isEqualTo(32);
        assertThat(c.display().backend()).isEqualTo(Backend.AUTO);
        assertThat(c.display().backendOrder()).containsExactly("drm", "fbdev", "window", "headless");
        assertThat(c.input().keyboardLayout()).isEqualTo(0x409);
        assertThat(c.input().hotkeys().get("disconnect").toHotkey("disconnect")).isEqualTo(Hotkey.disconnect());
        assertThat(c.kiosk().idleTimeoutSeconds()).isZero();
        assertThat(c.kiosk().idleAction()).isEqualTo(IdleAction.DISCONNECT);
        assertThat(c.logging().level()).isEqualTo("info");
        assertThat(c.provisioning().enabled()).isFalse();
        assertThat(c.provisioning().telemetryIntervalSeconds()).isEqualTo(60);
        assertThat(c.provisioning().claimFileUnder(Path.of("/s"))).isEqualTo(Path.of("/s/provisioning/claim.json"));
        assertThat(c.plugins().allowed()).isEmpty();
    }

    @Test
    void fullConfigurationIsRead() {
        AgentConfig c = parse("""
                {
                  "schema": 1,
                  "connection": {
                    "hosts": ["RDS1.example.com", "10.0.0.5:3390", "[::1]:3391", "fe80::1"],
                    "port": 4000, "security": "nla",
                    "trust": {"mode": "pinned", "sha256": "AB:%s"},
                    "loadBalanceInfo": "tsv://MS Terminal Services Plugin.1.Desktops",
                    "clientName": "kiosk-7", "connectTimeoutSeconds": 5
                  },
                  "credentials": {"mode": "kiosk", "username": "frontdesk", "domain": "CORP"},
                  "desktop": {"width": 1280, "height": 720, "bpp": 16, "monitors": 2},
                  "display": {"backend": "fbdev", "rotation": 90},
                  "input": {"keyboardLayout": "0x0407", "hotkeys": {"disconnect": "ctrl + shift + F12", "reconnect": "Alt+S"}},
                  "kiosk": {"idleTimeoutSeconds": 0, "idleAction": "disconnect", "allowLocalDisconnect": false},
                  "logging": {"level": "DEBUG"},
                  "provisioning": {"enabled": true, "brokerUrl": "ssl://broker.example.com:8883", "tenant": "acme",
                                   "deviceId": "dev-0001", "stateDir": "/var/lib/porthole/prov",
                                   "claimFile": "/etc/porthole/claim.json", "telemetryIntervalSeconds": 15},
                  "plugins": {"allowed": ["com.example.echo", "com.example.media-offload"]}
                }""".formatted("ab".repeat(31)));
        assertThat(c.connection().hosts()).containsExactly(new HostAddress("rds1.example.com", 0),
                new HostAddress("10.0.0.5", 3390), new HostAddress("::1", 3391), new HostAddress("fe80::1", 0));
        assertThat(c.connection().portOf(c.connection().hosts().get(0))).isEqualTo(4000);
        assertThat(c.connection().portOf(c.connection().hosts().get(1))).isEqualTo(3390);
        assertThat(c.connection().trust().sha256()).isEqualTo("ab".repeat(32));
        assertThat(c.credentials().mode()).isEqualTo(CredentialsMode.KIOSK);
        assertThat(c.desktop()).isEqualTo(new AgentConfig.Desktop(1280, 720, 16, 2));
        assertThat(c.display().backendOrder()).containsExactly("fbdev");
        assertThat(c.display().rotation()).isEqualTo(90);
        assertThat(c.input().keyboardLayout()).isEqualTo(0x407);
        assertThat(c.input().hotkeys().get("disconnect").toString()).isEqualTo("Ctrl+Shift+F12");
        assertThat(c.input().hotkeys().get("disconnect").keycode()).isEqualTo(88);
        assertThat(c.input().hotkeys().get("reconnect").keycode()).isEqualTo(31);
        assertThat(c.kiosk().idleAction()).isEqualTo(IdleAction.DISCONNECT);
        assertThat(c.logging().level()).isEqualTo("debug");
        assertThat(c.provisioning().brokerUrl().getPort()).isEqualTo(8883);
        assertThat(c.provisioning().stateDirUnder(Path.of("/x"))).isEqualTo(Path.of("/var/lib/porthole/prov"));
        assertThat(c.provisioning().claimFileUnder(Path.of("/x"))).isEqualTo(Path.of("/etc/porthole/claim.json"));
        assertThat(c.provisioning().telemetryIntervalSeconds()).isEqualTo(15);
        assertThat(c.plugins().allowed()).containsExactly("com.example.echo", "com.example.media-offload");
        // and it survives the writer
        assertThat(ConfigParser.parse(ConfigWriter.write(c), "written")).isEqualTo(c);
    }

    @Test
    void shippedSampleAndImageDefaultAreValid() throws Exception {
        Path sample = Path.of(System.getProperty("porthole.repo.root", "..")).resolve("device-agent/packaging/porthole.json");
        AgentConfig c = ConfigParser.parse(sample);
        assertThat(c.connection().hosts()).hasSize(2);
        AgentConfig d = ConfigLoader.imageDefault();
        assertThat(d.hasHost()).isFalse();
        assertThat(d).isEqualTo(AgentConfig.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port too high          | {"connection": {"port": 70000}}                        | connection.port | 1 | 25 | 70000 is outside 1..65535
            port fractional        | {"connection": {"port": 33.5}}                         | connection.port | 1 | 25 | must be a whole number
            port as string         | {"connection": {"port": "3389"}}                       | connection.port | 1 | 25 | must be a number, not a string
            huge number            | {"connection": {"port": 123456789012345678901234567}}  | connection.port | 1 | 25 | is outside
            bpp 8                  | {"desktop": {"bpp": 8}}                                | desktop.bpp     | 1 | 21 | 8 is not 16, 24 or 32
            bpp 20                 | {"desktop": {"bpp": 20}}                               | desktop.bpp     | 1 | 21 | 20 is not 16, 24 or 32
            width small            | {"desktop": {"width": 100, "height": 100}}             | desktop.width   | 1 | 23 | 100 is outside 200..8192
            width without height   | {"desktop": {"width": 1024}}                           | desktop.height  | 1 | 13 | must be given for both
            monitors               | {"desktop": {"monitors": 17}}                          | desktop.monitors| 1 | 26 | outside 1..16
            rotation               | {"display": {"rotation": 45}}                          | display.rotation| 1 | 26 | 45 is not 0, 90, 180 or 270
            backend                | {"display": {"backend": "x11"}}                        | display.backend | 1 | 25 | 'x11' is not one of auto, drm, fbdev, window, headless
            security               | {"connection": {"security": "rdp"}}                    | connection.security | 1 | 29 | 'rdp' is not one of tls, nla, auto
            trust ca without file  | {"connection": {"trust": {"mode": "ca"}}}              | connection.trust.caFile | 1 | 26 | required when mode is 'ca'
            relative ca file       | {"connection": {"trust": {"mode": "ca", "caFile": "ca.pem"}}} | connection.trust.caFile | 1 | 51 | must be an absolute path
            pin too short          | {"connection": {"trust": {"mode": "pinned", "sha256": "abcd"}}} | connection.trust.sha256 | 1 | 55 | 64 hex digits
            host bad               | {"connection": {"hosts": ["ok.example", "bad host"]}}  | connection.hosts[1] | 1 | 41 | 'bad host' is not a host name
            host port              | {"connection": {"hosts": ["h:0"]}}                     | connection.hosts[0] | 1 | 27 | port 0 is outside
            host not string        | {"connection": {"hosts": [7]}}                         | connection.hosts[0] | 1 | 27 | must be a string
            kiosk without user     | {"credentials": {"mode": "kiosk"}}                     | credentials.username | 1 | 17 | required when mode is 'kiosk'
            idle too short         | {"kiosk": {"idleTimeoutSeconds": 5}}                   | kiosk.idleTimeoutSeconds | 1 | 34 | 5 is outside 30..86400
            level                  | {"logging": {"level": "loud"}}                         | logging.level   | 1 | 23 | 'loud' is not one of
            hotkey action          | {"input": {"hotkeys": {"reboot": "Ctrl+R"}}}           | input.hotkeys.reboot | 1 | 24 | unknown action
            hotkey key             | {"input": {"hotkeys": {"disconnect": "Ctrl+Foo"}}}     | input.hotkeys.disconnect | 1 | 38 | 'Foo' is not a key
            hotkey twice           | {"input": {"hotkeys": {"disconnect": "Alt+X", "reconnect": "alt+x"}}} | input.hotkeys.reconnect | 1 | 60 | already bound
            layout                 | {"input": {"keyboardLayout": "0xZZ"}}                  | input.keyboardLayout | 1 | 30 | not a keyboard layout id
            broker scheme          | {"provisioning": {"brokerUrl": "tcp://b:1883"}}        | provisioning.brokerUrl | 1 | 32 | must be ssl://host:port
            enabled without broker | {"provisioning": {"enabled": true, "tenant": "t"}}     | provisioning.brokerUrl | 1 | 18 | required when enabled
            tenant                 | {"provisioning": {"tenant": "a/b"}}                    | provisioning.tenant | 1 | 29 | contains the topic separator '/'
            telemetry interval     | {"provisioning": {"telemetryIntervalSeconds": 1}}      | provisioning.telemetryIntervalSeconds | 1 | 47 | 1 is outside 5..3600
            relative claim file    | {"provisioning": {"claimFile": "claim.json"}}          | provisioning.claimFile | 1 | 32 | must be an absolute path
            plugin id              | {"plugins": {"allowed": ["Echo"]}}                     | plugins.allowed[0] | 1 | 26 | not a plugin id
            plugin twice           | {"plugins": {"allowed": ["a.b", "a.b"]}}               | plugins.allowed[1] | 1 | 33 | listed twice
            schema                 | {"schema": 2}                                          | schema          | 1 | 12 | 2 is not supported
            unknown top field      | {"conection": {}}                                      | conection       | 1 | 2  | unknown field; known fields here are schema, connection
            unknown nested field   | {"desktop": {"bpp": 32, "depth": 1}}                   | desktop.depth   | 1 | 25 | unknown field; known fields here are width, height, bpp, monitors
            section not object     | {"display": []}                                        | display         | 1 | 13 | must be an object, not an array
            """)
    void errorsNameTheFieldLineAndColumn(String name, String json, String field, int line, int column, String detail) {
        ConfigException e = failure(json);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        assertThat(e.detail()).contains(detail);
        assertThat(e.getMessage()).startsWith("test.json:" + line + ":" + column + ": " + field + ": ");
    }

    @Test
    void errorsOnLaterLinesCarryTheirLine() {
        ConfigException e = failure("{\n  \"connection\": {\n    \"hosts\": [\"a\"],\n    \"port\": -1\n  }\n}");
        assertThat(e.getMessage()).isEqualTo("test.json:4:13: connection.port: -1 is outside 1..65535");
    }

    @Test
    void syntaxErrorsNameTheLocation() {
        ConfigException e = failure("{\n  \"a\": 1,\n  \"b\" 2\n}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("test.json:3:").contains("not valid JSON");
        assertThat(failure("{\"schema\": 1, \"schema\": 1}").getMessage()).contains("Duplicate field 'schema'");
        assertThat(failure("{} {}").getMessage()).contains("unexpected content after the configuration object");
        assertThat(failure("").getMessage()).contains("empty");
        assertThat(failure("[1]").getMessage()).contains("must be a JSON object, not an array");
        assertThat(failure("[".repeat(100)).getMessage()).contains("size limit");
    }

    @Test
    void oversizedInputIsRejectedBeforeParsing() {
        byte[] big = new byte[ConfigParser.MAX_BYTES + 1];
        assertThatThrownBy(() -> ConfigParser.parse(big, "big.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("larger than");
    }

    @Test
    void recordsRejectBadValuesWhenBuiltInCode() {
        assertThatThrownBy(() -> new AgentConfig.Connection(List.of(), 0, null, null, null, null, 10))
                .hasMessage("connection.port: 0 is outside 1..65535");
        assertThatThrownBy(() -> AgentConfig.Trust.pinned("zz")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new AgentConfig.Trust(TrustMode.SYSTEM, Path.of("/ca.pem"), null))
                .hasMessageContaining("only allowed when mode is 'ca'");
    }

    @Test
    void hostAddressesRoundTrip() {
        for (String s : List.of("a.example", "a.example:1", "[::1]:3389", "fe80::1", "10.1.2.3:65535")) {
            assertThat(HostAddress.parse(s).toString()).isEqualTo(s);
        }
        assertThatThrownBy(() -> HostAddress.parse("[::1")).hasMessageContaining("no closing");
        assertThatThrownBy(() -> HostAddress.parse("h:99999")).hasMessageContaining("99999 is outside 1..65535");
        assertThatThrownBy(() -> HostAddress.parse("h:x1")).hasMessageContaining("not a number");
    }

    @Test
    void fileErrorsNameTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("porthole.json");
        Files.writeString(f, "{\"desktop\": {\"bpp\": 12}}");
        assertThatThrownBy(() -> ConfigParser.parse(f)).hasMessageStartingWith(f + ":1:21: desktop.bpp: ");
    }
}
