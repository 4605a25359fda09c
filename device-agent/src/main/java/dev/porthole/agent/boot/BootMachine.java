package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import dev.porthole.display.status.SignInForm;
import dev.porthole.display.status.Status;
import dev.porthole.hw.input.InputEvent;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The device's boot and session state machine: start → load configuration → wait for the network →
 * (sign in) → connect → in session, and what happens when the session is lost.
 *
 * <ul>
 *   <li>A lost session shows "reconnecting (attempt n)", with the server's Set Error Info sentence
 *       when it explained the loss, and comes back with exponential backoff and jitter; a kiosk never
 *       gives up, an interactive device returns to the sign-in screen after {@link #INTERACTIVE_RECONNECTS}.</li>
 *   <li>Rejected credentials show "sign-in failed" with the reason: a kiosk retries only after the
 *       long {@link BootSettings#authRetry()} backoff (no retry storm against the account lockout
 *       policy); an interactive device goes back to the sign-in screen.</li>
 *   <li>The user logging off: sign-in screen (interactive) or straight back in (kiosk).</li>
 *   <li>Idle timeout (when configured): the session is closed; sign-in screen (interactive) or a
 *       blanked panel that wakes on input (kiosk).</li>
 * </ul>
 *
 * Every transition runs on the {@link Scheduler}'s thread; time and randomness are injected, so tests
 * run it with a manual clock. Public methods may be called from any thread.
 */
public final class BootMachine implements dev.porthole.agent.input.InputRouter.Local {

    /** Reconnect attempts of an interactive device before it asks the user to sign in again. */
    public static final int INTERACTIVE_RECONNECTS = 10;
    /** Backoff of the network check while the network is down. */
    public static final Backoff NETWORK_CHECK = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

    /** A kiosk session logged off sooner than this after it started comes back with backoff, not at once. */
    public static final Duration QUICK_LOGOFF = Duration.ofSeconds(10);

    private static final TaggedLogger LOG = Logger.tag("agent");

    /** The outcome of {@link #applySettings}. */
    public enum Applied {
        /** Took effect at once; the live session was left alone. */
        LIVE,
        /** Needs a new session; takes effect at the next disconnect. */
        AT_NEXT_DISCONNECT,
        /** The session (or the attempt under way) was restarted with the new settings. */
        RESTARTED
    }

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Executor blocking;
    private final ConfigSource configSource;
    private final NetworkProbe probe;
    private final RemoteSessions sessions;
    private final BootView view;
    private final BootObserver observer;
    private final SessionHooks hooks;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private volatile BootState state = BootState.STARTING;
    private volatile long lastActivity;
    private BootSettings settings;
    private BootSettings pending;
    private int generation;
    private RemoteSessions.Session session;
    private int reconnectAttempt;
    /** Which of {@link BootSettings#hosts()} is tried next, and how many of them failed in a row this round. */
    private int hostIndex;
    private int roundFailures;
    private int networkChecks;
    private int authStreak;
    private volatile int authFailures;
    private volatile int connectAttempts;
    private String errorSentence = "";
    private int errorCode = -1;
    private Scheduler.Cancellable timer;
    private Scheduler.Cancellable idleTimer;
    private SignInForm form;
    private String signedInUser;
    private Secret signedInPassword = Secret.empty();
    private boolean firstActive = true;
    private long activeSince;
    private ConfigSource.Origin origin;

    /** A machine; nothing happens until {@link #start()}. */
    public BootMachine(Scheduler scheduler, RandomGenerator random, Executor blocking, ConfigSource configSource,
                       NetworkProbe probe, RemoteSessions sessions, BootView view, BootObserver observer, SessionHooks hooks) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.random = Objects.requireNonNull(random);
        this.blocking = Objects.requireNonNull(blocking);
        this.configSource = Objects.requireNonNull(configSource);
        this.probe = Objects.requireNonNull(probe);
        this.sessions = Objects.requireNonNull(sessions);
        this.view = Objects.requireNonNull(view);
        this.observer = Objects.requireNonNull(observer);
        this.hooks = Objects.requireNonNull(hooks);
    }

    // ---------------------------------------------------------------- public API (any thread)

    /** Boots: shows the start screen and loads the configuration. */
    public void start() {
        scheduler.execute(() -> {
            lastActivity = scheduler.nowMillis();
            view.showStatus(new Status.Booting());
            enter(BootState.LOADING_CONFIG, "loading configuration");
            int gen = generation;
            blocking.execute(() -> {
                ConfigSource.Loaded loaded;
                try {
                    loaded = configSource.load();
                } catch (RuntimeException e) {
                    scheduler.execute(() -> noConfig(gen, e));
                    return;
                }
                scheduler.execute(() -> configLoaded(gen, loaded));
            });
        });
    }

    /** Closes the session, shows "shutting down" and stops; the future completes when stopped. */
    public CompletableFuture<Void> shutdown() {
        scheduler.execute(() -> {
            if (state == BootState.STOPPED) {
                return;
            }
            enter(BootState.SHUTTING_DOWN, "shutting down");
            generation++;
            cancelTimers();
            view.showStatus(new Status.ShuttingDown());
            closeSessionLocally();
            signedInPassword.wipe();
            enter(BootState.STOPPED, "stopped");
            stopped.complete(null);
        });
        return stopped;
    }

    /** Completes when the machine stopped. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Closes the live session (if any) and connects again at once (the fleet's reconnect command). */
    public void reconnectNow(String why) {
        scheduler.execute(() -> {
            if (!running() || state == BootState.LOADING_CONFIG) {
                return;
            }
            LOG.info("reconnect requested reason=\"{}\"", why);
            closeSessionLocally();
            restart();
        });
    }

    /**
     * New settings (applied configuration): changes the live session does not depend on take effect
     * at once; others wait for the next disconnect, unless {@code disruptive}, which restarts now.
     */
    public CompletableFuture<Applied> applySettings(BootSettings next, boolean disruptive) {
        CompletableFuture<Applied> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (settings == null || !running()) {
                settings = next;
                result.complete(Applied.LIVE);
                return;
            }
            boolean needsSession = settings.sessionDiffers(next);
            if (!needsSession) {
                settings = next;
                if (state == BootState.IN_SESSION) {
                    armIdle();
                }
                result.complete(Applied.LIVE);
                return;
            }
            if (state == BootState.IN_SESSION && !disruptive) {
                pending = next;
                LOG.info("configuration change waits for the next disconnect");
                result.complete(Applied.AT_NEXT_DISCONNECT);
                return;
            }
            if (settings.mode() != next.mode() || !settings.host().equals(next.host())) {
                forgetSignIn();
            }
            settings = next;
            hostIndex = 0;
            roundFailures = 0;
            pending = null;
            closeSessionLocally();
            restart();
            result.complete(Applied.RESTARTED);
        });
        return result;
    }

    /** Input happened at the device (resets the idle timer; wakes a kiosk from idle). */
    public void userActivity() {
        lastActivity = scheduler.nowMillis();
        if (state == BootState.IDLE) {
            scheduler.execute(() -> {
                if (state == BootState.IDLE) {
                    view.blank(false);
                    restart();
                }
            });
        }
    }

    /** A key meant for the device itself (the sign-in form when it shows). */
    public void localKey(InputEvent.Key key) {
        scheduler.execute(() -> {
            SignInForm f = form;
            if (state == BootState.SIGN_IN && f != null && f.onKey(key) && form == f) {
                view.showStatus(new Status.SignIn(f));
            }
        });
    }

    /**
     * A reserved hotkey's action: {@code disconnect} leaves the session (sign-in, or a fresh kiosk session);
     * {@code reconnect} drops the connection and connects again at once (also out of a reconnect backoff).
     */
    public void localAction(String action) {
        if ("reconnect".equals(action)) {
            scheduler.execute(() -> {
                if (state == BootState.IN_SESSION || state == BootState.RECONNECTING || state == BootState.CONNECTING) {
                    LOG.info("local reconnect hotkey");
                    closeSessionLocally();
                    restart();
                }
            });
            return;
        }
        scheduler.execute(() -> {
            if (!"disconnect".equals(action) || state != BootState.IN_SESSION) {
                return;
            }
            LOG.info("local disconnect hotkey");
            closeSessionLocally();
            if (settings.mode() == BootSettings.Mode.INTERACTIVE) {
                forgetSignIn();
                enterSignIn("Disconnected.");
            } else {
                restart();
            }
        });
    }

    /** The current state. */
    public BootState state() {
        return state;
    }

    /** Whether a session is active (input goes to it). */
    public boolean inSession() {
        return state == BootState.IN_SESSION;
    }

    /** Rejected sign-ins since boot. */
    public int authFailures() {
        return authFailures;
    }

    /** Connection attempts since boot. */
    public int connectAttempts() {
        return connectAttempts;
    }

    /** Where the settings came from (null before they loaded). */
    public ConfigSource.Origin origin() {
        return origin;
    }

    /** The current settings (null before they loaded). */
    public BootSettings settings() {
        return settings;
    }

    /** The host being tried or in session (one of the settings' hosts, in order on failures). */
    public String currentHost() {
        BootSettings s = settings;
        if (s == null) {
            return "";
        }
        java.util.List<dev.porthole.agent.config.HostAddress> hosts = s.hosts();
        return hosts.size() < 2 ? s.host() : hosts.get(hostIndex % hosts.size()).host();
    }

    // ---------------------------------------------------------------- transitions (machine thread)

    private boolean running() {
        return state != BootState.SHUTTING_DOWN && state != BootState.STOPPED;
    }

    private void enter(BootState next, String detail) {
        BootState previous = state;
        state = next;
        if (previous != next) {
            LOG.info("state {} -> {} detail=\"{}\"", previous, next, detail);
        }
        observer.stateChanged(next, detail);
    }

    private void noConfig(int gen, RuntimeException e) {
        if (gen != generation || !running()) {
            return;
        }
        LOG.error("no usable configuration: {}", e.getMessage());
        view.showStatus(new Status.AuthenticationFailed("This device has no usable configuration: " + e.getMessage()));
        enter(BootState.STOPPED, "no usable configuration: " + e.getMessage());
        stopped.complete(null);
    }

    private void configLoaded(int gen, ConfigSource.Loaded loaded) {
        if (gen != generation || !running()) {
            return;
        }
        if (settings == null) {
            settings = loaded.settings();
        }
        origin = loaded.origin();
        observer.milestone("config", scheduler.nowMillis());
        if (!loaded.problem().isEmpty()) {
            LOG.warn("configuration from {} because: {}", loaded.origin(), loaded.problem());
        } else {
            LOG.info("configuration loaded from {} settings={}", loaded.origin(), settings);
        }
        proceed();
    }

    /** Starts over with a fresh attempt count (the previous session ended on purpose or by command). */
    private void restart() {
        cancelTimers();
        reconnectAttempt = 0;
        errorSentence = "";
        if (needsSignIn()) {
            enterSignIn("");
        } else {
            proceed();
        }
    }

    private boolean needsSignIn() {
        return !settings.host().isEmpty() && settings.mode() == BootSettings.Mode.INTERACTIVE && signedInPassword.isEmpty();
    }

    /** Checks the network, then connects (or shows the sign-in screen). */
    private void proceed() {
        cancelTimer();
        if (settings.host().isEmpty()) {
            generation++;
            view.showStatus(new Status.Booting());
            enter(BootState.WAITING_FOR_CONFIG, "no session host configured; waiting for provisioning");
            return;
        }
        int gen = ++generation;
        String host = target().host();
        blocking.execute(() -> {
            NetworkProbe.Reachability r;
            try {
                r = probe.check(host);
            } catch (RuntimeException e) {
                r = NetworkProbe.Reachability.NO_ROUTE;
            }
            NetworkProbe.Reachability result = r;
            scheduler.execute(() -> probed(gen, result));
        });
    }

    private void probed(int gen, NetworkProbe.Reachability r) {
        if (gen != generation || !running()) {
            return;
        }
        if (r == NetworkProbe.Reachability.UP) {
            if (networkChecks > 0 || firstActive) {
                observer.milestone("network", scheduler.nowMillis());
            }
            networkChecks = 0;
            if (needsSignIn()) {
                enterSignIn("");
            } else {
                connect();
            }
            return;
        }
        networkChecks++;
        view.showStatus(new Status.NetworkDown());
        enter(BootState.WAITING_FOR_NETWORK, r == NetworkProbe.Reachability.NO_ROUTE ? "network down: no route"
                : "network down: cannot resolve " + target().host());
        timer = scheduler.schedule(NETWORK_CHECK.delay(networkChecks, random), this::proceed);
    }

    private void connect() {
        int gen = ++generation;
        connectAttempts++;
        errorSentence = "";
        errorCode = -1;
        if (reconnectAttempt == 0) {
            view.showStatus(new Status.Connecting(target().host()));
            enter(BootState.CONNECTING, "connecting to " + target().host());
        } else {
            enter(BootState.CONNECTING, "reconnecting to " + target().host() + " (attempt " + reconnectAttempt + ")");
        }
        if (firstActive) {
            observer.milestone("connecting", scheduler.nowMillis());
        }
        boolean kiosk = settings.mode() == BootSettings.Mode.KIOSK;
        RemoteSessions.Request request = new RemoteSessions.Request(target(), kiosk ? settings.username() : signedInUser,
                settings.domain(), kiosk ? settings.password().copy() : signedInPassword.copy());
        session = sessions.open(request, new RemoteSessions.Listener() {
            @Override
            public void active(int width, int height) {
                scheduler.execute(() -> onActive(gen, width, height));
            }

            @Override
            public void errorInfo(int code, String name, String sentence) {
                scheduler.execute(() -> {
                    if (gen == generation) {
                        errorCode = code;
                        errorSentence = sentence == null ? "" : sentence;
                        LOG.info("server explained the disconnection name={} code={}", name, code);
                    }
                });
            }

            @Override
            public void keyboardIndicators(int lockFlags) {
                scheduler.execute(() -> {
                    if (gen == generation) {
                        hooks.keyboardIndicators(lockFlags);
                    }
                });
            }

            @Override
            public void reconnecting(int attempt, Duration delay, String reason) {
                scheduler.execute(() -> onClientReconnecting(gen, attempt, delay, reason));
            }

            @Override
            public void ended(RemoteSessions.End end) {
                scheduler.execute(() -> onEnded(gen, end));
            }
        });
    }

    private void onActive(int gen, int width, int height) {
        // RECONNECTING with the current generation: the client's own auto-reconnect brought the session back
        if (gen != generation || state != BootState.CONNECTING && state != BootState.RECONNECTING) {
            return;
        }
        reconnectAttempt = 0;
        authStreak = 0;
        view.showSession();
        roundFailures = 0;
        enter(BootState.IN_SESSION, "in session on " + target().host() + " (" + width + "x" + height + ")");
        if (firstActive) {
            firstActive = false;
            observer.milestone("active", scheduler.nowMillis());
        }
        hooks.sessionActive(session, width, height);
        lastActivity = scheduler.nowMillis();
        activeSince = lastActivity;
        armIdle();
    }

    /** The client retries the dropped session itself; the reconnecting screen counts its attempts. */
    private void onClientReconnecting(int gen, int attempt, Duration delay, String reason) {
        if (gen != generation || !running() || state != BootState.IN_SESSION && state != BootState.RECONNECTING) {
            return;
        }
        if (state == BootState.IN_SESSION) {
            cancelIdle();
            hooks.sessionInactive();
        }
        reconnectAttempt = attempt;
        String why = errorSentence.isEmpty() ? reason == null ? "" : reason : errorSentence;
        view.showStatus(new Status.Reconnecting(target().host(), attempt, why));
        enter(BootState.RECONNECTING, "reconnecting (attempt " + attempt + ", in " + human(delay) + ", by the client)"
                + (why.isEmpty() ? "" : ": " + why));
    }

    private void onEnded(int gen, RemoteSessions.End end) {
        if (gen != generation || !running() || end.kind() == RemoteSessions.EndKind.LOCAL) {
            return;
        }
        boolean wasActive = state == BootState.IN_SESSION;
        session = null;
        generation++;
        cancelIdle();
        if (wasActive) {
            hooks.sessionInactive();
        }
        if (pending != null) {
            if (settings.mode() != pending.mode() || !settings.host().equals(pending.host())) {
                forgetSignIn();
            }
            settings = pending;
            hostIndex = 0;
            roundFailures = 0;
            pending = null;
            LOG.info("deferred configuration change applied at disconnect settings={}", settings);
        }
        LOG.info("session ended kind={} message=\"{}\" errorInfo={}", end.kind(), end.message(),
                errorCode < 0 ? "none" : ErrorInfo.name(errorCode));
        boolean interactive = settings.mode() == BootSettings.Mode.INTERACTIVE;
        switch (end.kind()) {
            case AUTHENTICATION, TRUST -> authFailed(end.message());
            default -> {
                if (errorCode == ErrorInfo.ERRINFO_LOGOFF_BY_USER || errorCode == ErrorInfo.ERRINFO_RPC_INITIATED_LOGOFF) {
                    if (interactive) {
                        forgetSignIn();
                        enterSignIn(errorSentence);
                    } else if (wasActive && scheduler.nowMillis() - activeSince >= QUICK_LOGOFF.toMillis()) {
                        restart();
                    } else {
                        reconnectLater(errorSentence); // logged off at once again: back off instead of looping
                    }
                } else if (errorCode >= 0 && ErrorInfo.isIntentional(errorCode) && interactive) {
                    forgetSignIn();
                    enterSignIn(errorSentence);
                } else if (!failOver(end)) {
                    reconnectLater(errorSentence);
                }
            }
        }
    }

    /** The settings with the host being tried (the configuration's hosts in order; the first when there is one). */
    private BootSettings target() {
        java.util.List<dev.porthole.agent.config.HostAddress> hosts = settings.hosts();
        return hosts.size() < 2 ? settings : settings.withHost(hosts.get(hostIndex % hosts.size()));
    }

    /**
     * Multi-host failover: after a failure the next configured host is tried at once; when every host of
     * the list failed in a row, false (the caller backs off, then the round starts again at the first).
     */
    private boolean failOver(RemoteSessions.End end) {
        int n = settings.hosts().size();
        if (n < 2) {
            return false;
        }
        String from = target().host();
        hostIndex = (hostIndex + 1) % n;
        if (++roundFailures >= n) {
            roundFailures = 0;
            return false;
        }
        LOG.info("failing over from={} to={} reason=\"{}\"", from, target().host(), end.message());
        connect();
        return true;
    }

    private void authFailed(String reason) {
        authFailures++;
        authStreak++;
        if (settings.mode() == BootSettings.Mode.INTERACTIVE) {
            forgetSignIn();
            enterSignIn("Sign-in failed: " + reason);
            return;
        }
        Duration wait = settings.authRetry().delay(authStreak, random);
        view.showStatus(new Status.AuthenticationFailed(reason + " (attempt " + authStreak + "; trying again in "
                + human(wait) + ")"));
        enter(BootState.AUTH_FAILED, "authentication failed (attempt " + authStreak + "): " + reason);
        timer = scheduler.schedule(wait, this::proceed);
    }

    private void reconnectLater(String reason) {
        reconnectAttempt++;
        if (settings.mode() == BootSettings.Mode.INTERACTIVE && reconnectAttempt > INTERACTIVE_RECONNECTS) {
            forgetSignIn();
            enterSignIn("The connection to " + target().host() + " was lost. " + reason);
            return;
        }
        Duration wait = settings.reconnect().delay(reconnectAttempt, random);
        view.showStatus(new Status.Reconnecting(target().host(), reconnectAttempt, reason));
        enter(BootState.RECONNECTING, "reconnecting (attempt " + reconnectAttempt + ", in " + human(wait) + ")"
                + (reason.isEmpty() ? "" : ": " + reason));
        timer = scheduler.schedule(wait, this::proceed);
    }

    private void enterSignIn(String message) {
        cancelTimers();
        generation++;
        SignInForm[] self = new SignInForm[1];
        self[0] = new SignInForm(settings.username(), credentials -> scheduler.execute(() -> submitted(self[0], credentials)));
        self[0].setMessage(message);
        form = self[0];
        view.showStatus(new Status.SignIn(form));
        enter(BootState.SIGN_IN, message.isEmpty() ? "waiting for sign-in" : "waiting for sign-in: " + message);
    }

    private void submitted(SignInForm from, SignInForm.Credentials credentials) {
        try {
            if (from != form || state != BootState.SIGN_IN) {
                return;
            }
            form = null;
            signedInUser = credentials.username();
            signedInPassword.wipe();
            signedInPassword = Secret.copyOf(credentials.password());
        } finally {
            credentials.clear();
        }
        reconnectAttempt = 0;
        proceed();
    }

    private void forgetSignIn() {
        signedInPassword.wipe();
        signedInUser = null;
    }

    private void armIdle() {
        cancelIdle();
        Duration timeout = settings.idleTimeout();
        if (timeout.isZero()) {
            return;
        }
        long remaining = timeout.toMillis() - (scheduler.nowMillis() - lastActivity);
        idleTimer = scheduler.schedule(Duration.ofMillis(Math.max(0, remaining)), this::checkIdle);
    }

    private void checkIdle() {
        if (state != BootState.IN_SESSION || settings.idleTimeout().isZero()) {
            return;
        }
        if (scheduler.nowMillis() - lastActivity < settings.idleTimeout().toMillis()) {
            armIdle();
            return;
        }
        LOG.info("idle timeout after {}", settings.idleTimeout());
        closeSessionLocally();
        if (settings.mode() == BootSettings.Mode.INTERACTIVE) {
            forgetSignIn();
            enterSignIn("Signed out after " + human(settings.idleTimeout()) + " without input.");
        } else {
            generation++;
            view.blank(true);
            enter(BootState.IDLE, "idle: disconnected after " + human(settings.idleTimeout()) + " without input");
        }
    }

    private void closeSessionLocally() {
        RemoteSessions.Session s = session;
        session = null;
        generation++;
        cancelIdle();
        if (state == BootState.IN_SESSION || s != null) {
            hooks.sessionInactive();
        }
        if (s != null) {
            s.close();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void cancelIdle() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    private void cancelTimers() {
        cancelTimer();
        cancelIdle();
    }

    static String human(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        if (s < 90) {
            return s + " s";
        }
        long m = Math.round(s / 60.0);
        return m < 90 ? m + " min" : Math.round(m / 60.0) + " h";
    }
}
