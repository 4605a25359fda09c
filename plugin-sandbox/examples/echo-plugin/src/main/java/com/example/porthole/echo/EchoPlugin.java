package com.example.porthole.echo;

import dev.porthole.plugin.api.Channel;
import dev.porthole.plugin.api.ChannelCallback;
import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.api.PluginException;

/**
 * The smallest useful plugin: every message a server application writes on the {@code ExampleEcho}
 * channel is written back unchanged. The server side opens the channel with
 * {@code WTSVirtualChannelOpenEx(WTS_CURRENT_SESSION, "ExampleEcho", WTS_CHANNEL_OPTION_DYNAMIC)}.
 */
public final class EchoPlugin implements Plugin {

    /** The DVC name; the manifest must declare it. */
    public static final String CHANNEL = "ExampleEcho";

    private int channels;

    @Override
    public void initialize(ChannelManager manager) {
        manager.createListener(CHANNEL, this::onNewChannel);
        System.out.println("echo: listening on " + CHANNEL);
    }

    private ChannelCallback onNewChannel(Channel channel) {
        channels++;
        return new ChannelCallback() {
            @Override
            public void onDataReceived(byte[] message) {
                try {
                    channel.write(message);
                } catch (PluginException e) {
                    // BACKPRESSURE: the server reads slower than it writes; a real plugin would queue or slow down
                    System.err.println("echo: dropped a " + message.length + "-byte message on " + channel.id() + ": " + e.getMessage());
                }
            }

            @Override
            public void onClose() {
                channels--;
            }
        };
    }

    @Override
    public void connected() {
        System.out.println("echo: session connected");
    }

    @Override
    public void disconnected(int reason) {
        System.out.println("echo: session disconnected, reason " + reason + ", open channels " + channels);
    }

    @Override
    public void terminated() {
        System.out.println("echo: terminated");
    }
}
