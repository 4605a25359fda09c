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
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole demo}: the main job on a development machine. Brings up a private xrdp session
 * host on loopback (the testbed peer: generated user, TLS certificate, test desktop) and connects
 * to it with Porthole's RDP client as far as the client goes today, printing each milestone with
 * its elapsed time, then says what is still missing before the agent boots into the session.
 */
@Command(name = "demo", description = "Bring up a local xrdp session host on loopback and connect to it.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "Keep the session host running this long after the client run, so you can connect to it "
                    + "yourself (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--skip-install", description = "Do not run testbed/bin/install-peers first.")
    boolean skipInstall;

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
        out.println("demo: starting a private xrdp session host on 127.0.0.1 ...");
        out.flush();
        try (XrdpServer xrdp = XrdpServer.start()) {
            out.printf("demo: xrdp listening on %s:%d (%.1f s), user %s, certificate SHA-256 %s%n", xrdp.host(), xrdp.port(),
                    (System.nanoTime() - t0) / 1e9, xrdp.username(), xrdp.certificateSha256());
            RdpClientConfig config = RdpClientConfig.builder(xrdp.host()).port(xrdp.port())
                    .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                    .trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                    .desktop(1024, 768)
                    .staticChannels(List.of(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED)))
                    .build();
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try {
                RdpConnection.Progress p = RdpConnection.open(group, config, new ConnectionListener() {
                    @Override
                    public void onMilestone(Phase phase, String detail, Duration elapsed) {
                        out.printf("demo:   %-26s %6d ms  %s%n", phase, elapsed.toMillis(), detail);
                        out.flush();
                    }
                }).get(90, TimeUnit.SECONDS);
                out.printf("demo: Porthole's RDP client reached the %s phase over %s in %d ms (user channel %d, channels %s).%n",
                        "secure settings exchange", SecurityProtocols.describe(p.selectedProtocol()), p.elapsed().toMillis(),
                        p.userChannelId(), p.joinedChannels());
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof RdpException r ? r.kind() + ": " + r.getMessage() : String.valueOf(e.getCause());
                out.println("demo: the RDP client failed: " + why);
                return 1;
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            out.println("demo: still missing before the device agent boots into this session:");
            out.println("demo:   - Client Info, licensing, capability exchange, finalization and graphics (issue #3)");
            out.println("demo:   - presenting frames on a display backend (headless PNG / window / fbdev / DRM, issue #4)");
            out.println("demo:   - the agent's boot state machine and configuration (issue #5)");
            if (holdSeconds > 0) {
                out.printf("demo: holding the session host for %d s; connect with:%n  xfreerdp /v:%s:%d /u:%s /p:'%s' /cert:ignore%n",
                        holdSeconds, xrdp.host(), xrdp.port(), xrdp.username(), xrdp.password());
                out.flush();
                Thread.sleep(Duration.ofSeconds(holdSeconds));
            }
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
