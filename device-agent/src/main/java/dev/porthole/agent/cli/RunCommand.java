package dev.porthole.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.porthole.agent.boot.AgentRuntime;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.ConfigLoader;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.agent.fleet.AgentDeviceControl;
import dev.porthole.agent.fleet.FleetAgent;
import dev.porthole.agent.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole run}: the device agent. Boots into the configured session (status screens while it
 * cannot), keeps it up, and shuts down cleanly on SIGTERM (session closed, "shutting down" on the
 * screen, state written to the status file).
 */
@Command(name = "run", description = "Run the device agent: boot into the configured remote desktop session and keep it up.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (default: $PORTHOLE_CONFIG, else /etc/porthole/porthole.json).")
    Path config;

    @Option(names = "--display", paramLabel = "BACKEND",
            description = "auto, drm, fbdev, window or headless (default: the configuration's display.backend).")
    String display;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory: last known good configuration, kiosk password, status file, logs "
                    + "(default: $PORTHOLE_STATE_DIR, else /var/lib/porthole).")
    Path stateDir;

    @Option(names = "--input", defaultValue = "auto", paramLabel = "auto|none|DIR",
            description = "Input devices: auto reads /dev/input with the drm and fbdev displays (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--live-view", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve a headless display on http://127.0.0.1:PORT/ (0 picks a free port; default: off).")
    int liveViewPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (display != null && !java.util.List.of("auto", "drm", "fbdev", "window", "headless").contains(display)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--display must be one of auto, drm, fbdev, window, headless, got '" + display + "'");
        }
        if (liveViewPort < -1 || liveViewPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--live-view must be 0..65535, got " + liveViewPort);
        }
        StateDirectory state = StateDirectory.resolve(stateDir, System.getenv());
        Path file = ConfigLoader.configFile(config, System.getenv());
        try {
            Files.createDirectories(state.root());
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "state directory " + state.root()
                    + " cannot be created: " + e.getMessage());
        }
        PortholeCli root = (PortholeCli) spec.root().userObject();
        String level = root.logLevel;
        try {
            level = ConfigParser.parse(file).logging().level();
        } catch (Exception e) {
            // the agent reports configuration problems once it runs; logging keeps the command line's level
        }
        level = AgentDeviceControl.storedLevel(state.root().resolve("log-level"), level);
        Logging.apply(Logging.agentProperties(state.root(), level));
        AgentRuntime agent;
        try {
            agent = AgentRuntime.start(new AgentRuntime.Options(file, display, state, input, liveViewPort,
                    SystemdNotifier.fromEnvironment(), out));
        } catch (RuntimeException e) {
            out.println("run: cannot start: " + e.getMessage());
            return 1;
        }
        FleetAgent.attach(agent, PortholeCli.version());
        Thread hook = new Thread(agent::close, "porthole-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        agent.machine().stopped().join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM: the hook is closing the agent
        }
        BootState end = agent.machine().state();
        agent.close();
        return end == BootState.STOPPED && agent.machine().settings() != null ? 0 : 1;
    }
}
