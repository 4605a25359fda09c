package dev.porthole.rdp.netty.client;

import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;

/** An RDP connection that stays open after activation; close it when done. */
public final class RdpSession implements AutoCloseable {

    private final CompletableFuture<RdpConnection.Progress> activated;
    private final CompletableFuture<Channel> channel;
    private final ChannelRouter channels;

    RdpSession(CompletableFuture<RdpConnection.Progress> activated, CompletableFuture<Channel> channel, ChannelRouter channels) {
        this.activated = activated;
        this.channel = channel;
        this.channels = channels;
    }

    /**
     * Routes the messages of static virtual channel {@code name} (one of the configuration's static
     * channels) to {@code handler}; may be called before or after activation, from any thread.
     *
     * @return false when the channel already has a handler ("drdynvc" always has: {@link #dynamicChannels()})
     * @throws IllegalArgumentException when the configuration does not request the channel
     */
    public boolean registerStaticChannel(String name, StaticChannelHandler handler) {
        return channels.register(name, handler);
    }

    /** The session's dynamic virtual channels (MS-RDPEDYC over the "drdynvc" static channel). */
    public DynamicChannels dynamicChannels() {
        return channels.dynamicChannels();
    }

    /** Completes when the session is first active; fails with an {@code RdpException}. */
    public CompletableFuture<RdpConnection.Progress> activated() {
        return activated;
    }

    /** Closes the connection (idempotent). */
    @Override
    public void close() {
        channel.thenAccept(Channel::close);
    }
}
