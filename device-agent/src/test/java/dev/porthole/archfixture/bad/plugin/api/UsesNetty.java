package dev.porthole.archfixture.bad.plugin.api;

/** Violates the module table: the plugin SDK may depend on nothing, but uses Netty. */
public class UsesNetty {
    public int size(io.netty.buffer.ByteBuf buf) {
        return buf.readableBytes();
    }
}
