package dev.porthole.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;

/** The static channels the agent requests: "drdynvc" exactly once when plugins are configured. */
class RdpDvcSessionTest {

    private static final ChannelDef CLIP = new ChannelDef("cliprdr", ChannelDef.CHANNEL_OPTION_INITIALIZED);

    @Test
    void drdynvcIsAddedWhenPluginsAreConfigured() {
        assertThat(RdpDvcSession.staticChannels(new AgentConfig.Plugins(List.of("com.example.echo")), List.of(CLIP)))
                .extracting(ChannelDef::name).containsExactly("cliprdr", "drdynvc");
    }

    @Test
    void nothingIsAddedWithoutPlugins() {
        assertThat(RdpDvcSession.staticChannels(new AgentConfig.Plugins(List.of()), List.of(CLIP)))
                .extracting(ChannelDef::name).containsExactly("cliprdr");
    }

    @Test
    void anExistingDrdynvcIsKeptAsIs() {
        ChannelDef own = new ChannelDef("DRDYNVC", ChannelDef.CHANNEL_OPTION_INITIALIZED | ChannelDef.CHANNEL_OPTION_PRI_HIGH);
        assertThat(RdpDvcSession.staticChannels(new AgentConfig.Plugins(List.of("com.example.echo")), List.of(own, CLIP)))
                .containsExactly(own, CLIP);
    }
}
