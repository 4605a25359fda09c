package dev.porthole.agent.plugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.plugin.sandbox.host.DvcSession;
import dev.porthole.rdp.netty.client.DynamicChannels;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcEvent;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.tinylog.Logger;

/**
 * The plugin host's {@link DvcSession} over a live RDP session's dynamic virtual channels: each
 * {@code listen(name)} registers a deferring listener with the session's {@link DynamicChannels}; a
 * server application's create request becomes a {@link DvcRequest} the host answers (accept → the
 * channel opens, refuse → the server gets a failure HRESULT); server messages and closes go to the
 * host's handler; {@code write}'s {@code sent} runs when the message's last fragment is written to the
 * socket — that is the backpressure toward the plugin.
 */
public final class RdpDvcSession implements DvcSession {

    /** The DRDYNVC static channel definition to request when plugins are configured (MS-RDPBCGR 2.2.1.3.4.1). */
    public static final ChannelDef DRDYNVC = new ChannelDef("drdynvc",
            ChannelDef.CHANNEL_OPTION_INITIALIZED | ChannelDef.CHANNEL_OPTION_ENCRYPT_RDP);

    private final DynamicChannels dynamic;
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    public RdpDvcSession(DynamicChannels dynamic) {
        this.dynamic = dynamic;
    }

    /**
     * {@code channels} plus "drdynvc" when it is missing: plugins need dynamic virtual channels.
     */
    public static List<ChannelDef> withDrdynvc(List<ChannelDef> channels) {
        if (channels.stream().anyMatch(c -> c.name().equalsIgnoreCase(DRDYNVC.name()))) {
            return List.copyOf(channels);
        }
        List<ChannelDef> out = new java.util.ArrayList<>(channels);
        out.add(DRDYNVC);
        return List.copyOf(out);
    }

    /**
     * The static channels to request for {@code config}: {@code base} plus "drdynvc" when plugins are
     * configured ({@code plugins.allowed} not empty), else {@code base} unchanged.
     */
    public static List<ChannelDef> staticChannels(dev.porthole.agent.config.AgentConfig.Plugins plugins, List<ChannelDef> base) {
        return plugins.allowed().isEmpty() ? List.copyOf(base) : withDrdynvc(base);
    }

    @Override
    public boolean listen(String channelName, DvcListener listener) {
        return dynamic.listen(channelName, new DynamicChannels.Listener() {
            @Override
            public void onRequested(long channelId, String name, int priority) {
                listener.onChannelRequest(new Request(channelId, name));
            }

            @Override
            public void onMessage(long channelId, ByteBuf message) {
                Open o = open.get(channelId);
                if (o != null) {
                    o.handler.onMessage(ByteBufUtil.getBytes(message));
                }
            }

            @Override
            public void onRefused(long channelId, String name, String reason) {
                Open o = open.remove(channelId);
                if (o != null) {
                    o.closed();
                }
            }

            @Override
            public void onClosed(long channelId, String name, DvcEvent.CloseReason reason) {
                Open o = open.remove(channelId);
                if (o != null) {
                    Logger.tag("plugin").debug("channel closed id={} name={} reason={}", channelId, name, reason);
                    o.closed();
                }
            }
        });
    }

    @Override
    public void unlisten(String channelName) {
        dynamic.unlisten(channelName);
    }

    private final class Request implements DvcRequest {
        private final long id;
        private final String name;
        private final AtomicBoolean answered = new AtomicBoolean();

        Request(long id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public long channelId() {
            return id;
        }

        @Override
        public String channelName() {
            return name;
        }

        @Override
        public DvcChannel accept(DvcChannelHandler handler) {
            if (!answered.compareAndSet(false, true)) {
                throw new IllegalStateException("channel request " + id + " answered twice");
            }
            Open o = new Open(id, handler);
            open.put(id, o); // before the accept: the server may write as soon as it sees the response
            dynamic.accept(id).thenAccept(opened -> {
                if (!opened && open.remove(id, o)) {
                    o.closed(); // the request went away before the answer (refusal or disconnect)
                }
            });
            return o;
        }

        @Override
        public void refuse(String reason) {
            if (answered.compareAndSet(false, true)) {
                dynamic.refuse(id, reason);
            }
        }
    }

    private final class Open implements DvcChannel {
        private final long id;
        private final DvcChannelHandler handler;
        private final AtomicBoolean closed = new AtomicBoolean();

        Open(long id, DvcChannelHandler handler) {
            this.id = id;
            this.handler = handler;
        }

        @Override
        public void write(byte[] message, Runnable sent) {
            dynamic.write(id, Unpooled.wrappedBuffer(message)).whenComplete((v, t) -> {
                if (t != null) {
                    Logger.tag("plugin").debug("channel write dropped id={} bytes={} reason=\"{}\"", id, message.length, t.getMessage());
                }
                sent.run(); // a dropped message is off the host's hands too; the close (if any) follows
            });
        }

        @Override
        public void close() {
            dynamic.close(id);
        }

        void closed() {
            if (closed.compareAndSet(false, true)) {
                handler.onClosed();
            }
        }
    }
}
