package dev.porthole.plugin.sandbox.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.plugin.api.Channel;
import dev.porthole.plugin.api.ChannelCallback;
import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Listener;
import dev.porthole.plugin.api.ListenerCallback;
import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.api.PluginException;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;

/**
 * The plugin side of the SDK: turns host messages into calls on the vendor {@link Plugin} and the
 * plugin's SDK calls into messages for the host. Runs the same in the sandbox (over IPC frames) and
 * in-process (benchmarks, certification baselines).
 *
 * <p>Every call into vendor code happens on one dispatch thread, one at a time, in arrival order; SDK
 * calls never call back into the plugin directly (a close schedules {@code onClose} on the dispatch
 * queue), so nothing is re-entrant and closing from inside {@code onClose} cannot deadlock. Writes are
 * copied into a per-channel queue (bounded: beyond it {@code write} throws BACKPRESSURE) and leave it as
 * the host grants credit. Heartbeats are answered from the transport thread, with how long the current
 * callback has been running, so the host can tell a dead process from a blocked callback.
 */
public final class PluginRuntime implements ChannelManager {

    /** Where the runtime's messages for the host go. Must be thread-safe; may block briefly. */
    @FunctionalInterface
    public interface Transport {
        void send(IpcMessage message);
    }

    private final Plugin plugin;
    private final Transport transport;
    private final BlockingQueue<Runnable> dispatch = new LinkedBlockingQueue<>();
    private final Map<String, ListenerImpl> listeners = new ConcurrentHashMap<>();
    private final Map<Long, ChannelImpl> channels = new ConcurrentHashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread dispatcher;
    private volatile long busySince; // System.nanoTime() when the current callback started, 0 when idle
    private volatile String pluginId = "?";
    private volatile List<String> declared = List.of();
    private volatile int maxMessageSize = 1 << 20;
    private volatile int initialCredit = 1 << 20;
    private volatile boolean stopping;

    /**
     * @param plugin    the vendor plugin instance
     * @param transport where messages for the host go
     */
    public PluginRuntime(Plugin plugin, Transport transport) {
        this.plugin = plugin;
        this.transport = transport;
        this.dispatcher = new Thread(this::dispatchLoop, "porthole-plugin-dispatch");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Handles one message from the host (called by the transport's reader thread). */
    public void onMessage(IpcMessage m) {
        switch (m) {
            case IpcMessage.Initialize init -> {
                pluginId = init.pluginId();
                declared = init.channels();
                maxMessageSize = init.maxMessageSize();
                initialCredit = init.initialCredit();
                post(() -> {
                    try {
                        plugin.initialize(this);
                        transport.send(new IpcMessage.Initialized(true, ""));
                    } catch (Throwable t) {
                        transport.send(new IpcMessage.Initialized(false, clip(t.toString())));
                        report("initialize", t);
                    }
                });
            }
            case IpcMessage.Connected c -> post(() -> guarded("connected", plugin::connected));
            case IpcMessage.Disconnected d -> post(() -> guarded("disconnected", () -> plugin.disconnected(d.reason())));
            case IpcMessage.Terminate t -> post(() -> {
                stopping = true;
                for (ChannelImpl ch : channels.values()) {
                    ch.closedByHost();
                }
                post(() -> {
                    guarded("terminated", plugin::terminated);
                    terminated.countDown();
                });
            });
            case IpcMessage.NewChannel nc -> post(() -> newChannel(nc.channelId(), nc.name()));
            case IpcMessage.Data d -> {
                ChannelImpl ch = channels.get(d.channelId());
                if (ch != null) {
                    post(() -> ch.deliver(d.payload()));
                }
            }
            case IpcMessage.Close c -> {
                ChannelImpl ch = channels.get(c.channelId());
                if (ch != null) {
                    ch.closedByHost();
                }
            }
            case IpcMessage.Credit c -> {
                ChannelImpl ch = channels.get(c.channelId());
                if (ch != null) {
                    ch.addCredit(c.bytes());
                }
            }
            case IpcMessage.Ping p -> {
                long since = busySince;
                transport.send(new IpcMessage.Pong(p.nonce(), since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000));
            }
            default -> transport.send(new IpcMessage.Log(3, "runtime: ignored unexpected host message " + m.getClass().getSimpleName()));
        }
    }

    /** Waits until {@code terminated()} has returned. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    // ---- ChannelManager ----

    @Override
    public Listener createListener(String channelName, ListenerCallback callback) {
        if (channelName == null || callback == null) {
            throw new PluginException(PluginException.Reason.ILLEGAL_STATE, "createListener needs a channel name and a callback");
        }
        if (stopping) {
            throw new PluginException(PluginException.Reason.ILLEGAL_STATE, "plugin " + pluginId + " is terminating");
        }
        if (!declared.contains(channelName)) {
            throw new PluginException(PluginException.Reason.NOT_DECLARED, "channel '" + channelName
                    + "' is not declared in the manifest of " + pluginId + " (declared: " + declared + ")");
        }
        ListenerImpl l = new ListenerImpl(channelName, callback);
        if (listeners.putIfAbsent(channelName, l) != null) {
            throw new PluginException(PluginException.Reason.ILLEGAL_STATE, "channel '" + channelName + "' already has a listener");
        }
        transport.send(new IpcMessage.CreateListener(channelName));
        return l;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    // ---- internals ----

    private void post(Runnable r) {
        dispatch.add(r);
    }

    private void dispatchLoop() {
        while (true) {
            Runnable r;
            try {
                r = dispatch.take();
            } catch (InterruptedException e) {
                return;
            }
            busySince = System.nanoTime();
            try {
                r.run();
            } catch (Throwable t) {
                report("dispatch", t);
            } finally {
                busySince = 0;
            }
        }
    }

    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            report(what, t);
        }
    }

    private void report(String what, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        transport.send(new IpcMessage.Log(4, clip("plugin " + what + " threw " + sw)));
    }

    private static String clip(String s) {
        return s.length() > 8000 ? s.substring(0, 8000) + " …" : s;
    }

    private void newChannel(long id, String name) {
        ListenerImpl l = listeners.get(name);
        if (l == null || stopping) {
            transport.send(new IpcMessage.Reject(id));
            return;
        }
        ChannelImpl ch = new ChannelImpl(id, name);
        channels.put(id, ch);
        ChannelCallback cb = null;
        try {
            cb = l.callback.onNewChannelConnection(ch);
        } catch (Throwable t) {
            report("onNewChannelConnection", t);
        }
        if (cb == null) {
            channels.remove(id);
            transport.send(new IpcMessage.Reject(id));
            return;
        }
        ch.accepted(cb);
    }

    private final class ListenerImpl implements Listener {
        final String name;
        final ListenerCallback callback;
        final AtomicBoolean closed = new AtomicBoolean();

        ListenerImpl(String name, ListenerCallback callback) {
            this.name = name;
            this.callback = callback;
        }

        @Override
        public String channelName() {
            return name;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                listeners.remove(name, this);
                transport.send(new IpcMessage.CloseListener(name));
            }
        }
    }

    private enum State { PENDING, OPEN, CLOSED }

    private final class ChannelImpl implements Channel {
        final long id;
        final String name;
        volatile ChannelCallback callback;
        volatile State state = State.PENDING;
        private boolean onCloseDone; // dispatch thread only
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private long queued;
        private long credit;

        ChannelImpl(long id, String name) {
            this.id = id;
            this.name = name;
        }

        long maxQueued() {
            return Math.max(4L * initialCredit, maxMessageSize);
        }

        void accepted(ChannelCallback cb) {
            synchronized (this) {
                callback = cb;
                credit = initialCredit;
                transport.send(new IpcMessage.Accept(id));
                if (state == State.PENDING) {
                    state = State.OPEN;
                }
            }
        }

        /** Dispatch thread: one message from the host, then credit for it. */
        void deliver(byte[] message) {
            if (onCloseDone || callback == null) {
                return;
            }
            try {
                callback.onDataReceived(message);
            } catch (Throwable t) {
                report("onDataReceived on '" + name + "'", t);
            }
            if (state == State.OPEN) {
                transport.send(new IpcMessage.Credit(id, Math.max(1, message.length))); // an empty message costs 1
            }
        }

        /** The host closed the channel: writes stop now, onClose follows queued deliveries. */
        void closedByHost() {
            if (markClosed()) {
                post(this::fireOnClose);
            }
        }

        private boolean markClosed() {
            synchronized (this) {
                if (state == State.CLOSED) {
                    return false;
                }
                state = State.CLOSED;
                queue.clear();
                queued = 0;
                return true;
            }
        }

        private void fireOnClose() {
            channels.remove(id, this);
            if (onCloseDone) {
                return;
            }
            onCloseDone = true;
            ChannelCallback cb = callback;
            if (cb != null) {
                try {
                    cb.onClose();
                } catch (Throwable t) {
                    report("onClose on '" + name + "'", t);
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public void write(byte[] message, int offset, int length) {
            if (offset < 0 || length < 0 || offset > message.length - length) {
                throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for " + message.length + " bytes");
            }
            if (length > maxMessageSize) {
                throw new PluginException(PluginException.Reason.TOO_LARGE, "message of " + length + " bytes exceeds the limit of "
                        + maxMessageSize + " on channel '" + name + "'");
            }
            synchronized (this) {
                if (state == State.CLOSED) {
                    throw new PluginException(PluginException.Reason.CLOSED, "channel '" + name + "' (" + id + ") is closed");
                }
                if (state == State.PENDING) {
                    throw new PluginException(PluginException.Reason.ILLEGAL_STATE, "channel '" + name + "' is not accepted yet");
                }
                if (queued + length > maxQueued()) {
                    throw new PluginException(PluginException.Reason.BACKPRESSURE, queued + " bytes already queued on channel '"
                            + name + "' (limit " + maxQueued() + ")");
                }
                byte[] copy = new byte[length];
                System.arraycopy(message, offset, copy, 0, length);
                queue.add(copy);
                queued += length;
                pump();
            }
        }

        @Override
        public synchronized long writableBytes() {
            return state == State.OPEN ? Math.max(0, maxQueued() - queued) : 0;
        }

        void addCredit(int bytes) {
            synchronized (this) {
                credit += bytes;
                pump();
            }
        }

        /** Sends queued messages while credit is positive (a message may take credit below zero). Holds the lock. */
        private void pump() {
            while (credit > 0 && !queue.isEmpty() && state == State.OPEN) {
                byte[] m = queue.poll();
                queued -= m.length;
                credit -= Math.max(1, m.length);
                transport.send(new IpcMessage.Data(id, m));
            }
        }

        @Override
        public void close() {
            if (markClosed()) {
                transport.send(new IpcMessage.Close(id));
                post(this::fireOnClose);
            }
        }

        @Override
        public boolean isOpen() {
            return state == State.OPEN;
        }
    }
}
