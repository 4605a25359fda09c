package dev.porthole.rdp.netty.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives one static virtual channel's messages, registered with
 * {@link RdpSession#registerStaticChannel}. Called on the connection's event loop: do not block.
 */
public interface StaticChannelHandler {

    /** The session is active and the channel joined: {@code channel} may be written from now on. */
    default void onOpen(StaticChannel channel) {}

    /**
     * One whole (reassembled) message from the server; it is released when this returns (copy what you
     * keep). May arrive shortly before {@link #onOpen} when a server writes during finalization.
     */
    void onMessage(StaticChannel channel, ByteBuf message);

    /** The connection is gone. Once. */
    default void onClosed() {}
}
