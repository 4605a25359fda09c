package dev.porthole.plugin.sandbox.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.plugin.sandbox.host.DvcSession.DvcChannel;
import dev.porthole.plugin.sandbox.host.DvcSession.DvcChannelHandler;
import dev.porthole.plugin.sandbox.host.DvcSession.DvcRequest;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;

/**
 * The host's half of the IPC protocol for one plugin process: it mirrors the plugin's listeners onto
 * the session, turns create requests into NEW_CHANNEL and the plugin's answer into accept/refuse,
 * carries messages both ways under per-channel credit, and closes channels in both directions.
 * Rules it enforces (a breach calls {@code kill} with the reason): listening only on declared names,
 * never sending data beyond credit, only plugin-to-host message types.
 *
 * <p>Not thread-safe by design: every method runs on the one serial executor given to the constructor
 * (DVC callbacks and plugin frames are posted to it), so there are no locks and no re-entrancy.
 */
final class ChannelBroker {

    private static final TaggedLogger LOG = Logger.tag("plugin");

    private final String pluginId;
    private final PluginManifest manifest;
    private final HostConfig config;
    private final DvcSession session;
    private final PluginEvents events;
    private final Consumer<IpcMessage> toPlugin;
    private final Consumer<String> kill;
    private final Executor serial;
    private final ScheduledExecutorService timers;

    private final Set<String> listening = new HashSet<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, Open> open = new HashMap<>();
    final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private boolean dead;

    private record Pending(DvcRequest request, ScheduledFuture<?> timeout) {}

    /** Host-side state of one open channel. */
    private final class Open implements DvcChannelHandler {
        final long id;
        final String name;
        DvcChannel dvc;
        long toPluginCredit = config.initialCredit();
        long fromPluginCredit = config.initialCredit();
        final ArrayDeque<byte[]> queued = new ArrayDeque<>();
        long queuedBytes;
        boolean closed;

        Open(long id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public void onMessage(byte[] message) {
            serial.execute(() -> fromServer(this, message));
        }

        @Override
        public void onClosed() {
            serial.execute(() -> closedByServer(this));
        }
    }

    ChannelBroker(String pluginId, PluginManifest manifest, HostConfig config, DvcSession session, PluginEvents events,
                  Consumer<IpcMessage> toPlugin, Consumer<String> kill, Executor serial, ScheduledExecutorService timers) {
        this.pluginId = pluginId;
        this.manifest = manifest;
        this.config = config;
        this.session = session;
        this.events = events;
        this.toPlugin = toPlugin;
        this.kill = kill;
        this.serial = serial;
        this.timers = timers;
    }

    /** Sends INITIALIZE. */
    void start() {
        toPlugin.accept(new IpcMessage.Initialize(pluginId, manifest.channels(), config.maxMessageSize(), config.initialCredit()));
    }

    /** Handles one frame from the plugin. */
    void fromPlugin(IpcMessage m) {
        if (dead) {
            return;
        }
        switch (m) {
            case IpcMessage.Initialized init -> {
                if (init.ok()) {
                    initialized.complete(null);
                } else {
                    initialized.completeExceptionally(new IllegalStateException("initialize failed: " + init.error()));
                }
            }
            case IpcMessage.CreateListener cl -> createListener(cl.name());
            case IpcMessage.CloseListener cl -> {
                if (listening.remove(cl.name())) {
                    session.unlisten(cl.name());
                }
            }
            case IpcMessage.Accept a -> accept(a.channelId());
            case IpcMessage.Reject r -> {
                Pending p = pending.remove(r.channelId());
                if (p != null) {
                    p.timeout().cancel(false);
                    p.request().refuse("refused by plugin " + pluginId);
                }
            }
            case IpcMessage.Data d -> fromPluginData(d);
            case IpcMessage.Close c -> {
                Open o = open.remove(c.channelId());
                if (o != null && !o.closed) {
                    o.closed = true;
                    o.queued.clear();
                    o.dvc.close();
                    events.onEvent(new PluginEvent.ChannelClosed(pluginId, o.id, "closed by the plugin"));
                }
            }
            case IpcMessage.Credit c -> {
                Open o = open.get(c.channelId());
                if (o != null) {
                    o.toPluginCredit += c.bytes();
                    if (o.toPluginCredit > config.initialCredit()) {
                        kill.accept("granted more credit on channel '" + o.name + "' than it was sent (" + o.toPluginCredit
                                + " > " + config.initialCredit() + ")");
                        return;
                    }
                    drain(o);
                }
            }
            case IpcMessage.Log l -> {
                logLine(l.level(), l.text());
                events.onEvent(new PluginEvent.Log(pluginId, l.level(), l.text()));
            }
            case IpcMessage.Denied d -> {
                LOG.warn("plugin={} seccomp denied syscall={} nr={}", pluginId, d.syscall(), d.syscallNumber());
                events.onEvent(new PluginEvent.SyscallDenied(pluginId, d.syscallNumber(), d.syscall()));
            }
            default -> kill.accept("sent a " + m.getClass().getSimpleName() + " frame, which only the host may send");
        }
    }

    private void createListener(String name) {
        if (!manifest.channels().contains(name)) {
            kill.accept("tried to listen on channel '" + name + "', which its manifest does not declare " + manifest.channels());
            return;
        }
        if (!listening.add(name)) {
            return;
        }
        boolean ok = session.listen(name, request -> serial.execute(() -> onRequest(request)));
        if (!ok) {
            listening.remove(name);
            LOG.warn("plugin={} channel={} already has a listener in the session; the plugin will not receive it", pluginId, name);
            toPlugin.accept(new IpcMessage.Log(3, "channel '" + name + "' is taken in this session"));
        } else {
            LOG.debug("plugin={} listening channel={}", pluginId, name);
        }
    }

    private void onRequest(DvcRequest request) {
        long id = request.channelId();
        if (dead || !initialized.isDone() || initialized.isCompletedExceptionally()) {
            request.refuse("plugin " + pluginId + " is not running");
            return;
        }
        if (pending.containsKey(id) || open.containsKey(id)) {
            request.refuse("channel id " + id + " is already in use");
            return;
        }
        ScheduledFuture<?> timeout = timers.schedule(() -> serial.execute(() -> {
            Pending p = pending.remove(id);
            if (p != null) {
                LOG.warn("plugin={} channel={} id={} not answered within {} ms: refused", pluginId, request.channelName(), id,
                        config.acceptTimeout().toMillis());
                p.request().refuse("plugin " + pluginId + " did not answer in time");
            }
        }), config.acceptTimeout().toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(request, timeout));
        toPlugin.accept(new IpcMessage.NewChannel(id, request.channelName()));
    }

    private void accept(long id) {
        Pending p = pending.remove(id);
        if (p == null) {
            return; // answered too late: already refused
        }
        p.timeout().cancel(false);
        Open o = new Open(id, p.request().channelName());
        open.put(id, o);
        o.dvc = p.request().accept(o);
        events.onEvent(new PluginEvent.ChannelOpened(pluginId, id, o.name));
    }

    private void fromPluginData(IpcMessage.Data d) {
        Open o = open.get(d.channelId());
        if (o == null || o.closed) {
            return; // raced with a close
        }
        if (o.fromPluginCredit <= 0) {
            kill.accept("flooded channel '" + o.name + "': sent data without credit (" + o.fromPluginCredit + " bytes left)");
            return;
        }
        int cost = Math.max(1, d.payload().length);
        o.fromPluginCredit -= cost;
        o.dvc.write(d.payload(), () -> serial.execute(() -> {
            if (!o.closed && !dead) {
                o.fromPluginCredit += cost;
                toPlugin.accept(new IpcMessage.Credit(o.id, cost));
            }
        }));
    }

    private void fromServer(Open o, byte[] message) {
        if (o.closed || dead) {
            return;
        }
        if (o.toPluginCredit > 0 && o.queued.isEmpty()) {
            o.toPluginCredit -= Math.max(1, message.length);
            toPlugin.accept(new IpcMessage.Data(o.id, message));
            return;
        }
        if (o.queuedBytes + message.length > config.maxQueuedToPlugin()) {
            LOG.warn("plugin={} channel={} id={} is not keeping up ({} bytes queued): closing the channel", pluginId, o.name, o.id,
                    o.queuedBytes);
            closeBoth(o, "plugin not keeping up");
            return;
        }
        o.queued.add(message);
        o.queuedBytes += message.length;
    }

    private void drain(Open o) {
        while (o.toPluginCredit > 0 && !o.queued.isEmpty()) {
            byte[] m = o.queued.poll();
            o.queuedBytes -= m.length;
            o.toPluginCredit -= Math.max(1, m.length);
            toPlugin.accept(new IpcMessage.Data(o.id, m));
        }
    }

    private void closedByServer(Open o) {
        if (open.remove(o.id, o) && !o.closed) {
            o.closed = true;
            o.queued.clear();
            if (!dead) {
                toPlugin.accept(new IpcMessage.Close(o.id));
            }
            events.onEvent(new PluginEvent.ChannelClosed(pluginId, o.id, "closed by the server"));
        }
    }

    private void closeBoth(Open o, String reason) {
        open.remove(o.id);
        o.closed = true;
        o.queued.clear();
        o.dvc.close();
        if (!dead) {
            toPlugin.accept(new IpcMessage.Close(o.id));
        }
        events.onEvent(new PluginEvent.ChannelClosed(pluginId, o.id, reason));
    }

    /** The session connected: tell the plugin. */
    void sessionConnected() {
        if (!dead) {
            toPlugin.accept(new IpcMessage.Connected());
        }
    }

    /**
     * The session disconnected: its channels are gone (the session's own onClosed calls, if any, find
     * them already closed); tell the plugin.
     */
    void sessionDisconnected(int reason) {
        if (!dead) {
            for (Open o : new ArrayList<>(open.values())) {
                closeBoth(o, "session disconnected");
            }
            for (Pending p : pending.values()) {
                p.timeout().cancel(false);
            }
            pending.clear();
            toPlugin.accept(new IpcMessage.Disconnected(reason));
        }
    }

    /** Asks the plugin to terminate after closing its channels toward the server. */
    void terminate() {
        if (!dead) {
            for (Open o : new ArrayList<>(open.values())) {
                closeBoth(o, "plugin terminating");
            }
            toPlugin.accept(new IpcMessage.Terminate());
        }
    }

    /**
     * The plugin process is gone: close its channels toward the server, refuse pending requests, stop
     * listening. Idempotent.
     */
    void shutdown(String reason) {
        if (dead) {
            return;
        }
        dead = true;
        List<Open> channels = new ArrayList<>(open.values());
        open.clear();
        for (Open o : channels) {
            if (!o.closed) {
                o.closed = true;
                o.queued.clear();
                o.dvc.close();
                events.onEvent(new PluginEvent.ChannelClosed(pluginId, o.id, "plugin process ended: " + reason));
            }
        }
        for (Pending p : pending.values()) {
            p.timeout().cancel(false);
            p.request().refuse("plugin " + pluginId + " stopped");
        }
        pending.clear();
        for (String name : listening) {
            session.unlisten(name);
        }
        listening.clear();
        initialized.completeExceptionally(new IllegalStateException("plugin process ended: " + reason));
    }

    /** Open channel count (for status). */
    int openChannels() {
        return open.size();
    }

    private void logLine(int level, String text) {
        switch (level) {
            case 0 -> LOG.trace("plugin={} {}", pluginId, text);
            case 1 -> LOG.debug("plugin={} {}", pluginId, text);
            case 2 -> LOG.info("plugin={} {}", pluginId, text);
            case 3 -> LOG.warn("plugin={} {}", pluginId, text);
            default -> LOG.error("plugin={} {}", pluginId, text);
        }
    }
}
