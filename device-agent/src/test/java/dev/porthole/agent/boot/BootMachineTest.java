package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.porthole.display.status.Status;
import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.Scancode;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import org.junit.jupiter.api.Test;

/** The boot machine on a manual clock with fake sessions, network and view: every transition, no sleeps. */
class BootMachineTest {

    /** Jitter the test controls: {@code nextDouble} returns {@link #fraction}. */
    static final class FixedJitter implements RandomGenerator {
        double fraction;

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return fraction;
        }
    }

    static final class View implements BootView {
        final List<Status> shown = new ArrayList<>();
        int sessionShown;
        boolean blanked;

        @Override
        public void showStatus(Status status) {
            shown.add(status);
        }

        @Override
        public void showSession() {
            sessionShown++;
            shown.add(null);
        }

        @Override
        public void blank(boolean b) {
            blanked = b;
        }

        Status last() {
            return shown.getLast();
        }
    }

    final ManualScheduler clock = new ManualScheduler();
    final FixedJitter jitter = new FixedJitter();
    final FakeSessions sessions = new FakeSessions();
    final View view = new View();
    final Deque<NetworkProbe.Reachability> network = new ArrayDeque<>();
    final List<String> states = new ArrayList<>();
    final List<String> milestones = new ArrayList<>();
    final List<String> hookCalls = new ArrayList<>();
    int probes;

    BootMachine machine(BootSettings settings) {
        return machine(() -> new ConfigSource.Loaded(settings, ConfigSource.Origin.CONFIG_FILE, ""));
    }

    BootMachine machine(ConfigSource source) {
        NetworkProbe probe = host -> {
            probes++;
            return network.isEmpty() ? NetworkProbe.Reachability.UP : network.poll();
        };
        BootObserver observer = new BootObserver() {
            @Override
            public void stateChanged(BootState state, String detail) {
                states.add(state + ": " + detail);
            }

            @Override
            public void milestone(String name, long atMillis) {
                milestones.add(name);
            }
        };
        SessionHooks hooks = new SessionHooks() {
            @Override
            public void sessionActive(RemoteSessions.Session session, int width, int height) {
                hookCalls.add("active " + width + "x" + height);
            }

            @Override
            public void sessionInactive() {
                hookCalls.add("inactive");
            }

            @Override
            public void keyboardIndicators(int lockFlags) {
                hookCalls.add("leds " + lockFlags);
            }
        };
        return new BootMachine(clock, jitter, Runnable::run, source, probe, sessions, view, observer, hooks);
    }

    static BootSettings kiosk(String host) {
        return new BootSettings(host, 3389, BootSettings.Mode.KIOSK, "kiosk", "", Secret.copyOf("s3cret".toCharArray()), "NLA",
                null, 1024, 768, Duration.ZERO, null, null);
    }

    static BootSettings interactive(String host) {
        return new BootSettings(host, 3389, BootSettings.Mode.INTERACTIVE, "alice", "", null, "NLA", null, 1024, 768,
                Duration.ZERO, null, null);
    }

    static BootSettings withIdle(BootSettings s, Duration idle) {
        return new BootSettings(s.host(), s.port(), s.mode(), s.username(), s.domain(), s.password(), s.security(),
                s.pinnedSha256(), s.width(), s.height(), idle, s.reconnect(), s.authRetry());
    }

    BootMachine bootIntoSession(BootSettings s) {
        BootMachine m = machine(s);
        m.start();
        clock.runPending();
        sessions.last().listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        return m;
    }

    @Test
    void kioskBootsThroughConfigurationAndNetworkIntoTheSession() {
        BootMachine m = machine(kiosk("rdp.example.test"));
        m.start();
        clock.runPending();
        assertThat(view.shown.getFirst()).isInstanceOf(Status.Booting.class);
        assertThat(view.last()).isEqualTo(new Status.Connecting("rdp.example.test"));
        assertThat(m.state()).isEqualTo(BootState.CONNECTING);
        assertThat(sessions.attempts).hasSize(1);
        assertThat(sessions.last().username).isEqualTo("kiosk");
        assertThat(sessions.last().password).isEqualTo("s3cret");

        sessions.last().listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        assertThat(view.sessionShown).isEqualTo(1);
        assertThat(hookCalls).containsExactly("active 1024x768");
        assertThat(milestones).containsExactly("config", "network", "connecting", "active");
        assertThat(states).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("LOADING_CONFIG", "CONNECTING", "IN_SESSION");
    }

    @Test
    void noNetworkShowsNetworkDownAndChecksPolitelyWithGrowingPauses() {
        network.addAll(List.of(NetworkProbe.Reachability.NO_ROUTE, NetworkProbe.Reachability.UNRESOLVABLE,
                NetworkProbe.Reachability.NO_ROUTE, NetworkProbe.Reachability.NO_ROUTE));
        jitter.fraction = 0.9999999;
        BootMachine m = machine(kiosk("rdp.example.test"));
        m.start();
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.WAITING_FOR_NETWORK);
        assertThat(view.last()).isInstanceOf(Status.NetworkDown.class);
        List<Duration> waits = new ArrayList<>();
        while (m.state() == BootState.WAITING_FOR_NETWORK) {
            Duration next = clock.nextTimer();
            waits.add(next);
            assertThat(sessions.attempts).isEmpty();
            clock.advance(next);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(states).anyMatch(s -> s.contains("cannot resolve rdp.example.test"));
        assertThat(probes).isEqualTo(5);
        assertThat(m.state()).isEqualTo(BootState.CONNECTING);
        assertThat(sessions.attempts).hasSize(1);
    }

    @Test
    void aLostKioskSessionReconnectsForeverWithBackoffAndJitterThenResetsTheCount() {
        BootMachine m = bootIntoSession(kiosk("h"));
        jitter.fraction = 0.0; // the shortest wait: half the nominal one
        for (int attempt = 1; attempt <= 25; attempt++) {
            sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "reset"));
            clock.runPending();
            assertThat(m.state()).isEqualTo(BootState.RECONNECTING);
            assertThat(view.last()).isEqualTo(new Status.Reconnecting("h", attempt, ""));
            long nominal = Math.min(30_000, 1000L << Math.min(attempt - 1, 20));
            assertThat(clock.nextTimer()).isEqualTo(Duration.ofMillis(nominal / 2));
            int before = sessions.attempts.size();
            clock.advance(clock.nextTimer().minusMillis(1));
            assertThat(sessions.attempts).hasSize(before);
            clock.advance(Duration.ofMillis(1));
            assertThat(sessions.attempts).hasSize(before + 1);
            assertThat(view.last()).as("the reconnecting screen stays while connecting").isInstanceOf(Status.Reconnecting.class);
        }
        sessions.last().listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "reset"));
        clock.runPending();
        assertThat(view.last()).isEqualTo(new Status.Reconnecting("h", 1, ""));
        assertThat(hookCalls.stream().filter("inactive"::equals)).hasSize(2);
    }

    @Test
    void theClientsOwnReconnectAttemptsShowAsReconnectingAndTheMachinesBackoffTakesOverWhenItGivesUp() {
        BootMachine m = bootIntoSession(kiosk("h"));
        FakeSessions.Attempt live = sessions.last();
        live.listener.reconnecting(1, Duration.ofSeconds(1), "connection reset");
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.RECONNECTING);
        assertThat(view.last()).isEqualTo(new Status.Reconnecting("h", 1, "connection reset"));
        assertThat(hookCalls.getLast()).as("input stops while the client reconnects").isEqualTo("inactive");
        live.listener.reconnecting(2, Duration.ofSeconds(2), "connection refused");
        clock.runPending();
        assertThat(view.last()).isEqualTo(new Status.Reconnecting("h", 2, "connection refused"));
        assertThat(sessions.attempts).as("the machine leaves the retrying to the client").hasSize(1);
        assertThat(clock.nextTimer()).as("no timer of the machine's own").isNull();

        // the client's reconnect succeeds: the same session is active again
        live.listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        assertThat(hookCalls.getLast()).startsWith("active");
        assertThat(sessions.attempts).hasSize(1);

        // it drops again and the client gives up: the machine's count continues after the client's attempts
        live.listener.reconnecting(1, Duration.ofSeconds(1), "reset");
        live.listener.reconnecting(2, Duration.ofSeconds(2), "refused");
        live.listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "Reconnecting failed 2 times in a row"));
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.RECONNECTING);
        assertThat(view.last()).isInstanceOfSatisfying(Status.Reconnecting.class, r -> assertThat(r.attempt()).isEqualTo(3));
        clock.advance(clock.nextTimer());
        assertThat(sessions.attempts).as("the machine connects anew after its backoff").hasSize(2);
        assertThat(hookCalls.stream().filter("inactive"::equals)).hasSize(2);
    }

    @Test
    void theConfiguredHostsAreTriedInOrderAndAWholeFailedRoundBacksOff() {
        dev.porthole.agent.config.AgentConfig config = dev.porthole.agent.config.ConfigParser.parse(("{\"schema\": 1, "
                + "\"connection\": {\"hosts\": [\"first.example\", \"second.example:3390\", \"third.example\"]}, "
                + "\"credentials\": {\"mode\": \"kiosk\", \"username\": \"kiosk\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
        BootSettings s = kiosk("first.example");
        BootSettings three = new BootSettings(s.host(), s.port(), s.mode(), s.username(), s.domain(), s.password(), s.security(),
                s.pinnedSha256(), s.width(), s.height(), s.idleTimeout(), s.reconnect(), s.authRetry(), config);
        BootMachine m = machine(three);
        m.start();
        clock.runPending();
        assertThat(sessions.last().host).isEqualTo("first.example");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "refused"));
        clock.runPending();
        assertThat(sessions.attempts).as("the second host at once").hasSize(2);
        assertThat(sessions.last().host).isEqualTo("second.example");
        assertThat(sessions.last().port).isEqualTo(3390);
        assertThat(view.last()).isEqualTo(new Status.Connecting("second.example"));
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "timed out"));
        clock.runPending();
        assertThat(sessions.last().host).isEqualTo("third.example");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "refused"));
        clock.runPending();
        assertThat(sessions.attempts).as("every host failed: back off").hasSize(3);
        assertThat(m.state()).isEqualTo(BootState.RECONNECTING);
        clock.advance(clock.nextTimer());
        assertThat(sessions.attempts).hasSize(4);
        assertThat(sessions.last().host).as("the next round starts at the first host").isEqualTo("first.example");

        // the second host takes the session; a credentials failure is not the host's fault: no failover
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "refused"));
        clock.runPending();
        sessions.last().listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        assertThat(states.getLast()).contains("second.example");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.AUTHENTICATION, "wrong password"));
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.AUTH_FAILED);
        assertThat(sessions.attempts).hasSize(5);
    }

    @Test
    void theServersErrorInfoSentenceIsShownWhenItExplainsTheLoss() {
        bootIntoSession(kiosk("h"));
        String sentence = ErrorInfo.describe(ErrorInfo.ERRINFO_SERVER_SHUTDOWN);
        sessions.last().listener.errorInfo(ErrorInfo.ERRINFO_SERVER_SHUTDOWN, ErrorInfo.name(ErrorInfo.ERRINFO_SERVER_SHUTDOWN),
                sentence);
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "closed"));
        clock.runPending();
        assertThat(view.last()).isEqualTo(new Status.Reconnecting("h", 1, sentence));
        assertThat(states.getLast()).contains(sentence);
    }

    @Test
    void rejectedKioskCredentialsShowTheReasonAndRetryOnlyAfterTheLongBackoff() {
        BootMachine m = machine(kiosk("h"));
        m.start();
        clock.runPending();
        for (int failure = 1; failure <= 3; failure++) {
            sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.AUTHENTICATION,
                    "The user name or password is incorrect."));
            clock.runPending();
            assertThat(m.state()).isEqualTo(BootState.AUTH_FAILED);
            assertThat(view.last()).isInstanceOf(Status.AuthenticationFailed.class);
            assertThat(((Status.AuthenticationFailed) view.last()).reason())
                    .contains("The user name or password is incorrect.").contains("attempt " + failure);
            assertThat(m.authFailures()).isEqualTo(failure);
            Duration wait = clock.nextTimer();
            assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMinutes(5L << (failure - 1)).dividedBy(2));
            int before = sessions.attempts.size();
            clock.advance(wait.minusSeconds(1));
            assertThat(sessions.attempts).as("no retry storm").hasSize(before);
            clock.advance(Duration.ofSeconds(1));
            assertThat(sessions.attempts).hasSize(before + 1);
        }
        assertThat(m.connectAttempts()).isEqualTo(4);
    }

    @Test
    void interactiveSignInFeedsTheFormFromKeysAndUsesTheTypedCredentials() {
        BootMachine m = machine(interactive("h"));
        m.start();
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.SIGN_IN);
        assertThat(sessions.attempts).isEmpty();
        Status.SignIn signIn = (Status.SignIn) view.last();
        assertThat(signIn.form().username()).isEqualTo("alice");
        type(m, new int[] {25, 30, 31, 31}); // p a s s
        clock.runPending();
        assertThat(((Status.SignIn) view.last()).form().passwordLength()).isEqualTo(4);
        type(m, new int[] {28}); // Enter
        clock.runPending();
        assertThat(sessions.attempts).hasSize(1);
        assertThat(sessions.last().username).isEqualTo("alice");
        assertThat(sessions.last().password).isEqualTo("pass");
        assertThat(signIn.form().passwordLength()).as("the form forgot the password").isZero();

        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.AUTHENTICATION, "Logon failure."));
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.SIGN_IN);
        assertThat(((Status.SignIn) view.last()).form().message()).contains("Logon failure.");
        clock.advance(Duration.ofHours(2));
        assertThat(sessions.attempts).as("no retry without the user").hasSize(1);
        assertThat(m.authFailures()).isEqualTo(1);
    }

    private static void type(BootMachine m, int[] keycodes) {
        for (int k : keycodes) {
            m.localKey(new InputEvent.Key(k, Scancode.of(k), true));
            m.localKey(new InputEvent.Key(k, Scancode.of(k), false));
        }
    }

    @Test
    void logoffReturnsAnInteractiveDeviceToSignInAndAKioskStraightIn() {
        BootMachine im = machine(interactive("h"));
        im.start();
        clock.runPending();
        type(im, new int[] {25, 28});
        clock.runPending();
        sessions.last().listener.active(800, 600);
        clock.runPending();
        sessions.last().listener.errorInfo(ErrorInfo.ERRINFO_LOGOFF_BY_USER, "ERRINFO_LOGOFF_BY_USER", "The user logged off.");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "closed"));
        clock.runPending();
        assertThat(im.state()).isEqualTo(BootState.SIGN_IN);
        assertThat(sessions.attempts).hasSize(1);
        im.shutdown();
        clock.runPending();

        BootMachine km = bootIntoSession(kiosk("k"));
        clock.advance(Duration.ofMinutes(5));
        int before = sessions.attempts.size();
        sessions.last().listener.errorInfo(ErrorInfo.ERRINFO_LOGOFF_BY_USER, "ERRINFO_LOGOFF_BY_USER", "The user logged off.");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "closed"));
        clock.runPending();
        assertThat(km.state()).isEqualTo(BootState.CONNECTING);
        assertThat(sessions.attempts).as("straight back in, no waiting").hasSize(before + 1);
        assertThat(view.last()).isEqualTo(new Status.Connecting("k"));

        // logged off again right after it started: back off instead of looping
        sessions.last().listener.active(800, 600);
        clock.runPending();
        sessions.last().listener.errorInfo(ErrorInfo.ERRINFO_LOGOFF_BY_USER, "ERRINFO_LOGOFF_BY_USER", "The user logged off.");
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "closed"));
        clock.runPending();
        assertThat(km.state()).isEqualTo(BootState.RECONNECTING);
    }

    @Test
    void idleTimeoutDisconnectsAndInputWakesTheKiosk() {
        BootMachine m = bootIntoSession(withIdle(kiosk("h"), Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(9));
        m.userActivity();
        clock.advance(Duration.ofMinutes(9));
        assertThat(m.state()).as("activity restarted the idle clock").isEqualTo(BootState.IN_SESSION);
        clock.advance(Duration.ofMinutes(1));
        assertThat(m.state()).isEqualTo(BootState.IDLE);
        assertThat(sessions.last().closed).isTrue();
        assertThat(view.blanked).isTrue();
        int before = sessions.attempts.size();
        clock.advance(Duration.ofHours(3));
        assertThat(sessions.attempts).hasSize(before);
        m.userActivity();
        clock.runPending();
        assertThat(view.blanked).isFalse();
        assertThat(sessions.attempts).hasSize(before + 1);
    }

    @Test
    void configurationChangesLeaveTheLiveSessionAloneUnlessTheyNeedItOrAreDisruptive() {
        BootMachine m = bootIntoSession(kiosk("old.example.test"));
        var live = m.applySettings(withIdle(kiosk("old.example.test"), Duration.ofMinutes(30)), false);
        clock.runPending();
        assertThat(live).isCompletedWithValue(BootMachine.Applied.LIVE);
        assertThat(sessions.last().closed).isFalse();

        var deferred = m.applySettings(kiosk("new.example.test"), false);
        clock.runPending();
        assertThat(deferred).isCompletedWithValue(BootMachine.Applied.AT_NEXT_DISCONNECT);
        assertThat(sessions.last().closed).isFalse();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        sessions.last().listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "reset"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.last().host).isEqualTo("new.example.test");

        sessions.last().listener.active(1024, 768);
        clock.runPending();
        FakeSessions.Attempt running = sessions.last();
        var now = m.applySettings(kiosk("third.example.test"), true);
        clock.runPending();
        assertThat(now).isCompletedWithValue(BootMachine.Applied.RESTARTED);
        assertThat(running.closed).isTrue();
        assertThat(sessions.last().host).isEqualTo("third.example.test");
        // the closed session's late end report changes nothing
        running.listener.ended(new RemoteSessions.End(RemoteSessions.EndKind.NETWORK, "closed"));
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.CONNECTING);
    }

    @Test
    void reconnectCommandAndShutdown() {
        BootMachine m = bootIntoSession(kiosk("h"));
        FakeSessions.Attempt first = sessions.last();
        m.reconnectNow("fleet command");
        clock.runPending();
        assertThat(first.closed).isTrue();
        assertThat(sessions.attempts).hasSize(2);
        sessions.last().listener.active(1024, 768);
        clock.runPending();
        var stopped = m.shutdown();
        clock.runPending();
        assertThat(stopped).isDone();
        assertThat(sessions.last().closed).isTrue();
        assertThat(view.last()).isInstanceOf(Status.ShuttingDown.class);
        assertThat(m.state()).isEqualTo(BootState.STOPPED);
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.attempts).hasSize(2);
    }

    @Test
    void theReconnectHotkeyConnectsAgainAtOnceAndUnknownActionsDoNothing() {
        BootMachine m = bootIntoSession(kiosk("h"));
        FakeSessions.Attempt first = sessions.last();
        m.localAction("status");
        clock.runPending();
        assertThat(first.closed).isFalse();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
        m.localAction("reconnect");
        clock.runPending();
        assertThat(first.closed).isTrue();
        assertThat(sessions.attempts).hasSize(2);
        assertThat(m.state()).isEqualTo(BootState.CONNECTING);
        sessions.last().listener.active(1024, 768);
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.IN_SESSION);
    }

    @Test
    void hotkeysComeFromTheConfigurationAndDisconnectOnlyWhenAllowed() {
        var config = dev.porthole.agent.config.ConfigParser.parse("""
                {"schema": 1, "input": {"hotkeys": {"disconnect": "Ctrl+Alt+End", "reconnect": "Ctrl+Alt+R"}},
                 "kiosk": {"allowLocalDisconnect": false}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.json");
        assertThat(AgentRuntime.hotkeys(config)).extracting(dev.porthole.hw.input.Hotkey::action).containsExactly("reconnect");
        var allowed = dev.porthole.agent.config.ConfigParser.parse("""
                {"schema": 1, "input": {"hotkeys": {"disconnect": "Ctrl+Alt+End", "reconnect": "Ctrl+Alt+R"}}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.json");
        assertThat(AgentRuntime.hotkeys(allowed)).extracting(dev.porthole.hw.input.Hotkey::action)
                .containsExactlyInAnyOrder("disconnect", "reconnect");
        assertThat(AgentRuntime.hotkeys(null)).extracting(dev.porthole.hw.input.Hotkey::action).containsExactly("disconnect");
    }

    @Test
    void aConfigurationFromTheFallbackIsUsedAndNoConfigurationAtAllStops() {
        BootMachine m = machine(() -> new ConfigSource.Loaded(kiosk("lkg"), ConfigSource.Origin.LAST_KNOWN_GOOD, "corrupt"));
        m.start();
        clock.runPending();
        assertThat(m.origin()).isEqualTo(ConfigSource.Origin.LAST_KNOWN_GOOD);
        assertThat(sessions.last().host).isEqualTo("lkg");

        BootMachine none = machine(() -> {
            throw new IllegalStateException("porthole.json: no such file");
        });
        none.start();
        clock.runPending();
        assertThat(none.state()).isEqualTo(BootState.STOPPED);
        assertThat(none.stopped()).isDone();
        assertThat(((Status.AuthenticationFailed) view.last()).reason()).contains("no such file");
    }

    @Test
    void withoutAHostTheStartScreenStaysUntilProvisioningSuppliesOne() {
        BootMachine m = machine(new BootSettings("", 3389, BootSettings.Mode.INTERACTIVE, "", "", null, "AUTO", null, 0, 0,
                null, null, null));
        m.start();
        clock.runPending();
        assertThat(m.state()).isEqualTo(BootState.WAITING_FOR_CONFIG);
        assertThat(view.last()).isInstanceOf(Status.Booting.class);
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.attempts).isEmpty();
        assertThat(probes).isZero();
        var applied = m.applySettings(kiosk("provisioned.example.test"), false);
        clock.runPending();
        assertThat(applied).isCompletedWithValue(BootMachine.Applied.RESTARTED);
        assertThat(sessions.last().host).isEqualTo("provisioned.example.test");
    }

    @Test
    void backoffStaysBetweenHalfAndAllOfTheNominalDelay() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        jitter.fraction = 0.0;
        assertThat(b.delay(3, jitter)).isEqualTo(Duration.ofSeconds(2));
        jitter.fraction = 0.9999999;
        assertThat(b.delay(3, jitter)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.nominal(40)).isEqualTo(Duration.ofSeconds(30));
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 1; i < 200; i++) {
            Duration d = b.delay(i % 12 + 1, r);
            assertThat(d).isBetween(b.nominal(i % 12 + 1).dividedBy(2), b.nominal(i % 12 + 1));
        }
    }
}
