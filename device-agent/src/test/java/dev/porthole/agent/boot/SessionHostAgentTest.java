package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.testbed.proxy.FaultProxy;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.status.StatusFile;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.display.status.Status;
import dev.porthole.display.status.StatusRenderer;
import dev.porthole.display.surface.Surface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's run path (headless display, no input devices) against a real session host, reached
 * through a {@link FaultProxy} so the test can cut the connection (the client's own auto-reconnect
 * retries first, then the boot machine's backoff). Subclasses name the host: the FreeRDP shadow server
 * over NLA ({@link NlaSessionHostAgentTest} adds the sign-in cases) and xrdp over TLS.
 */
abstract class SessionHostAgentTest {

    /** What the test needs of a session host. */
    interface Host {
        String host();

        int port();

        String username();

        String domain();

        String password();

        String certificateSha256();

        /** The configuration's {@code connection.security}: nla, tls or auto. */
        default String security() {
            return "nla";
        }

        /** The server's own capture of its display, as ground truth. */
        BufferedImage capture(Path dir) throws Exception;
    }

    /** The host under test (started once per class by the subclass). */
    abstract Host host();

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    Path config(int port, StateDirectory state, String password) throws Exception {
        PasswordStore.of(state).store(password.toCharArray());
        Path file = dir.resolve("porthole.json");
        Files.writeString(file, """
                {"schema": 1,
                 "connection": {"hosts": ["127.0.0.1:%d"], "security": "%s",
                                "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "%s", "domain": "%s"},
                 "desktop": {"width": 1024, "height": 768},
                 "kiosk": {"idleTimeoutSeconds": 0}}
                """.formatted(port, host().security(), host().certificateSha256(), host().username(), host().domain()));
        return file;
    }

    AgentRuntime start(Path config, StateDirectory state, StringWriter log) {
        return AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1, SystemdNotifier.disabled(),
                new PrintWriter(log, true)));
    }

    static void await(String what, BooleanSupplier condition, StringWriter log) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + PATIENCE + ": " + what + "\nrun log:\n" + log);
            }
            Thread.sleep(50);
        }
    }

    static double equalPercent(BufferedImage shown, BufferedImage truth) {
        long equal = 0;
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                if ((shown.getRGB(x, y) & 0xFFFFFF) == (truth.getRGB(x, y) & 0xFFFFFF)) {
                    equal++;
                }
            }
        }
        return 100.0 * equal / ((long) truth.getWidth() * truth.getHeight());
    }

    /** Whether the panel shows exactly {@code status} as the renderer draws it. */
    static boolean shows(AgentRuntime agent, Status status) {
        agent.display().awaitIdle(Duration.ofSeconds(2));
        BufferedImage shot = agent.headless().snapshot();
        Surface expected = new Surface(shot.getWidth(), shot.getHeight());
        new StatusRenderer().render(expected, status);
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                if ((shot.getRGB(x, y) & 0xFFFFFF) != (expected.get(x, y) & 0xFFFFFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean matchesServer(AgentRuntime agent, double[] last) throws Exception {
        agent.display().awaitIdle(Duration.ofSeconds(2));
        last[0] = equalPercent(agent.headless().snapshot(), host().capture(dir));
        return last[0] >= 99.5;
    }

    @Test
    void bootsIntoTheSessionRidesOutACutConnectionAndBootsFromLastKnownGood() throws Exception {
        StringWriter log = new StringWriter();
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        try (FaultProxy proxy = FaultProxy.start(host().port())) {
            Path config = config(proxy.port(), state, host().password());
            double[] match = new double[1];
            try (AgentRuntime agent = start(config, state, log)) {
                await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
                await("the presented frame matches the server's capture (>= 99.5 %)", () -> {
                    try {
                        return matchesServer(agent, match);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, log);
                assertThat(match[0]).isGreaterThanOrEqualTo(99.5);
                assertThat(log.toString()).containsPattern("boot to first frame: \\d+ ms after process start");
                assertThat(StatusFile.of(state).read().orElseThrow().state()).isEqualTo("in_session");

                // the connection dies and the host refuses for a while: the reconnecting screen shows
                proxy.refuseNew(true);
                proxy.cutAll();
                await("the reconnecting screen is on the panel", () -> agent.view().shown() instanceof Status.Reconnecting r
                        && r.attempt() >= 2 && shows(agent, r), log);
                assertThat(StatusFile.of(state).read().orElseThrow().state()).isIn("reconnecting", "connecting");
                assertThat(StatusFile.of(state).read().orElseThrow().reconnects()).isGreaterThanOrEqualTo(1);
                proxy.refuseNew(false);
                await("back in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
                await("the presented frame matches the server's capture again", () -> {
                    try {
                        return matchesServer(agent, match);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, log);
                assertThat(agent.machine().origin()).isEqualTo(ConfigSource.Origin.CONFIG_FILE);
            }
            assertThat(log.toString()).contains("run: state SHUTTING_DOWN", "run: stopped");

            // a corrupt configuration file: the agent boots from the last known good one
            Files.writeString(config, "{\"host\": ");
            StringWriter log2 = new StringWriter();
            try (AgentRuntime agent = start(config, state, log2)) {
                assertThat(agent.configOrigin()).isEqualTo(ConfigSource.Origin.LAST_KNOWN_GOOD);
                await("in session from last known good", () -> agent.machine().state() == BootState.IN_SESSION, log2);
                assertThat(agent.machine().origin()).isEqualTo(ConfigSource.Origin.LAST_KNOWN_GOOD);
                assertThat(log2.toString()).contains("configuration from LAST_KNOWN_GOOD").contains(config.toString());
            }
        }
    }
}
