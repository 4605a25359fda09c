package dev.porthole.rdp.netty.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.StaticChannels;
import dev.porthole.rdp.protocol.pdu.capability.VirtualChannelCapabilitySet;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.rdp.DemandActivePdu;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.tinylog.Logger;

/**
 * The driver's side of static virtual channels: the sans-I/O {@link StaticChannels} of the connection
 * plus the registered {@link StaticChannelHandler}s (DRDYNVC's is built in: {@link DynamicChannels}).
 * Everything but registration runs on the connection's event loop.
 */
final class ChannelRouter {

    /** Largest reassembled static channel message accepted from a server. */
    static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    static final String DRDYNVC = "drdynvc";

    private final List<ChannelDef> requested;
    private final Map<String, StaticChannelHandler> handlers = new ConcurrentHashMap<>();
    private final DynamicChannels dynamic = new DynamicChannels();
    private final String peer;
    private volatile ChannelHandlerContext ctx;
    private StaticChannels channels;
    private java.util.function.Supplier<dev.porthole.rdp.protocol.security.StandardSecurity> security = () -> null;
    private IntSupplier userId;
    private volatile boolean active;
    private boolean closed;

    ChannelRouter(List<ChannelDef> requested, String peer) {
        this.requested = List.copyOf(requested);
        this.peer = peer;
        handlers.put(DRDYNVC, dynamic.handler());
    }

    DynamicChannels dynamicChannels() {
        return dynamic;
    }

    /** See {@link RdpSession#registerStaticChannel}. */
    boolean register(String name, StaticChannelHandler handler) {
        String key = name.toLowerCase(Locale.ROOT);
        if (requested.stream().noneMatch(d -> d.name().equalsIgnoreCase(name))) {
            throw new IllegalArgumentException("static channel '" + name + "' is not in the configuration's static channels "
                    + requested.stream().map(ChannelDef::name).toList());
        }
        if (handlers.putIfAbsent(key, handler) != null) {
            return false;
        }
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> {
                if (active && !closed && channels.channelId(name).isPresent()) {
                    handler.onOpen(channel(name));
                }
            });
        }
        return true;
    }

    /** Basic settings exchanged: the server granted (or not) each requested channel. */
    void onServerSettings(ChannelHandlerContext ctx, ServerData serverData, IntSupplier userId) {
        onServerSettings(ctx, serverData, userId, () -> null);
    }

    /** {@link #onServerSettings(ChannelHandlerContext, ServerData, IntSupplier)} with the Standard RDP Security in force, if any. */
    void onServerSettings(ChannelHandlerContext ctx, ServerData serverData, IntSupplier userId,
                          java.util.function.Supplier<dev.porthole.rdp.protocol.security.StandardSecurity> security) {
        this.security = security;
        this.ctx = ctx;
        this.userId = userId;
        dynamic.attach(ctx.executor());
        if (channels != null) {
            channels.release();
        }
        channels = new StaticChannels(requested, serverData.network().channelIds(), MAX_MESSAGE_SIZE, ctx.alloc());
    }

    /** The session is active (again): the server's VCChunkSize applies; handlers learn their channel once. */
    void onActivation(DemandActivePdu demandActive) {
        if (channels == null) {
            return;
        }
        channels.onServerCapability(demandActive == null ? null : demandActive.capability(VirtualChannelCapabilitySet.class));
        if (active) {
            return;
        }
        active = true;
        for (String name : channels.names()) {
            StaticChannelHandler h = handlers.get(name.toLowerCase(Locale.ROOT));
            if (h != null) {
                h.onOpen(channel(name));
            }
        }
    }

    /** A Send Data Indication on a channel other than the I/O channel (a slice of the frame). */
    void onChannelData(int channelId, ByteBuf data) {
        if (channels == null) {
            Logger.tag("rdp").warn("channel data before the basic settings exchange channel={} bytes={} host={}", channelId,
                    data.readableBytes(), peer);
            return;
        }
        List<StaticChannels.Event> events;
        try {
            events = channels.receive(channelId, data);
        } catch (RdpException e) {
            Logger.tag("rdp").warn("static channel data dropped channel={} host={} reason=\"{}\"", channelId, peer, e.getMessage());
            return;
        }
        for (StaticChannels.Event e : events) {
            switch (e) {
                case StaticChannels.Message m -> deliver(m);
                case StaticChannels.Discarded d -> Logger.tag("rdp").warn("static channel data dropped channel={} id={} bytes={} host={} "
                        + "reason=\"{}\"", d.name(), d.channelId(), d.bytes(), peer, d.reason());
            }
        }
    }

    private void deliver(StaticChannels.Message m) {
        try {
            StaticChannelHandler h = handlers.get(m.name().toLowerCase(Locale.ROOT));
            if (h == null) {
                Logger.tag("rdp").debug("static channel message without a handler channel={} bytes={}", m.name(),
                        m.message().readableBytes());
                return;
            }
            h.onMessage(channel(m.name()), m.message());
        } catch (RuntimeException ex) {
            Logger.tag("rdp").warn(ex, "static channel handler failed channel={} host={}", m.name(), peer);
        } finally {
            m.message().release();
        }
    }

    /** The connection is gone (once). */
    void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        active = false;
        if (channels != null) {
            channels.release();
        }
        for (StaticChannelHandler h : handlers.values()) {
            try {
                h.onClosed();
            } catch (RuntimeException ex) {
                Logger.tag("rdp").warn(ex, "static channel handler failed on close host={}", peer);
            }
        }
    }

    private StaticChannel channel(String name) {
        return new StaticChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Void> write(ByteBuf message) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                ChannelHandlerContext c = ctx;
                if (c == null) {
                    message.release();
                    done.completeExceptionally(new RdpException(RdpException.Kind.STATE, "static channel '" + name
                            + "': the session is not connected"));
                    return done;
                }
                if (c.executor().inEventLoop()) {
                    send(c, name, message, done);
                } else {
                    c.executor().execute(() -> send(c, name, message, done));
                }
                return done;
            }
        };
    }

    private void send(ChannelHandlerContext c, String name, ByteBuf message, CompletableFuture<Void> done) {
        List<ByteBuf> frames;
        try {
            if (closed || !c.channel().isActive()) {
                throw new RdpException(RdpException.Kind.TRANSPORT, "static channel '" + name + "': the connection to " + peer + " is closed");
            }
            frames = channels.encode(name, message, userId.getAsInt(), c.alloc(), security.get());
        } catch (RdpException e) {
            done.completeExceptionally(e);
            return;
        } finally {
            message.release();
        }
        ChannelFuture last = null;
        for (ByteBuf f : frames) {
            last = c.write(f);
        }
        c.flush();
        last.addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new RdpException(RdpException.Kind.TRANSPORT, "static channel '" + name
                        + "': write to " + peer + " failed: " + f.cause().getMessage(), f.cause()));
            }
        });
    }
}
