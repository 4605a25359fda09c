package dev.porthole.plugin.sandbox.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The manifest parser accepts the documented format and refuses everything else, naming the field. */
class PluginManifestTest {

    static final String FULL = """
            {"schema": 1, "id": "com.example.media", "version": "2.1.0-beta.1", "vendor": "Example Corp",
             "entryClass": "com.example.media.Main", "channels": ["A", "Example::Media"],
             "capabilities": [{"type": "network", "hosts": ["media.example.com:443", "10.0.0.7:8443", "[fe80::1]:9"]},
                              {"type": "audio"}, {"type": "usb", "vendorId": "046d", "productId": "0825"},
                              {"type": "usb", "vendorId": "046D", "productId": "0826"}],
             "memoryLimitMb": 128, "seccompProfile": "profiles/seccomp.json", "description": "media"}
            """;

    static PluginManifest parse(String json) {
        return PluginManifest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesEveryField() {
        PluginManifest m = parse(FULL);
        assertThat(m.id()).isEqualTo("com.example.media");
        assertThat(m.version()).isEqualTo("2.1.0-beta.1");
        assertThat(m.channels()).containsExactly("A", "Example::Media");
        assertThat(m.network().orElseThrow().hosts()).extracting(Capability.HostPort::toString)
                .containsExactly("media.example.com:443", "10.0.0.7:8443", "[fe80::1]:9");
        assertThat(m.has(Capability.Audio.class)).isTrue();
        assertThat(m.capabilities()).contains(new Capability.Usb(0x046d, 0x0825), new Capability.Usb(0x046d, 0x0826));
        assertThat(m.memoryLimitMb()).isEqualTo(128);
        assertThat(m.seccompProfile()).isEqualTo("profiles/seccomp.json");
        assertThat(PluginManifest.parse(m.toJson())).isEqualTo(m);
    }

    @Test
    void theExampleManifestsAreValid() throws Exception {
        Path root = Path.of(System.getProperty("porthole.repo.root", "../..")).resolve("plugin-sandbox/examples");
        assertThat(PluginManifest.parse(Files.readAllBytes(root.resolve("echo-plugin/src/plugin/manifest.json"))).channels())
                .containsExactly("ExampleEcho");
        assertThat(PluginManifest.parse(Files.readAllBytes(root.resolve("media-offload-plugin/src/plugin/manifest.json"))).seccompProfile())
                .isEqualTo("seccomp.json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field          | "colour": "blue"                                   | unknown field 'colour'
            wrong schema           | "schema": 2                                        | $.schema: 2 is not a supported schema
            bad id                 | "id": "Echo"                                       | $.id: 'Echo' is not a lower-case reverse-DNS id
            bad version            | "version": "1.0"                                   | $.version: '1.0' is not a semantic version
            porthole entry class   | "entryClass": "dev.porthole.plugin.sandbox.bootstrap.PluginBootstrap" | $.entryClass
            no channels            | "channels": []                                     | $.channels: must have 1 to 16 elements
            duplicate channel      | "channels": ["A", "A"]                             | $.channels[1]: 'A' is declared twice
            non-ASCII channel      | "channels": ["é"]                                  | $.channels[0]: 'é' must be printable ASCII
            channel not a string   | "channels": [7]                                    | $.channels[0]: must be a string
            memory too small       | "memoryLimitMb": 8                                 | $.memoryLimitMb: 8 outside 16..4096
            memory not integer     | "memoryLimitMb": 64.5                              | $.memoryLimitMb: must be an integer
            unknown capability     | "capabilities": [{"type": "camera"}]               | $.capabilities[0].type: 'camera' is not a known capability
            network without hosts  | "capabilities": [{"type": "network"}]              | $.capabilities[0].hosts: is required
            network bad host       | "capabilities": [{"type": "network", "hosts": ["evil host:1"]}] | $.capabilities[0].hosts[0]
            network bad port       | "capabilities": [{"type": "network", "hosts": ["a.example:99999"]}] | port 99999 outside
            audio with extras      | "capabilities": [{"type": "audio", "hosts": ["a:1"]}] | unknown field 'hosts'
            usb bad id             | "capabilities": [{"type": "usb", "vendorId": "46d", "productId": "0825"}] | $.capabilities[0].vendorId: '46d' is not 4 hex digits
            twice network          | "capabilities": [{"type": "audio"}, {"type": "audio"}] | capability 'audio' is requested twice
            profile escapes        | "seccompProfile": "../etc/passwd"                   | $.seccompProfile
            """)
    void refusesWithTheJsonPath(String name, String field, String expected) {
        String json = replace(field);
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.MALFORMED)).hasMessageStartingWith("manifest.json: ")
                .hasMessageContaining(expected);
    }

    private static String replace(String field) {
        String key = field.substring(0, field.indexOf(':'));
        String base = """
                {"schema": 1, "id": "com.example.echo", "version": "1.0.0", "vendor": "Example Corp",
                 "entryClass": "com.example.Echo", "channels": ["ExampleEcho"], "memoryLimitMb": 32}
                """;
        if (base.contains(key + ":")) {
            int start = base.indexOf(key + ":");
            int end = base.indexOf(key.equals("\"channels\"") ? "]" : ",", start);
            if (key.equals("\"channels\"")) {
                end++;
            }
            if (end < 0 || end < start) {
                end = base.indexOf("}", start);
            }
            return base.substring(0, start) + field + base.substring(end);
        }
        return base.replace("\"memoryLimitMb\": 32}", "\"memoryLimitMb\": 32, " + field + "}");
    }

    @Test
    void syntaxErrorsDuplicatesAndSizeAreRefused() {
        assertThatThrownBy(() -> parse("{\"schema\": 1,")).hasMessageContaining("manifest.json: not valid JSON");
        assertThatThrownBy(() -> parse("{\"schema\": 1, \"schema\": 1}")).hasMessageContaining("Duplicate field 'schema'");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("$: must be a JSON object");
        assertThatThrownBy(() -> PluginManifest.parse(new byte[PluginManifest.MAX_BYTES + 1])).hasMessageContaining("exceed the limit");
        assertThatThrownBy(() -> parse("{}")).hasMessageContaining("$.schema: is required");
        assertThatThrownBy(() -> parse("{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void channelPolicyRefusesTheDevicesOwnChannels() {
        assertThatThrownBy(() -> ChannelPolicy.defaults().check(List.of("Mine", "Microsoft::Windows::RDS::Graphics")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.POLICY))
                .hasMessageContaining("'Microsoft::Windows::RDS::Graphics' is served by the device itself");
        ChannelPolicy.defaults().check(List.of("ExampleEcho"));
    }
}
