package dev.porthole.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the configuration parser (invariant 4): any bytes give a configuration that the writer and parser
 * round-trip, or a {@link ConfigException}; nothing else. The saved corpus under {@code ConfigParserFuzzTestInputs/}
 * replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class ConfigParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            AgentConfig c = ConfigParser.parse(data, "fuzz.json");
            assertThat(ConfigParser.parse(ConfigWriter.write(c), "rewritten")).isEqualTo(c);
        } catch (ConfigException expected) {
            // the only acceptable failure
        }
    }
}
