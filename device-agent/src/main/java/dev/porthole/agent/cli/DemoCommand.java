package dev.porthole.agent.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.porthole.agent.boot.AgentRuntime;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.xrdp.XrdpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole demo}: the main job on a development machine. Brings up a private session host on
 * loopback (by default the testbed's xrdp with its Xorg test desktop, generated user and TLS
 * certificate; or the FreeRDP shadow server over NLA), writes a kiosk configuration for it (password
 * encrypted at rest in the demo's state directory) and boots the real device agent ({@link AgentRuntime},
 * the same code as {@code porthole run}) into the session: a window when a desktop is present, else
 * the headless display with an optional live view. It prints the agent's run log, then writes what the
 * display presents next to the server's own X capture and says how many pixels are equal.
 */
@Command(name = "demo", description = "Bring up a local RDP session host on loopback and boot the device agent into its session.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Option(names = "--host", paramLabel = "xrdp|freerdp", defaultValue = "xrdp",
            description = "The session host to start: xrdp (TLS, an Xorg session) or freerdp (the FreeRDP shadow server, NLA) "
                    + "(default: ${DEFAULT-VALUE}).")
    String hostKind;

    @Option(names = "--display", paramLabel = "auto|window|headless", defaultValue = "auto",
            description = "Where the agent presents: auto picks a window when a desktop is present, else headless "
                    + "(default: ${DEFAULT-VALUE}).")
    String displayChoice;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "Keep the agent and the session host running this long after the first frame (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--skip-install", description = "Do not run testbed/bin/install-peers first.")
    boolean skipInstall;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where the configuration, state, presented PNG and server capture are written (default: ${DEFAULT-VALUE}).")
    String outputDir;

    @Option(names = "--live-view", paramLabel = "PORT", defaultValue = "0",
            description = "Serve the headless display on http://127.0.0.1:PORT/ (0 picks a free port, -1 turns it off; "
                    + "default: ${DEFAULT-VALUE}).")
    int liveViewPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the demo needs of a session host. */
    private interface Host extends AutoCloseable {
        String host();

        int port();

        String username();

        String domain();

        String password();

        String certificateSha256();

        String security();

        /** Waits until the host's desktop is up (after the agent's session started it). */
        void awaitDesktop(Duration timeout);

        Path capture(Path png);

        @Override
        void close();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (holdSeconds < 0 || holdSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hold must be 0..86400 seconds, got " + holdSeconds);
        }
        if (!hostKind.equals("xrdp") && !hostKind.equals("freerdp")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--host must be xrdp or freerdp, got '" + hostKind + "'");
        }
        if (!displayChoice.equals("auto") && !displayChoice.equals("window") && !displayChoice.equals("headless")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--display must be auto, window or headless, got '" + displayChoice + "'");
        }
        if (liveViewPort < -1 || liveViewPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--live-view must be 0..65535, got " + liveViewPort);
        }
        boolean desktop = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        String display = displayChoice.equals("auto") ? desktop ? "window" : "headless" : displayChoice;
        if (!skipInstall) {
            installPeers(out);
        }
        Path dir = Files.createDirectories(Path.of(outputDir)).toAbsolutePath();
        long t0 = System.nanoTime();
        out.printf("demo: starting a private %s session host on 127.0.0.1 ...%n", hostKind.equals("xrdp")
                ? "xrdp (TLS, Xorg test desktop)" : "FreeRDP shadow (NLA, Xvfb test desktop)");
        out.flush();
        try (Host host = hostKind.equals("xrdp") ? xrdp() : freerdp()) {
            out.printf("demo: session host listening on %s:%d (%.1f s), user %s, certificate SHA-256 %s%n", host.host(),
                    host.port(), (System.nanoTime() - t0) / 1e9, host.username(), host.certificateSha256());
            StateDirectory state = new StateDirectory(freshDirectory(dir.resolve("state")));
            PasswordStore.of(state).store(host.password().toCharArray());
            Path config = Files.writeString(dir.resolve("porthole.json"), """
                    {"schema": 1,
                     "connection": {"hosts": ["%s:%d"], "security": "%s",
                                    "trust": {"mode": "pinned", "sha256": "%s"}},
                     "credentials": {"mode": "kiosk", "username": "%s", "domain": "%s"},
                     "desktop": {"width": 1024, "height": 768},
                     "kiosk": {"idleTimeoutSeconds": 0}}
                    """.formatted(host.host(), host.port(), host.security(), host.certificateSha256(), host.username(),
                    host.domain()));
            out.printf("demo: configuration %s (kiosk password encrypted in %s), display %s%n", config, state.root(), display);
            out.flush();
            try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, display, state, "none",
                    liveViewPort, SystemdNotifier.disabled(), out))) {
                if (!await(() -> agent.machine().state() == BootState.IN_SESSION)) {
                    out.printf("demo: the agent did not reach the session within %d s (state %s)%n", PATIENCE.toSeconds(),
                            agent.machine().state());
                    return 1;
                }
                host.awaitDesktop(PATIENCE);
                Path png = dir.resolve("porthole-demo.png");
                Path truth = dir.resolve("server-capture.png");
                double[] equal = new double[1];
                boolean matched = await(() -> {
                    equal[0] = compare(agent, host, png, truth);
                    return equal[0] >= 99.5;
                });
                out.printf("demo: first frame presented on the %s display; PNG: %s%n", display, png);
                if (agent.liveViewPort() > 0) {
                    out.printf("demo: watch it live at http://127.0.0.1:%d/%n", agent.liveViewPort());
                }
                out.printf("demo: the server's own X display capture: %s%n", truth);
                out.printf("demo: %.3f %% of the presented pixels equal the server's capture%s%n", equal[0],
                        matched ? "" : " (expected at least 99.5 %)");
                if (holdSeconds > 0) {
                    out.printf("demo: holding the session for %d s%n", holdSeconds);
                    out.flush();
                    Thread.sleep(Duration.ofSeconds(holdSeconds));
                }
                if (!matched) {
                    return 1;
                }
            }
        }
        out.println("demo: session host stopped.");
        return 0;
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /** Writes what the agent presents and the server's capture, and returns the share of equal pixels in percent. */
    private static double compare(AgentRuntime agent, Host host, Path png, Path truthPng) {
        try {
            agent.display().awaitIdle(Duration.ofSeconds(2));
            byte[] shot = agent.screenshotPng();
            if (shot == null) {
                return 0;
            }
            Files.write(png, shot);
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(shot));
            BufferedImage truth = ImageIO.read(host.capture(truthPng).toFile());
            if (shown == null || truth == null || shown.getWidth() != truth.getWidth() || shown.getHeight() != truth.getHeight()) {
                return 0;
            }
            long same = 0;
            for (int y = 0; y < truth.getHeight(); y++) {
                for (int x = 0; x < truth.getWidth(); x++) {
                    if ((shown.getRGB(x, y) & 0xFFFFFF) == (truth.getRGB(x, y) & 0xFFFFFF)) {
                        same++;
                    }
                }
            }
            return 100.0 * same / ((long) truth.getWidth() * truth.getHeight());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static Host xrdp() {
        XrdpServer s = XrdpServer.start();
        return new Host() {
            public String host() { return s.host(); }
            public int port() { return s.port(); }
            public String username() { return s.username(); }
            public String domain() { return ""; }
            public String password() { return s.password(); }
            public String certificateSha256() { return s.certificateSha256(); }
            public String security() { return "tls"; }
            public void awaitDesktop(Duration timeout) { s.awaitDesktop(timeout); }
            public Path capture(Path png) { return s.captureDisplay(png); }
            public void close() { s.close(); }
        };
    }

    private static Host freerdp() {
        FreeRdpShadowServer s = FreeRdpShadowServer.start(1024, 768);
        return new Host() {
            public String host() { return s.host(); }
            public int port() { return s.port(); }
            public String username() { return s.username(); }
            public String domain() { return s.domain(); }
            public String password() { return s.password(); }
            public String certificateSha256() { return s.certificateSha256(); }
            public String security() { return "nla"; }
            public void awaitDesktop(Duration timeout) { }
            public Path capture(Path png) { return s.captureDisplay(png); }
            public void close() { s.close(); }
        };
    }

    /** Runs the repository's peer installer (it is idempotent and quick when everything is present). */
    private static void installPeers(PrintWriter out) throws Exception {
        String home = System.getProperty("porthole.home");
        if (home == null) {
            out.println("demo: porthole.home is not set (not started through ./porthole); skipping the peer installer");
            return;
        }
        Path installer = Path.of(home, "testbed", "bin", "install-peers");
        if (!Files.isExecutable(installer)) {
            throw new IllegalStateException("peer installer not found at " + installer);
        }
        Process p = new ProcessBuilder(installer.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("installing the test peers failed:\n" + log);
        }
        out.print(log.lines().filter(l -> l.startsWith("install-peers:")).map(l -> "demo: " + l + "\n").reduce("", String::concat));
    }
}
