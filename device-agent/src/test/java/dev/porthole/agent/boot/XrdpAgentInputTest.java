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
 * {@code RemoteInput}, and arrive as text in the xterm of the xrdp session.
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
                 "connection": {"hosts": ["%s:%d"], "security": "tls",
                                "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "%s", "domain": ""},
                 "desktop": {"width": 1024, "height": 768},
                 "kiosk": {"idleTimeoutSeconds": 0}}
                """.formatted(xrdp.host(), xrdp.port(), xrdp.certificateSha256(), xrdp.username()));
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
            SessionHostAgentTest.await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
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
