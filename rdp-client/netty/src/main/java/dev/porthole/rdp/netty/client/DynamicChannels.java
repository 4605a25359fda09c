package dev.porthole.rdp.netty.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcEvent;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcListener;
import dev.porthole.rdp.protocol.channel.drdynvc.DynamicChannelManager;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import org.tinylog.Logger;

/**
 * Dynamic virtual channels of one session (MS-RDPEDYC): the protocol's {@link DynamicChannelManager}
 * bound to the "drdynvc" static channel. Listeners are registered by channel name; a server
 * application's create request goes to the named listener, which accepts, refuses or defers (then
 * {@link #accept}/{@link #refuse} later, from any thread). Every method may be called from any
 * thread; listener callbacks run on the connection's event loop and must not block. Nothing happens
 * unless the configuration requests the "drdynvc" static channel and the server grants it.
 */
public final class DynamicChannels {

    /** Receives one channel name's create requests and its channels' traffic (on the event loop). */
    public interface Listener {
        /** A create request: answer now, or {@code DEFER} and answer with {@link #accept}/{@link #refuse}. Must not call back. */
        default DvcListener.Decision onCreateRequest(long channelId, String name, int priority) {
            return DvcListener.Decision.DEFER;
        }

        /** A deferred request is waiting for {@link #accept} or {@link #refuse}. */
        default void onRequested(long channelId, String name, int priority) {}

        /** The channel is open. */
        default void onOpened(long channelId, String name) {}

        /** A request was refused (by the listener, a limit, or a disconnect before the answer). */
        default void onRefused(long channelId, String name, String reason) {}

        /** One whole message; released when this returns (copy what you keep). */
        void onMessage(long channelId, ByteBuf message);

        /** The channel closed, whoever closed it. Once per opened channel. */
        default void onClosed(long channelId, String name, DvcEvent.CloseReason reason) {}
    }

    private final DynamicChannelManager manager = new DynamicChannelManager(DynamicChannelManager.Settings.defaults());
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<Long, Listener> byChannel = new HashMap<>(); // event loop only
    private volatile StaticChannel channel;
    private volatile EventExecutor loop;

    DynamicChannels() {}

    /** Routes create requests for {@code name} to {@code listener}; false when the name already has one. */
    public boolean listen(String name, Listener listener) {
        if (listeners.putIfAbsent(name, listener) != null) {
            return false;
        }
        manager.registerListener(name, listener::onCreateRequest);
        return true;
    }

    /** Stops routing {@code name}; open channels stay open. */
    public void unlisten(String name) {
        if (listeners.remove(name) != null) {
            manager.unregisterListener(name);
        }
    }

    /** Whether the server has exchanged DRDYNVC capabilities with this session (channels can be opened). */
    public boolean isReady() {
        return manager.version() > 0;
    }

    /**
     * Accepts a deferred request. The future tells whether the channel opened: false when the request
     * was no longer pending (refused meanwhile, or the session is gone).
     */
    public CompletableFuture<Boolean> accept(long channelId) {
        CompletableFuture<Boolean> opened = new CompletableFuture<>();
        if (!onLoop(() -> {
            List<DvcEvent> events = manager.accept(channelId);
            process(events);
            opened.complete(events.stream().anyMatch(e -> e instanceof DvcEvent.ChannelOpened));
        })) {
            opened.complete(false);
        }
        return opened;
    }

    /** Refuses a deferred request (no effect when it is no longer pending). */
    public void refuse(long channelId, String reason) {
        onLoop(() -> process(manager.refuse(channelId, reason)));
    }

    /** Closes a channel from this side (no effect when it is not open). */
    public void close(long channelId) {
        onLoop(() -> process(manager.close(channelId)));
    }

    /**
     * Sends one whole message on an open channel (fragmented into DVC PDUs). Takes ownership of
     * {@code message}. Completes when the last fragment was written to the socket; fails with an
     * {@link RdpException} when the channel is not open or the session is gone.
     */
    public CompletableFuture<Void> write(long channelId, ByteBuf message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued = onLoop(() -> {
            CompletableFuture<Void> last = null;
            try {
                last = sendAll(manager.write(channelId, message));
            } catch (RdpException e) {
                done.completeExceptionally(e);
                return;
            } finally {
                message.release();
            }
            last.whenComplete((v, t) -> {
                if (t == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(t);
                }
            });
        });
        if (!queued) {
            message.release();
            done.completeExceptionally(new RdpException(RdpException.Kind.STATE, "DRDYNVC: the session is not connected"));
        }
        return done;
    }

    StaticChannelHandler handler() {
        return new StaticChannelHandler() {
            @Override
            public void onOpen(StaticChannel ch) {
                bind(ch);
            }

            @Override
            public void onMessage(StaticChannel ch, ByteBuf message) {
                bind(ch);
                List<DvcEvent> events;
                try {
                    events = manager.receive(message);
                } catch (RdpException e) {
                    // MS-RDPEDYC 3.1.5.2.4: a malformed or out-of-sequence PDU ends the DVC layer of this connection
                    Logger.tag("rdp").warn("DRDYNVC protocol error, closing every dynamic channel reason=\"{}\"", e.getMessage());
                    process(manager.disconnect());
                    return;
                }
                process(events);
            }

            @Override
            public void onClosed() {
                process(manager.disconnect());
                channel = null;
            }
        };
    }

    private void bind(StaticChannel ch) {
        if (channel == null) {
            channel = ch;
        }
    }

    /** Sets the event loop (the driver's), once the connection exists. */
    void attach(EventExecutor executor) {
        this.loop = executor;
    }

    private boolean onLoop(Runnable r) {
        EventExecutor l = loop;
        if (l == null) {
            return false;
        }
        if (l.inEventLoop()) {
            r.run();
        } else {
            l.execute(r);
        }
        return true;
    }

    private CompletableFuture<Void> sendAll(List<DvcEvent> events) {
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        for (DvcEvent e : events) {
            if (e instanceof DvcEvent.Send s) {
                StaticChannel ch = channel;
                if (ch == null) {
                    s.pdu().release();
                    last = CompletableFuture.failedFuture(new RdpException(RdpException.Kind.STATE,
                            "DRDYNVC: the static channel is not open"));
                } else {
                    last = ch.write(s.pdu());
                }
            }
        }
        return last;
    }

    private void process(List<DvcEvent> events) {
        sendAll(events);
        for (DvcEvent e : events) {
            try {
                switch (e) {
                    case DvcEvent.Send s -> { }
                    case DvcEvent.CapabilitiesNegotiated c -> Logger.tag("rdp").info("DRDYNVC ready version={}", c.version());
                    case DvcEvent.ChannelRequested r -> {
                        Listener l = listeners.get(r.name());
                        if (l == null) {
                            process(manager.refuse(r.channelId(), "listener removed"));
                        } else {
                            byChannel.put(r.channelId(), l);
                            l.onRequested(r.channelId(), r.name(), r.priority());
                        }
                    }
                    case DvcEvent.ChannelOpened o -> {
                        Listener l = byChannel.computeIfAbsent(o.channelId(), id -> listeners.get(o.name()));
                        Logger.tag("rdp").debug("dynamic channel opened id={} name={}", o.channelId(), o.name());
                        if (l != null) {
                            l.onOpened(o.channelId(), o.name());
                        }
                    }
                    case DvcEvent.ChannelRefused r -> {
                        Listener l = byChannel.remove(r.channelId());
                        Logger.tag("rdp").debug("dynamic channel refused id={} name={} reason=\"{}\"", r.channelId(), r.name(), r.reason());
                        if (l != null) {
                            l.onRefused(r.channelId(), r.name(), r.reason());
                        }
                    }
                    case DvcEvent.MessageReceived m -> {
                        try {
                            Listener l = byChannel.get(m.channelId());
                            if (l != null) {
                                l.onMessage(m.channelId(), m.message());
                            }
                        } finally {
                            m.message().release();
                        }
                    }
                    case DvcEvent.ChannelClosed c -> {
                        Listener l = byChannel.remove(c.channelId());
                        Logger.tag("rdp").debug("dynamic channel closed id={} name={} reason={}", c.channelId(), c.name(), c.reason());
                        if (l != null) {
                            l.onClosed(c.channelId(), c.name(), c.reason());
                        }
                    }
                    case DvcEvent.DataDropped d -> Logger.tag("rdp").debug("dynamic channel data dropped id={} bytes={}",
                            d.channelId(), d.bytes());
                    case DvcEvent.SoftSyncIgnored s -> Logger.tag("rdp").debug("DRDYNVC soft-sync request ignored");
                }
            } catch (RuntimeException ex) {
                Logger.tag("rdp").warn(ex, "dynamic channel listener failed on {}", e.getClass().getSimpleName());
            }
        }
    }
}
