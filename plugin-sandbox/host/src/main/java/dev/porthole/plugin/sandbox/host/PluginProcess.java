package dev.porthole.plugin.sandbox.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.ipc.FrameReader;
import dev.porthole.plugin.sandbox.ipc.FrameSender;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;
import dev.porthole.plugin.sandbox.launch.SandboxLauncher;
import dev.porthole.plugin.sandbox.pkg.PluginStore.InstalledPlugin;

/**
 * One run of one plugin: the sandboxed JVM, its socket, its reader and writer threads, heartbeat, and
 * the {@link ChannelBroker}. Ends (and reports through {@code onExit}) when the process exits, whether
 * it crashed, was killed for a violation, or terminated on request.
 */
final class PluginProcess {

    private static final TaggedLogger LOG = Logger.tag("plugin");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a run ended. */
    record Exit(int exitCode, String reason, boolean requested, boolean started) {}

    private final InstalledPlugin plugin;
    private final String id;
    private final int incarnation;
    private final HostConfig config;
    private final SandboxLauncher launcher;
    private final Path runDir;
    private final PluginEvents events;
    private final ScheduledExecutorService timers;
    private final Consumer<Exit> onExit;
    private final SerialExecutor serial;
    private final ChannelBroker broker;
    private final LinkedBlockingQueue<IpcMessage> outbox = new LinkedBlockingQueue<>();
    private final AtomicReference<String> killReason = new AtomicReference<>();
    private final AtomicLong lastPong = new AtomicLong();
    private final Deque<String> lastOutput = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private volatile Process process;
    private volatile SocketChannel socket;
    private volatile ServerSocketChannel server;
    private volatile FrameSender sender;
    /** Where host → plugin messages go: the outbox until connected, then straight to the batching sender. */
    private volatile java.util.function.Consumer<IpcMessage> sink = outbox::add;
    private volatile boolean terminating;
    private volatile boolean ended;
    private volatile boolean started;
    private volatile boolean sessionConnected;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile String isolation = "";
    private Path ipcDir;

    PluginProcess(InstalledPlugin plugin, int incarnation, HostConfig config, SandboxLauncher launcher, Path runDir,
                  DvcSession session, PluginEvents events, ScheduledExecutorService timers, boolean sessionConnected,
                  Consumer<Exit> onExit) {
        this.plugin = plugin;
        this.id = plugin.id();
        this.incarnation = incarnation;
        this.config = config;
        this.launcher = launcher;
        this.runDir = runDir;
        this.events = events;
        this.timers = timers;
        this.onExit = onExit;
        this.sessionConnected = sessionConnected;
        this.serial = new SerialExecutor("plugin-" + id + "-serial");
        this.broker = new ChannelBroker(id, plugin.manifest(), config, session, events, m -> sink.accept(m),
                reason -> kill(reason, true), serial, timers);
    }

    /** Launches the sandbox and starts the connection handshake in the background. */
    void start() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        try {
            Files.createDirectories(runDir);
            ipcDir = Files.createTempDirectory(runDir, id + "." + incarnation + ".",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(ipcDir.resolve("host.sock")));
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot prepare the IPC socket of " + id + ": " + e.getMessage(), e);
        }
        SandboxLauncher.Launched launched;
        try {
            launched = launcher.launch(new SandboxLauncher.Request(plugin.manifest(), plugin.packageDir(), plugin.stateDir(),
                    plugin.verified().seccompProfile(), ipcDir, token, Integer.toString(incarnation)));
        } catch (RuntimeException e) {
            closeQuietly();
            deleteIpcDir();
            throw e;
        }
        process = launched.process();
        isolation = launched.isolation();
        LOG.debug("plugin={} incarnation={} launched pid={} command={}", id, incarnation, process.pid(), launched.command());
        Thread.ofVirtual().name("plugin-" + id + "-output").start(this::pumpOutput);
        process.onExit().thenRun(() -> serial.execute(this::exited));
        ScheduledFuture<?> connectTimer = timers.schedule(() -> {
            if (socket == null) {
                kill("did not connect within " + config.connectTimeout().toMillis() + " ms", false);
            }
        }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Thread.ofVirtual().name("plugin-" + id + "-reader").start(() -> connectAndRead(token, connectTimer));
    }

    private void connectAndRead(byte[] token, ScheduledFuture<?> connectTimer) {
        FrameReader reader;
        try {
            SocketChannel s = server.accept();
            server.close();
            Files.deleteIfExists(ipcDir.resolve("host.sock"));
            reader = new FrameReader(Channels.newInputStream(s), config.maxMessageSize() + 64);
            IpcMessage first = reader.read();
            if (!(first instanceof IpcMessage.Hello hello) || hello.version() != IpcMessage.VERSION
                    || !MessageDigest.isEqual(hello.token(), token)) {
                s.close();
                kill("bad HELLO (wrong version or token): " + first, true);
                return;
            }
            socket = s;
            connectTimer.cancel(false);
        } catch (IOException | RuntimeException e) {
            if (!ended) {
                kill("IPC connection failed: " + e, false);
            }
            return;
        }
        FrameSender sender = new FrameSender(Channels.newOutputStream(socket), "plugin-" + id + "-writer", e -> {
            if (!terminating && !ended && killReason.get() == null) {
                kill("IPC write failed: " + e.getMessage(), false);
            }
        });
        this.sender = sender;
        sink = LOG.isTraceEnabled() ? m -> {
            if (!(m instanceof IpcMessage.Data)) {
                LOG.trace("plugin={} host->plugin {}", id, m);
            }
            sender.send(m);
        } : sender::send;
        List<IpcMessage> early = new ArrayList<>();
        outbox.drainTo(early);
        early.forEach(sender::send);
        lastPong.set(System.nanoTime());
        serial.execute(broker::start);
        ScheduledFuture<?> initTimer = timers.schedule(() -> {
            if (!broker.initialized.isDone()) {
                kill("did not initialise within " + config.initializeTimeout().toMillis() + " ms", false);
            }
        }, config.initializeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        broker.initialized.whenComplete((ok, err) -> serial.execute(() -> {
            initTimer.cancel(false);
            if (err != null) {
                kill(err.getMessage(), false);
                return;
            }
            started = true;
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            LOG.info("plugin={} started incarnation={} startup={}ms isolation=\"{}\"", id, incarnation, ms, isolation);
            events.onEvent(new PluginEvent.Started(id, incarnation, ms, isolation));
            heartbeat = timers.scheduleAtFixedRate(this::beat, config.pingInterval().toMillis(), config.pingInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (sessionConnected) {
                broker.sessionConnected();
            }
        }));
        double tokens = config.controlFramesPerSecond() * 4.0;
        long last = System.nanoTime();
        try {
            IpcMessage m;
            while ((m = reader.read()) != null) {
                if (m instanceof IpcMessage.Pong pong) {
                    lastPong.set(System.nanoTime());
                    if (pong.busyMillis() > config.callbackTimeout().toMillis()) {
                        kill("a callback has been running for " + pong.busyMillis() + " ms (limit "
                                + config.callbackTimeout().toMillis() + " ms)", true);
                    }
                }
                if (!(m instanceof IpcMessage.Data) && !(m instanceof IpcMessage.Credit)) {
                    long now = System.nanoTime();
                    tokens = Math.min(config.controlFramesPerSecond() * 4.0,
                            tokens + (now - last) / 1e9 * config.controlFramesPerSecond());
                    last = now;
                    if (tokens < 1) {
                        kill("flood: more than " + config.controlFramesPerSecond() + " control frames per second", true);
                        return;
                    }
                    tokens -= 1;
                }
                if (LOG.isTraceEnabled() && !(m instanceof IpcMessage.Data)) {
                    LOG.trace("plugin={} plugin->host {}", id, m);
                }
                if (!(m instanceof IpcMessage.Pong)) {
                    IpcMessage msg = m;
                    serial.execute(() -> broker.fromPlugin(msg));
                }
            }
            connectionLost();
        } catch (SandboxException e) {
            if (e.kind() == SandboxException.Kind.MALFORMED) {
                kill("sent a malformed frame: " + e.getMessage(), true);
            } else {
                connectionLost();
            }
        } catch (RuntimeException e) {
            kill("IPC reader failed: " + e, false);
        }
    }

    /** The connection ended: usually the process is exiting (crash, System.exit, OutOfMemoryError), and its exit says why. */
    private void connectionLost() {
        if (terminating || ended) {
            return;
        }
        timers.schedule(() -> {
            Process p = process;
            if (p != null && p.isAlive()) {
                kill("closed its IPC connection but kept running", true);
            }
        }, 2, TimeUnit.SECONDS);
    }

    private void beat() {
        long silent = (System.nanoTime() - lastPong.get()) / 1_000_000;
        if (silent > config.heartbeatTimeout().toMillis()) {
            kill("missed heartbeat: no answer for " + silent + " ms", true);
            return;
        }
        sink.accept(new IpcMessage.Ping(System.nanoTime()));
    }

    private void pumpOutput() {
        Process p = process;
        double budget = config.outputLinesPerSecond();
        long last = System.nanoTime();
        long dropped = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 8192)) {
            char[] buf = new char[8192];
            StringBuilder line = new StringBuilder();
            int n;
            while ((n = r.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n' || line.length() >= 4000) {
                        long now = System.nanoTime();
                        budget = Math.min(config.outputLinesPerSecond(), budget + (now - last) / 1e9 * config.outputLinesPerSecond());
                        last = now;
                        if (budget >= 1) {
                            budget -= 1;
                            if (dropped > 0) {
                                LOG.warn("plugin={} {} output lines dropped (rate limit)", id, dropped);
                                dropped = 0;
                            }
                            output(line.toString());
                        } else {
                            dropped++;
                        }
                        line.setLength(0);
                        if (c == '\n') {
                            continue;
                        }
                    }
                    line.append(c);
                }
            }
            if (!line.isEmpty()) {
                output(line.toString());
            }
        } catch (IOException e) {
            // process gone
        }
    }

    private void output(String line) {
        LOG.info("plugin={} out: {}", id, line);
        synchronized (lastOutput) {
            lastOutput.addLast(line);
            if (lastOutput.size() > 5) {
                lastOutput.removeFirst();
            }
        }
        events.onEvent(new PluginEvent.Log(id, 2, line));
    }

    /** Kills the sandbox; the first reason wins. */
    void kill(String reason, boolean violation) {
        if (!killReason.compareAndSet(null, reason)) {
            return;
        }
        if (violation) {
            LOG.warn("plugin={} violation: {} - killing it", id, reason);
            events.onEvent(new PluginEvent.Violation(id, reason));
        } else {
            LOG.warn("plugin={} stopping it: {}", id, reason);
        }
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        closeQuietly();
    }

    /** Asks the plugin to terminate; kills it if it has not exited in time. */
    void terminate() {
        terminating = true;
        serial.execute(broker::terminate);
        timers.schedule(() -> {
            Process p = process;
            if (p != null && p.isAlive()) {
                kill("did not exit within " + config.terminateTimeout().toMillis() + " ms of TERMINATE", false);
            }
        }, config.terminateTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void sessionConnected() {
        sessionConnected = true;
        serial.execute(() -> {
            if (started) {
                broker.sessionConnected();
            }
        });
    }

    void sessionDisconnected(int reason) {
        sessionConnected = false;
        serial.execute(() -> {
            if (started) {
                broker.sessionDisconnected(reason);
            }
        });
    }

    /** The plugin JVM's pid on the host (inside bubblewrap), if running. */
    Optional<Long> jvmPid() {
        Process p = process;
        if (p == null) {
            return Optional.empty();
        }
        return p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/bin/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    String isolation() {
        return isolation;
    }

    private void exited() {
        ended = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        Process p = process;
        int code = p.exitValue();
        String reason = killReason.get();
        if (reason == null) {
            if (terminating) {
                reason = "terminated";
            } else {
                String tail;
                synchronized (lastOutput) {
                    tail = lastOutput.isEmpty() ? "" : " (last output: " + String.join(" | ", lastOutput) + ")";
                }
                reason = "exited with code " + code + tail;
            }
        }
        broker.shutdown(reason);
        FrameSender fs = sender;
        if (fs != null) {
            fs.close();
        }
        closeQuietly();
        deleteIpcDir();
        onExit.accept(new Exit(code, reason, terminating && killReason.get() == null, started));
    }

    private void closeQuietly() {
        try {
            if (server != null) {
                server.close();
            }
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void deleteIpcDir() {
        if (ipcDir == null) {
            return;
        }
        try (var s = Files.list(ipcDir)) {
            for (Path f : s.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(ipcDir);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
