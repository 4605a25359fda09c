package dev.porthole.agent.boot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigLoader;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.input.InputForwarder;
import dev.porthole.agent.plugins.AgentPlugins;
import dev.porthole.agent.status.AgentStatus;
import dev.porthole.agent.status.StatusFile;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.agent.input.InputRouter;
import dev.porthole.display.Display;
import dev.porthole.display.DisplayOptions;
import dev.porthole.display.Displays;
import dev.porthole.display.backend.HeadlessScanout;
import dev.porthole.display.backend.LiveView;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.hw.input.Hotkey;
import dev.porthole.hw.input.InputDevices;
import dev.porthole.hw.input.InputPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The running agent, wired: display and status screens, input devices, the RDP client behind
 * {@link RemoteSessions}, the {@link BootMachine}, the status file. {@code porthole run} starts one
 * and closes it on SIGTERM; tests start one the same way.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("agent");

    /**
     * @param config       the configuration file
     * @param display      auto, drm, fbdev, window or headless; null: the configuration's {@code display.backend}
     * @param state        the agent's state directory (last known good, kiosk password, status file, logs)
     * @param input        auto (the input devices under /dev/input with drm/fbdev, none otherwise), none, or a directory
     * @param liveViewPort serve a headless display on this loopback port (0 any, -1 off)
     * @param notifier     systemd notification (READY, STATUS, STOPPING, WATCHDOG)
     * @param log          the run log (state changes and milestone timings)
     */
    public record Options(Path config, String display, StateDirectory state, String input, int liveViewPort,
                          SystemdNotifier notifier, PrintWriter log) {}

    private final Options options;
    private final ExecutorScheduler scheduler = new ExecutorScheduler("porthole-boot");
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Long> milestones = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long processStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final long agentStart = System.currentTimeMillis();
    private final Display display;
    private final DisplayView view;
    private final LiveView liveView;
    private final InputForwarder forwarder;
    private final InputPipeline pipeline;
    private final InputDevices inputs;
    private final BootMachine machine;
    private final StatusFile statusFile;
    private final SystemdNotifier notifier;
    private final ConfigSource.Loaded first;
    private AgentStatus status;
    private final List<Runnable> sessionEndedHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<dev.porthole.plugin.sandbox.host.PluginEvents> pluginListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AgentPlugins plugins;
    private BootState lastState;
    private int reconnects;

    private AgentRuntime(Options o) {
        this.options = o;
        AgentConfigSource source = new AgentConfigSource(o.config(), o.state());
        ConfigSource.Loaded first = source.load();
        this.first = first;
        BootSettings s = first.settings();
        this.notifier = o.notifier() == null ? SystemdNotifier.disabled() : o.notifier();
        this.display = openDisplay(o.display() != null ? List.of(o.display())
                : s.config() != null ? s.config().display().backendOrder() : List.of("drm", "fbdev", "window", "headless"),
                s.width(), s.height());
        this.view = new DisplayView(display);
        HeadlessScanout headless = headless();
        LiveView live = null;
        if (headless != null && o.liveViewPort() >= 0) {
            try {
                live = LiveView.start(headless, o.liveViewPort());
                say("live view at http://127.0.0.1:%d/", live.port());
            } catch (IOException | RuntimeException e) {
                say("live view not started: %s", e.getMessage());
            }
        }
        this.liveView = live;
        this.statusFile = StatusFile.of(o.state());
        Instant now = Instant.now();
        this.status = new AgentStatus(ProcessHandle.current().pid(), now, now, "starting", "", s.host(), 0,
                switch (first.origin()) {
                    case CONFIG_FILE -> "file";
                    case LAST_KNOWN_GOOD -> "last-known-good";
                    case IMAGE_DEFAULT -> "image-default";
                }, display.backend(), display.mode().width() + "x" + display.mode().height(), List.of());
        statusFile.write(status);
        this.forwarder = new InputForwarder((caps, num, scroll) -> {
            InputDevices d = inputs();
            if (d != null) {
                d.setLockLeds(caps, num, scroll);
            }
        });
        this.plugins = startPlugins(s.config(), o.state());
        AtomicBoolean firstFrameSeen = new AtomicBoolean();
        RdpRemoteSessions sessions = new RdpRemoteSessions(group, view.sessionDisplay(), "porthole",
                new RdpRemoteSessions.Milestones() {
                    @Override
                    public void reached(dev.porthole.rdp.protocol.connector.ConnectorAction.Phase phase, String detail,
                                        Duration elapsed) {
                        LOG.debug("rdp milestone phase={} elapsed={}ms", phase, elapsed.toMillis());
                    }

                    @Override
                    public void firstFrame() {
                        if (firstFrameSeen.compareAndSet(false, true)) {
                            mark("first-frame");
                            reportBootTimings();
                        }
                    }
                });
        boolean[] firstLoad = {true};
        ConfigSource memo = () -> {
            synchronized (firstLoad) {
                if (firstLoad[0]) {
                    firstLoad[0] = false;
                    return first;
                }
            }
            return source.load();
        };
        BootObserver observer = new BootObserver() {
            @Override
            public void stateChanged(BootState state, String detail) {
                writeStatus(state, detail);
                if (lastState == BootState.IN_SESSION && state != BootState.IN_SESSION) {
                    sessionEndedHooks.forEach(Runnable::run);
                }
                lastState = state;
                say("state %s: %s", state, detail);
            }

            @Override
            public void milestone(String name, long atMillis) {
                mark(name);
            }
        };
        SessionHooks hooks = new SessionHooks() {
            @Override
            public void sessionActive(RemoteSessions.Session session, int width, int height) {
                pipeline().setDesktopSize(width, height);
                forwarder.attach(session.input(), width, height);
                if (plugins != null && session instanceof RdpRemoteSessions.OpenSession open && open.dynamicChannels() != null) {
                    plugins.sessionConnected(open.dynamicChannels()); // again after each of the client's reconnects
                }
            }

            @Override
            public void sessionInactive() {
                forwarder.detach();
                if (plugins != null) {
                    plugins.sessionDisconnected();
                }
            }

            @Override
            public void keyboardIndicators(int lockFlags) {
                forwarder.serverIndicators(lockFlags);
            }
        };
        this.machine = new BootMachine(scheduler, new java.security.SecureRandom(), blocking, memo,
                new SystemNetworkProbe(), sessions, view, observer, hooks);
        this.pipeline = new InputPipeline(s.width(), s.height(), hotkeys(s.config()), new InputRouter(machine, forwarder));
        Path inputDir = inputDirectory(o.input(), display.backend());
        this.inputs = inputDir == null ? null : InputDevices.start(inputDir, pipeline, true);
        if (first.origin() != ConfigSource.Origin.CONFIG_FILE) {
            say("configuration from %s: %s", first.origin(), first.problem());
        }
        say("display %s %dx%d, input %s", display.backend(), display.mode().width(), display.mode().height(),
                inputDir == null ? "none" : inputDir);
    }

    /** Starts the agent: opens the display, shows the start screen and boots. */
    public static AgentRuntime start(Options options) {
        AgentRuntime r = new AgentRuntime(options);
        r.machine.start();
        r.notifier.ready("booting");
        r.heartbeat();
        return r;
    }

    /** Runs {@code hook} (on the boot thread; do not block) each time a live session ends. */
    public void onSessionEnded(Runnable hook) {
        sessionEndedHooks.add(hook);
    }

    /** Closes {@code resource} first when the agent shuts down. */
    public void closeWith(AutoCloseable resource) {
        closeables.add(resource);
    }

    /** The agent configuration the agent started with (null when the settings did not come from one). */
    public AgentConfig config() {
        return first.settings().config();
    }

    /** The plugins, or null when the configuration allows none (or their host could not start). */
    public AgentPlugins plugins() {
        return plugins;
    }

    /** The plugin host when {@code plugins.allowed} names plugins; failures leave the agent without plugins. */
    private AgentPlugins startPlugins(AgentConfig config, StateDirectory state) {
        if (config == null || config.plugins().allowed().isEmpty()) {
            return null;
        }
        try {
            AgentPlugins p = AgentPlugins.start(config.plugins().allowed(), state.root(), this::pluginEvent);
            say("plugins allowed %s, started %s", config.plugins().allowed(), p.started());
            return p;
        } catch (RuntimeException e) {
            say("plugins not started: %s", e.getMessage());
            LOG.warn("plugin host not started: {}", e.toString());
            return null;
        }
    }

    /** Also tells {@code listener} what happens to the plugins (the fleet link reports it as events). */
    public void onPluginEvent(dev.porthole.plugin.sandbox.host.PluginEvents listener) {
        pluginListeners.add(listener);
    }

    private void pluginEvent(dev.porthole.plugin.sandbox.host.PluginEvent e) {
        switch (e) {
            case dev.porthole.plugin.sandbox.host.PluginEvent.Disabled d -> say("plugin %s disabled: %s", d.pluginId(), d.reason());
            case dev.porthole.plugin.sandbox.host.PluginEvent.Violation v -> say("plugin %s stopped: %s", v.pluginId(), v.reason());
            default -> { }
        }
        for (dev.porthole.plugin.sandbox.host.PluginEvents l : pluginListeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("plugin event listener failed: {}", ex.toString());
            }
        }
    }

    /** The state directory. */
    public StateDirectory state() {
        return options.state();
    }

    /** Writes a line to the run log. */
    public void log(String format, Object... args) {
        say(format, args);
    }

    private synchronized void writeStatus(BootState state, String detail) {
        Instant now = Instant.now();
        if (state == BootState.RECONNECTING) {
            reconnects++;
        }
        BootSettings s = machine == null ? null : machine.settings();
        status = status.withState(state.name().toLowerCase(java.util.Locale.ROOT), detail, now).withReconnects(reconnects, now);
        if (s != null) {
            status = status.withHost(machine.currentHost(), now);
        }
        if (inputs != null) {
            status = status.withInputDevices(inputs.nodes().stream().map(Path::toString).toList(), now);
        }
        statusFile.write(status);
        notifier.status(state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail);
        if (state == BootState.IN_SESSION && s != null && s.config() != null && machine.origin() == ConfigSource.Origin.CONFIG_FILE) {
            try {
                ConfigLoader.keepAsLastKnownGood(options.state(), s.config());
            } catch (RuntimeException e) {
                LOG.warn("last known good not written: {}", e.getMessage());
            }
        }
    }

    /** Touches the status file (and pings the systemd watchdog) every {@link StatusFile#HEARTBEAT} or watchdog interval. */
    private void heartbeat() {
        Duration every = notifier.watchdogPingInterval().filter(d -> d.compareTo(StatusFile.HEARTBEAT) < 0)
                .orElse(StatusFile.HEARTBEAT);
        scheduler.schedule(every, () -> {
            if (closed.get()) {
                return;
            }
            synchronized (this) {
                status = status.touched(Instant.now());
                statusFile.write(status);
            }
            notifier.watchdog();
            heartbeat();
        });
    }

    /**
     * The device-reserved key combinations: the configuration's {@code input.hotkeys} (the disconnect one
     * only when {@code kiosk.allowLocalDisconnect}); Ctrl+Alt+End disconnects when there is no configuration.
     */
    static List<Hotkey> hotkeys(dev.porthole.agent.config.AgentConfig config) {
        if (config == null) {
            return List.of(Hotkey.disconnect());
        }
        List<Hotkey> keys = new ArrayList<>();
        config.input().hotkeys().forEach((action, combo) -> {
            if (!action.equals("disconnect") || config.kiosk().allowLocalDisconnect()) {
                keys.add(combo.toHotkey(action));
            }
        });
        return List.copyOf(keys);
    }

    private InputDevices inputs() {
        return inputs;
    }

    private InputPipeline pipeline() {
        return pipeline;
    }

    private static Display openDisplay(List<String> choice, int width, int height) {
        List<String> backends = choice.equals(List.of("auto")) ? List.of("drm", "fbdev", "window", "headless") : choice;
        for (String b : backends) {
            if (!List.of("drm", "fbdev", "window", "headless").contains(b)) {
                throw new IllegalArgumentException("display " + b + " is none of auto, drm, fbdev, window, headless");
            }
        }
        boolean desktop = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        DisplayOptions auto = DisplayOptions.automatic(desktop);
        // drm/fbdev use the panel's mode; window and headless are sized like the desktop (or 1920x1080 when it follows)
        return Displays.open(new DisplayOptions(backends, auto.drmCards(), auto.framebuffers(), desktop, width, height,
                Rotation.R0, Scaling.FIT));
    }

    private static Path inputDirectory(String choice, String backend) {
        String c = choice == null ? "auto" : choice;
        return switch (c) {
            case "none" -> null;
            case "auto" -> backend.equals("drm") || backend.equals("fbdev") ? Path.of("/dev/input") : null;
            default -> Path.of(c);
        };
    }

    private void mark(String name) {
        milestones.putIfAbsent(name, System.currentTimeMillis() - processStart);
    }

    private void reportBootTimings() {
        List<String> parts = new ArrayList<>();
        for (String m : List.of("config", "network", "connecting", "active", "first-frame")) {
            Long at = milestones.get(m);
            if (at != null) {
                parts.add(m + " " + at + " ms");
            }
        }
        long sinceAgent = milestones.get("first-frame") - (agentStart - processStart);
        say("boot to first frame: %d ms after process start, %d ms after the agent started (%s)", milestones.get("first-frame"),
                sinceAgent, String.join(", ", parts));
        LOG.info("boot to first frame ms={} sinceAgentStartMs={} milestones=\"{}\"", milestones.get("first-frame"), sinceAgent,
                String.join(", ", parts));
    }

    private void say(String format, Object... args) {
        PrintWriter w = options.log();
        if (w != null) {
            synchronized (w) {
                w.printf("run: " + format + "%n", args);
                w.flush();
            }
        }
    }

    /** The boot machine. */
    public BootMachine machine() {
        return machine;
    }

    /** The display. */
    public Display display() {
        return display;
    }

    /** The view (what is on the screen). */
    public DisplayView view() {
        return view;
    }

    /** The input pipeline (devices feed it; tests too). */
    public InputPipeline inputPipeline() {
        return pipeline;
    }

    /** The status file. */
    public Path statusFile() {
        return statusFile.path();
    }

    /** Where the configuration came from at start. */
    public ConfigSource.Origin configOrigin() {
        return first.origin();
    }

    /** Milestones, in ms after process start. */
    public Map<String, Long> milestones() {
        return Map.copyOf(milestones);
    }

    /** The loopback port of the headless display's live view, or -1 when none is served. */
    public int liveViewPort() {
        return liveView == null ? -1 : liveView.port();
    }

    /** The headless panel, when that is the backend. */
    public HeadlessScanout headless() {
        return display instanceof PresentingDisplay p && p.scanout() instanceof HeadlessScanout h ? h : null;
    }

    /** A PNG of what the display shows (the panel itself when headless, else what the agent last presented). */
    public byte[] screenshotPng() {
        HeadlessScanout h = headless();
        if (h == null) {
            return view.snapshotPng();
        }
        display.awaitIdle(Duration.ofSeconds(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            h.writePng(out);
        } catch (IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    /** Clean shutdown: session closed, "shutting down" shown, everything released. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        say("shutting down");
        notifier.stopping("shutting down");
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c, e.toString());
            }
        }
        try {
            machine.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("boot machine did not stop in time: {}", e.toString());
        }
        if (plugins != null) {
            plugins.close();
        }
        display.awaitIdle(Duration.ofSeconds(2));
        if (inputs != null) {
            inputs.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        scheduler.close();
        blocking.shutdownNow();
        if (liveView != null) {
            liveView.close();
        }
        display.close();
        say("stopped");
    }
}
