package dev.porthole.rdp.netty.client;

import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;

/** An RDP connection that stays open after activation; close it when done. */
public final class RdpSession implements AutoCloseable {

    private final CompletableFuture<RdpConnection.Progress> activated;
    private final CompletableFuture<Channel> channel;

    RdpSession(CompletableFuture<RdpConnection.Progress> activated, CompletableFuture<Channel> channel) {
        this.activated = activated;
        this.channel = channel;
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
