package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole input path of the running agent against the real xrdp: key presses replayed from a fake evdev
 * keyboard go through the input pipeline, the router and the forwarder into {@code RdpRemoteSessions}'
 * {@code RemoteInput}, and arrive as text in the xterm of the xrdp session. The configuration's first host
 * refuses connections, so the agent reaches xrdp by failing over to the second.
 */
@ExtendWith(XrdpExtension.class)
class XrdpAgentInputTest {

    @TempDir
    Path dir;

    @Test
    void keysFromAFakeEvdevKeyboardArriveInTheXrdpSessionsXterm(XrdpServer xrdp) throws Exception {
        StringWriter log = new StringWriter();
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        PasswordStore.of(state).store(xrdp.password().toCharArray());
        Path config = Files.writeString(dir.resolve("porthole.json"), """
                {"schema": 1,
                 "connection": {"hosts": ["127.0.0.1:%d", "%s:%d"], "security": "tls",
                                "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "%s", "domain": ""},
                 "desktop": {"width": 1024, "height": 768},
                 "kiosk": {"idleTimeoutSeconds": 0}}
                """.formatted(closedPort(), xrdp.host(), xrdp.port(), xrdp.certificateSha256(), xrdp.username()));
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
            SessionHostAgentTest.await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
            assertThat(agent.machine().connectAttempts()).as("the first host refused, the second took the session")
                    .isGreaterThanOrEqualTo(2);
            xrdp.awaitDesktop(Duration.ofSeconds(60));
            awaitKeyboard(agent, xrdp, log);

            FakeKeyboard.play(agent.inputPipeline(), FakeKeyboard.typing("Typed on evdev 42"));
            FakeKeyboard.play(agent.inputPipeline(), FakeKeyboard.key(FakeKeyboard.KEY_ENTER));
            String[] typed = {""};
            SessionHostAgentTest.await("the typed line in the xterm", () -> {
                typed[0] = xrdp.readTypedText();
                return typed[0].contains("\n");
            }, log);
            assertThat(typed[0].replaceFirst("^\\.+", "")).isEqualTo("Typed on evdev 42\n");
        }
    }

    /** A loopback port nothing listens on (bound, then closed): the configuration's dead first host. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * xorgxrdp drops the keys of the first seconds while it loads the keyboard layout: a probe key ('.') is
     * typed until one arrives.
     */
    private static void awaitKeyboard(AgentRuntime agent, XrdpServer xrdp, StringWriter log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            xrdp.clearTypedText();
            FakeKeyboard.play(agent.inputPipeline(), FakeKeyboard.typing("."));
            long probe = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < probe) {
                if (xrdp.readTypedText().contains(".")) {
                    xrdp.clearTypedText();
                    return;
                }
                Thread.sleep(50);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no key typed on the fake keyboard reached the xterm within 60 s\nrun log:\n" + log);
            }
        }
    }
}
