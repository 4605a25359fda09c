package dev.porthole.plugin.sandbox.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.launch.SandboxLauncher;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import dev.porthole.plugin.sandbox.pkg.PluginStore.InstalledPlugin;

/**
 * Runs installed plugins, each in its own sandboxed JVM, and supervises them: a plugin that exits
 * unasked (crash, violation, missed heartbeat) has its channels closed toward the server and is
 * restarted after a backoff that doubles per crash; one that crashes {@code crashLoopCount} times
 * within {@code crashLoopWindow} is disabled and reported ({@link PluginEvent.Disabled}). Each start
 * re-verifies the installed package, so files changed on disk are refused. The session never waits
 * for a plugin: requests to a plugin that is down are refused at once.
 */
public final class PluginHost implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("plugin");

    /** A plugin's supervision state. */
    public enum State { STARTING, RUNNING, BACKOFF, DISABLED, STOPPED }

    /** One plugin's status. */
    public record Status(String id, State state, int incarnation, int crashes, String lastExit, String isolation) {}

    private final HostConfig config;
    private final SandboxLauncher launcher;
    private final Path runDir;
    private final PluginStore store;
    private final DvcSession session;
    private final PluginEvents events;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private final Map<String, Supervisor> plugins = new LinkedHashMap<>();
    private final Map<String, String> claimedChannels = new HashMap<>();
    private volatile boolean sessionConnected;
    private boolean closed;

    /**
     * @param runDir host-private directory for IPC sockets and filter files
     * @param clock  the time for certificate validity checks
     */
    public PluginHost(HostConfig config, SandboxLauncher launcher, Path runDir, PluginStore store, DvcSession session,
                      PluginEvents events, InstantSource clock) {
        this.config = config;
        this.launcher = launcher;
        this.runDir = runDir;
        this.store = store;
        this.session = session;
        this.events = events;
        this.clock = clock;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "porthole-plugin-timers");
            t.setDaemon(true);
            return t;
        });
        LOG.info("plugin host ready resources=\"{}\"", launcher.resources().detail());
    }

    /**
     * Starts an installed plugin (verifying it again) and supervises it.
     *
     * @throws SandboxException STATE when it is already running or not installed, POLICY when another
     *                          running plugin declares one of its channels, or the verification error
     */
    public synchronized void start(String id) {
        if (closed) {
            throw new SandboxException(SandboxException.Kind.STATE, "plugin host is closed");
        }
        Supervisor existing = plugins.get(id);
        if (existing != null && existing.state != State.STOPPED && existing.state != State.DISABLED) {
            throw new SandboxException(SandboxException.Kind.STATE, "plugin " + id + " is already " + existing.state);
        }
        InstalledPlugin p = store.load(id, clock.instant());
        for (String c : p.manifest().channels()) {
            String owner = claimedChannels.get(c);
            if (owner != null && !owner.equals(id)) {
                throw new SandboxException(SandboxException.Kind.POLICY, "plugin " + id + " declares channel '" + c
                        + "', which running plugin " + owner + " already declares");
            }
        }
        p.manifest().channels().forEach(c -> claimedChannels.put(c, id));
        Supervisor s = existing != null ? existing : new Supervisor(id);
        plugins.put(id, s);
        s.crashTimes.clear();
        s.consecutive = 0;
        s.launch(p);
    }

    /** Terminates a plugin (TERMINATE, then kill after the timeout) and waits for it to exit. */
    public void stop(String id) throws InterruptedException {
        Supervisor s;
        synchronized (this) {
            s = plugins.get(id);
            if (s == null) {
                return;
            }
        }
        s.stop();
    }

    /** The session connected: running plugins get {@code connected()}; plugins started later get it after initialize. */
    public synchronized void sessionConnected() {
        sessionConnected = true;
        plugins.values().forEach(s -> {
            PluginProcess p = s.current;
            if (p != null) {
                p.sessionConnected();
            }
        });
    }

    /** The session disconnected: plugins' channels are closed and they get {@code disconnected(reason)}. */
    public synchronized void sessionDisconnected(int reason) {
        sessionConnected = false;
        plugins.values().forEach(s -> {
            PluginProcess p = s.current;
            if (p != null) {
                p.sessionDisconnected(reason);
            }
        });
    }

    /** Status of every plugin started on this host. */
    public synchronized List<Status> status() {
        List<Status> out = new ArrayList<>();
        for (Supervisor s : plugins.values()) {
            out.add(s.status());
        }
        return out;
    }

    /** Status of one plugin. */
    public synchronized Optional<Status> status(String id) {
        Supervisor s = plugins.get(id);
        return s == null ? Optional.empty() : Optional.of(s.status());
    }

    /** The host pid of a running plugin's JVM (for operators and tests). */
    public Optional<Long> jvmPid(String id) {
        Supervisor s;
        synchronized (this) {
            s = plugins.get(id);
        }
        PluginProcess p = s == null ? null : s.current;
        return p == null ? Optional.empty() : p.jvmPid();
    }

    /** Stops every plugin and the host's timers. */
    @Override
    public void close() {
        List<Supervisor> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(plugins.values());
        }
        for (Supervisor s : all) {
            try {
                s.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
    }

    /** Restart policy and state for one plugin. */
    private final class Supervisor {
        final String id;
        State state = State.STOPPED;
        int incarnation;
        int consecutive;
        int crashes;
        final Deque<Long> crashTimes = new ArrayDeque<>();
        String lastExit = "";
        volatile PluginProcess current;
        ScheduledFuture<?> restart;
        boolean stopRequested;
        CountDownLatch exited = new CountDownLatch(0);

        Supervisor(String id) {
            this.id = id;
        }

        /** Under the host lock. */
        void launch(InstalledPlugin p) {
            stopRequested = false;
            incarnation++;
            state = State.STARTING;
            exited = new CountDownLatch(1);
            PluginProcess proc = new PluginProcess(p, incarnation, config, launcher, runDir, session, this::onEvent, timers,
                    sessionConnected, this::onExit);
            current = proc;
            try {
                proc.start();
            } catch (SandboxException e) {
                current = null;
                exited.countDown();
                LOG.error("plugin={} could not be started: {}", id, e.getMessage());
                crashed(new PluginProcess.Exit(-1, "could not be started: " + e.getMessage(), false, false));
            }
        }

        private void onEvent(PluginEvent e) {
            if (e instanceof PluginEvent.Started) {
                synchronized (PluginHost.this) {
                    if (state == State.STARTING) {
                        state = State.RUNNING;
                    }
                }
            }
            events.onEvent(e);
        }

        private void onExit(PluginProcess.Exit exit) {
            synchronized (PluginHost.this) {
                current = null;
                lastExit = exit.reason();
                if (stopRequested || closed) {
                    state = State.STOPPED;
                    LOG.info("plugin={} stopped: {}", id, exit.reason());
                    events.onEvent(new PluginEvent.Exited(id, incarnation, exit.exitCode(), exit.reason(), -1));
                    releaseChannels();
                } else {
                    crashed(exit);
                }
                exited.countDown();
            }
        }

        /** Under the host lock. */
        private void crashed(PluginProcess.Exit exit) {
            long now = System.nanoTime();
            crashes++;
            crashTimes.addLast(now);
            while (!crashTimes.isEmpty() && now - crashTimes.peekFirst() > config.crashLoopWindow().toNanos()) {
                crashTimes.removeFirst();
            }
            if (crashTimes.size() >= config.crashLoopCount()) {
                state = State.DISABLED;
                String reason = "crashed " + crashTimes.size() + " times within " + config.crashLoopWindow().toSeconds()
                        + " s; last: " + exit.reason();
                LOG.error("plugin={} disabled: {}", id, reason);
                events.onEvent(new PluginEvent.Exited(id, incarnation, exit.exitCode(), exit.reason(), -1));
                events.onEvent(new PluginEvent.Disabled(id, reason));
                releaseChannels();
                return;
            }
            consecutive++;
            long delay = Math.min(config.maxRestartBackoff().toMillis(),
                    config.restartBackoff().toMillis() << Math.min(20, consecutive - 1));
            state = State.BACKOFF;
            LOG.warn("plugin={} exited unexpectedly ({}); restarting in {} ms", id, exit.reason(), delay);
            events.onEvent(new PluginEvent.Exited(id, incarnation, exit.exitCode(), exit.reason(), delay));
            restart = timers.schedule(this::restartNow, delay, TimeUnit.MILLISECONDS);
        }

        private void restartNow() {
            synchronized (PluginHost.this) {
                if (state != State.BACKOFF || closed) {
                    return;
                }
                InstalledPlugin p;
                try {
                    p = store.load(id, clock.instant());
                } catch (SandboxException e) {
                    state = State.DISABLED;
                    LOG.error("plugin={} disabled: it no longer verifies: {}", id, e.getMessage());
                    events.onEvent(new PluginEvent.Disabled(id, "no longer verifies: " + e.getMessage()));
                    releaseChannels();
                    return;
                }
                launch(p);
            }
        }

        private void releaseChannels() {
            claimedChannels.values().removeIf(owner -> owner.equals(id));
        }

        void stop() throws InterruptedException {
            PluginProcess p;
            CountDownLatch latch;
            synchronized (PluginHost.this) {
                stopRequested = true;
                if (restart != null) {
                    restart.cancel(false);
                }
                if (state == State.BACKOFF || state == State.DISABLED) {
                    if (state == State.BACKOFF) {
                        state = State.STOPPED;
                    }
                    releaseChannels();
                    return;
                }
                p = current;
                latch = exited;
            }
            if (p != null) {
                p.terminate();
            }
            Duration wait = config.terminateTimeout().plusSeconds(5);
            if (!latch.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("plugin={} did not stop within {} ms", id, wait.toMillis());
            }
        }

        Status status() {
            PluginProcess p = current;
            return new Status(id, state, incarnation, crashes, lastExit, p == null ? "" : p.isolation());
        }
    }
}
