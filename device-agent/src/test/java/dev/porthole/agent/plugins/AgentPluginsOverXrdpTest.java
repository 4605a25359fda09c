package dev.porthole.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.porthole.agent.boot.AgentRuntime;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.plugin.sandbox.host.PluginHost;
import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.DevCertificates;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import dev.porthole.testbed.x11.HostCommand;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins in the running agent's boot flow, against the real xrdp: the echo example is installed in the
 * state directory's plugin store and allowed by the configuration; {@code porthole run}'s runtime starts
 * it, requests DRDYNVC, and the server application in the xrdp session reaches it over the dynamic
 * channel "ExampleEcho". After a reconnect (a new RDP session) the application reaches it again.
 */
@ExtendWith(XrdpExtension.class)
class AgentPluginsOverXrdpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theRunningAgentServesTheAllowedEchoPluginToTheSessionAndAgainAfterAReconnect(XrdpServer xrdp) throws Exception {
        Path app = PluginOverXrdpTest.compileServerApplication(dir);
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        Files.createDirectories(state.root());
        Instant now = Instant.now();
        DevCertificates.Identity ca = DevCertificates.ca("Porthole Test Fleet CA", now.minusSeconds(60), Duration.ofDays(1));
        DevCertificates.Identity vendor = DevCertificates.vendor("Example Corp Plugins", ca, now.minusSeconds(60), Duration.ofDays(1));
        Files.writeString(state.root().resolve(AgentPlugins.TRUST_ANCHORS), DevCertificates.pem(ca.certificate()));
        PluginStore store = new PluginStore(state.root(), new PackageVerifier(List.of(ca.certificate()), ChannelPolicy.defaults()));
        String id = PluginOverXrdpTest.installEcho(dir, store, vendor);

        PasswordStore.of(state).store(xrdp.password().toCharArray());
        Path config = Files.writeString(dir.resolve("porthole.json"), """
                {"schema": 1,
                 "connection": {"hosts": ["%s:%d"], "security": "tls",
                                "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "%s", "domain": ""},
                 "desktop": {"width": 1024, "height": 768},
                 "kiosk": {"idleTimeoutSeconds": 0},
                 "plugins": {"allowed": ["%s", "com.example.not-installed"]}}
                """.formatted(xrdp.host(), xrdp.port(), xrdp.certificateSha256(), xrdp.username(), id));
        StringWriter log = new StringWriter();
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
            assertThat(agent.plugins()).as("plugins host started").isNotNull();
            assertThat(agent.plugins().started()).as("the installed plugin only").containsExactly(id);
            await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
            await("the echo plugin runs", () -> agent.plugins().host().status(id)
                    .map(s -> s.state() == PluginHost.State.RUNNING).orElse(false), log);
            xrdp.awaitDesktop(Duration.ofSeconds(60));

            HostCommand.Result first = echoCheck(xrdp, app);
            assertThat(first.stdout()).contains("ok small 27 bytes", "ok large 1048576 bytes");

            agent.machine().reconnectNow("test");
            await("back in session", () -> agent.machine().state() == BootState.IN_SESSION
                    && agent.machine().connectAttempts() >= 2, log);
            HostCommand.Result again = echoCheck(xrdp, app);
            assertThat(again.stdout()).contains("ok small 27 bytes");
            assertThat(agent.plugins().host().status(id).orElseThrow().incarnation())
                    .as("the same plugin process served both sessions").isEqualTo(1);
        }
        assertThat(log.toString()).contains("plugins allowed [" + id + ", com.example.not-installed], started [" + id + "]");
    }

    /**
     * Runs the server application until it succeeds: right after (re)connecting, DRDYNVC and the session's
     * chansrv may not be ready for it yet.
     */
    private HostCommand.Result echoCheck(XrdpServer xrdp, Path app) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HostCommand.Result r;
        do {
            long chansrv = PluginOverXrdpTest.awaitChansrv(xrdp, Duration.ofSeconds(30));
            r = PluginOverXrdpTest.runInSessionNamespace(xrdp, chansrv, app, "ExampleEcho", "small", "large");
            if (r.exitCode() == 0) {
                return r;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the server application never reached the echo plugin:\n" + r.stdout() + "\n" + r.stderr());
    }

    private static void await(String what, BooleanSupplier condition, StringWriter log) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + PATIENCE + ": " + what + "\nrun log:\n" + log);
            }
            Thread.sleep(50);
        }
    }
}
