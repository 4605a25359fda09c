package dev.porthole.plugin.sandbox.host;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;
import dev.porthole.plugin.sandbox.runtime.PluginRuntime;

/**
 * A plugin run in the host's own JVM with the same broker and runtime as a sandboxed one but no
 * process, socket or serialisation in between: the baseline the sandbox is measured against. Not for
 * production (no isolation at all).
 */
public final class InProcessPlugin implements AutoCloseable {

    private final ChannelBroker broker;
    private final PluginRuntime runtime;
    private final SerialExecutor serial;
    private final ExecutorService pluginSide;
    private final ScheduledExecutorService timers;

    /**
     * Starts {@code plugin} (initialize) against {@code session}.
     *
     * @throws SandboxException STATE when initialize fails or times out
     */
    public InProcessPlugin(Plugin plugin, PluginManifest manifest, HostConfig config, DvcSession session, PluginEvents events)
            throws InterruptedException {
        this.serial = new SerialExecutor("inprocess-" + manifest.id());
        this.pluginSide = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "inprocess-" + manifest.id() + "-transport");
            t.setDaemon(true);
            return t;
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inprocess-timers");
            t.setDaemon(true);
            return t;
        });
        PluginRuntime[] rt = new PluginRuntime[1];
        this.broker = new ChannelBroker(manifest.id(), manifest, config, session, events,
                m -> pluginSide.execute(() -> rt[0].onMessage(m)),
                reason -> events.onEvent(new PluginEvent.Violation(manifest.id(), reason)), serial, timers);
        this.runtime = new PluginRuntime(plugin, m -> {
            if (!(m instanceof IpcMessage.Pong)) {
                serial.execute(() -> broker.fromPlugin(m));
            }
        });
        rt[0] = runtime;
        serial.execute(broker::start);
        try {
            broker.initialized.get(config.initializeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            close();
            throw new SandboxException(SandboxException.Kind.STATE, "in-process plugin " + manifest.id() + " did not initialise: " + e, e);
        }
    }

    /** The session connected. */
    public void sessionConnected() {
        serial.execute(broker::sessionConnected);
    }

    /** Terminates the plugin (channels closed, {@code terminated()} called). */
    @Override
    public void close() throws InterruptedException {
        serial.execute(broker::terminate);
        runtime.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        serial.execute(() -> broker.shutdown("closed"));
        pluginSide.shutdown();
        timers.shutdownNow();
    }
}
