package dev.porthole.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.client.RdpConnection;
import dev.porthole.rdp.netty.client.RdpSession;
import dev.porthole.agent.session.SessionPresenter;
import dev.porthole.display.backend.HeadlessScanout;
import dev.porthole.display.backend.LiveView;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole demo}: the main job on a development machine. Brings up a private session host on
 * loopback (the testbed's FreeRDP shadow server over its own Xvfb desktop: generated NLA user, TLS
 * certificate, test pattern), connects to it with Porthole's RDP client, presents the session on a headless display (PNG written, optional live
 * view over HTTP on loopback), printing each milestone with its elapsed time.
 */
@Command(name = "demo", description = "Bring up a local RDP session host on loopback and boot into its session on a headless display.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "Keep the session host running this long after the client run, so you can connect to it "
                    + "yourself (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--skip-install", description = "Do not run testbed/bin/install-peers first.")
    boolean skipInstall;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where the rendered PNG and the server's capture are written (default: ${DEFAULT-VALUE}).")
    String outputDir;

    @Option(names = "--live-view", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve the headless display on http://127.0.0.1:PORT/ (0 picks a free port; default: off).")
    int liveViewPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (holdSeconds < 0 || holdSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hold must be 0..86400 seconds, got " + holdSeconds);
        }
        if (!skipInstall) {
            installPeers(out);
        }
        long t0 = System.nanoTime();
        out.println("demo: starting a private FreeRDP shadow session host (NLA) on 127.0.0.1 ...");
        out.flush();
        try (FreeRdpShadowServer host = FreeRdpShadowServer.start(1024, 768)) {
            out.printf("demo: session host listening on %s:%d (%.1f s), user %s, certificate SHA-256 %s%n", host.host(),
                    host.port(), (System.nanoTime() - t0) / 1e9, host.username(), host.certificateSha256());
            RdpClientConfig config = RdpClientConfig.builder(host.host()).port(host.port())
                    .credentials(host.username(), host.domain(), host.password().toCharArray())
                    .trust(CertificateTrust.pinned(host.certificateSha256()))
                    .desktop(1024, 768)
                    .staticChannels(List.of(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED)))
                    .build();
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            HeadlessScanout panel = new HeadlessScanout(1024, 768);
            try (PresentingDisplay display = new PresentingDisplay(panel, Rotation.R0, Scaling.FIT);
                 LiveView live = liveViewPort >= 0 ? LiveView.start(panel, liveViewPort) : null) {
                SessionPresenter presenter = new SessionPresenter(display, new ConnectionListener() {
                    @Override
                    public void onMilestone(Phase phase, String detail, Duration elapsed) {
                        out.printf("demo:   %-26s %6d ms  %s%n", phase, elapsed.toMillis(), detail);
                        out.flush();
                    }
                });
                try (RdpSession session = RdpConnection.connect(group, config, presenter)) {
                    RdpConnection.Progress p = session.activated().get(90, TimeUnit.SECONDS);
                    out.printf("demo: session active over %s after %d ms: %dx%d at %d bpp%n",
                            SecurityProtocols.describe(p.selectedProtocol()), p.elapsed().toMillis(),
                            p.activation().desktopWidth(), p.activation().desktopHeight(), p.activation().colorDepth());
                    if (live != null) {
                        out.printf("demo: live view at http://127.0.0.1:%d/%n", live.port());
                    }
                    long screen = (long) p.activation().desktopWidth() * p.activation().desktopHeight();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < deadline
                            && (presenter.damagedPixels() < screen || presenter.quietFor().toMillis() < 1500)) {
                        Thread.sleep(100);
                    }
                    if (presenter.damagedPixels() < screen) {
                        out.printf("demo: only %d of %d pixels were painted within 60 s%n", presenter.damagedPixels(), screen);
                        return 1;
                    }
                    display.awaitIdle(Duration.ofSeconds(5));
                    Path png = Files.createDirectories(Path.of(outputDir)).resolve("porthole-demo.png");
                    try (var stream = Files.newOutputStream(png)) {
                        panel.writePng(stream);
                    }
                    out.printf("demo: first frame presented on the headless display; %d frames shown; PNG: %s%n",
                            display.framesShown(), png.toAbsolutePath());
                    Path truth = host.captureDisplay(png.resolveSibling("server-capture.png"));
                    out.printf("demo: the server's own X display capture for comparison: %s%n", truth.toAbsolutePath());
                    if (holdSeconds > 0) {
                        out.printf("demo: holding the session for %d s%s%n", holdSeconds,
                                live == null ? "" : " (watch it at http://127.0.0.1:" + live.port() + "/)");
                        out.flush();
                        Thread.sleep(Duration.ofSeconds(holdSeconds));
                    }
                }
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof RdpException r ? r.kind() + ": " + r.getMessage() : String.valueOf(e.getCause());
                out.println("demo: the RDP client failed: " + why);
                return 1;
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            out.println("demo: still missing before this is the appliance: input from evdev devices into the session,");
            out.println("demo:   the agent's boot state machine, configuration and status screens (issue #5).");
        }
        out.println("demo: session host stopped.");
        return 0;
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
