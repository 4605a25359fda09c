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
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.status.StatusFile;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.display.status.Status;
import dev.porthole.display.status.StatusRenderer;
import dev.porthole.display.surface.Surface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SessionHostAgentTest} plus what needs a host that checks credentials before the session (NLA):
 * a wrong password shows "sign-in failed" without a retry storm, and interactive sign-in typed on a fake
 * keyboard opens the session.
 */
abstract class NlaSessionHostAgentTest extends SessionHostAgentTest {

    @Test
    void aWrongPasswordShowsSignInFailedWithTheReasonAndDoesNotRetryAtOnce() throws Exception {
        StringWriter log = new StringWriter();
        StateDirectory state = new StateDirectory(dir.resolve("state-auth"));
        Path config = config(host().port(), state, host().password() + "-wrong");
        try (AgentRuntime agent = start(config, state, log)) {
            await("authentication failed", () -> agent.machine().state() == BootState.AUTH_FAILED, log);
            Status shown = agent.view().shown();
            assertThat(shown).isInstanceOf(Status.AuthenticationFailed.class);
            String reason = ((Status.AuthenticationFailed) shown).reason();
            assertThat(reason).contains("attempt 1").containsPattern("trying again in \\d+ (min|s)");
            assertThat(shows(agent, shown)).as("the panel shows the sign-in failed screen").isTrue();
            assertThat(agent.machine().authFailures()).isEqualTo(1);
            assertThat(agent.machine().connectAttempts()).as("one attempt, no retry storm").isEqualTo(1);
            assertThat(StatusFile.of(state).read().orElseThrow().state()).isEqualTo("auth_failed");
        }
    }

    @Test
    void interactiveSignInTypedOnAFakeKeyboardOpensTheSession() throws Exception {
        StringWriter log = new StringWriter();
        StateDirectory state = new StateDirectory(dir.resolve("state-interactive"));
        Path file = Files.writeString(dir.resolve("interactive.json"), """
                {"schema": 1,
                 "connection": {"hosts": ["127.0.0.1:%d"], "security": "nla",
                                "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "interactive", "username": "%s", "domain": "%s"},
                 "desktop": {"width": 1024, "height": 768}}
                """.formatted(host().port(), host().certificateSha256(), host().username(), host().domain()));
        try (AgentRuntime agent = start(file, state, log)) {
            await("the sign-in screen", () -> agent.machine().state() == BootState.SIGN_IN, log);
            Status.SignIn signIn = (Status.SignIn) agent.view().shown();
            assertThat(signIn.form().username()).isEqualTo(host().username());
            FakeKeyboard.play(agent.inputPipeline(), FakeKeyboard.typing(host().password()));
            await("the password typed", () -> signIn.form().passwordLength() == host().password().length()
                    && agent.view().shown() instanceof Status.SignIn s && shows(agent, s), log);
            assertThat(agent.machine().connectAttempts()).isZero();
            FakeKeyboard.play(agent.inputPipeline(), FakeKeyboard.key(FakeKeyboard.KEY_ENTER));
            await("in session with the typed credentials", () -> agent.machine().state() == BootState.IN_SESSION, log);
            assertThat(signIn.form().passwordLength()).as("the form forgot the password").isZero();
            assertThat(agent.machine().authFailures()).isZero();
        }
        assertThat(log.toString()).doesNotContain(host().password());
    }
}
