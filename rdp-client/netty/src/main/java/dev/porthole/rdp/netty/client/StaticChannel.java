package dev.porthole.rdp.netty.client;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;

/** A joined static virtual channel of an open session (MS-RDPBCGR 1.3.3), toward the server. */
public interface StaticChannel {

    /** The channel's name as the client requested it. */
    String name();

    /**
     * Sends one whole message; the session splits it into chunks of the server's VCChunkSize. Takes
     * ownership of {@code message}. May be called from any thread. The future completes when the last
     * chunk was written to the socket, and fails with an {@code RdpException} when the session is gone.
     */
    CompletableFuture<Void> write(ByteBuf message);
}
