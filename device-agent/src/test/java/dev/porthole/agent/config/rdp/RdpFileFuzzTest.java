package dev.porthole.agent.config.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.config.ConfigWriter;

/**
 * Fuzz target of the {@code .rdp} reader and import (invariant 4): any bytes give a configuration that writes and
 * reads back equal, or an {@link RdpFileException}. Corpus: {@code RdpFileFuzzTestInputs/}; {@code JAZZER_FUZZ=1} explores.
 */
class RdpFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void importRdp(byte[] data) {
        try {
            RdpImport.Result r = RdpImport.toConfig(RdpFile.parse(data));
            AgentConfig c = r.config();
            assertThat(ConfigParser.parse(ConfigWriter.write(c), "imported")).isEqualTo(c);
        } catch (RdpFileException expected) {
            // the only acceptable failure
        }
    }
}
