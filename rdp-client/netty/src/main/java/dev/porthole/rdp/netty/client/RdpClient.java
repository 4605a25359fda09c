package dev.porthole.rdp.netty.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import dev.porthole.rdp.netty.client.RdpClientListener.Connected;
import dev.porthole.rdp.netty.client.RdpClientListener.Disconnected;
import dev.porthole.rdp.netty.client.RdpClientListener.Reason;
import dev.porthole.rdp.netty.client.RdpClientListener.Redirected;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.pdu.rdp.ArcScPrivatePacket;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPacket;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.channel.EventLoopGroup;
import org.tinylog.Logger;

/**
 * The public RDP client: owns the connection attempts of one remote session, follows Server Redirection
 * (MS-RDPBCGR 3.2.5.13) and reconnects automatically when the transport drops (MS-RDPBCGR 5.5), presenting
 * the server's auto-reconnect cookie in the Client Info PDU and backing off exponentially with jitter
 * ({@link RdpClientConfig.Reconnect}). Underneath, each attempt is an {@link RdpConnection}.
 *
 * <p>What ends the client for good (reported once through {@link RdpClientListener#disconnected}): a Set
 * Error Info PDU (the server said why, for example the user logged off), the server's Disconnect Provider
 * Ultimatum, an error retrying cannot fix (credentials, certificate, negotiation, protocol errors — never
 * retried, so a wrong password cannot cause a reconnect storm), a first connection that fails, running out
 * of attempts, or {@link #close()}. Transport errors and time-outs after a session was active are retried.
 *
 * <p>The client keeps the password only while it may still need it: for reconnecting (when enabled) and
 * redirection, and wipes its copy when it stops. The cookie stays inside the client.
 */
public final class RdpClient implements AutoCloseable {

    /** Where the client is. */
    public enum State { NEW, CONNECTING, ACTIVE, RECONNECTING, STOPPED }

    /** Opens one connection (an {@link RdpConnection} in production, a fake in tests). */
    interface Dialer {
        RdpSession dial(RdpClientConfig config, ConnectionListener listener, Attempt attempt);
    }

    /** At most this many redirections in a row without an active session (a broker loop). */
    static final int MAX_REDIRECTS = 5;

    private final RdpClientListener listener;
    private final Dialer dialer;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier random;
    private final CompletableFuture<Connected> firstConnected = new CompletableFuture<>();
    private final long created = System.nanoTime();

    private RdpClientConfig config;
    private State state = State.NEW;
    private Link current;
    private ArcScPrivatePacket cookie;
    private boolean everActive;
    private int attempts;
    private int redirects;
    private ScheduledFuture<?> pending;

    RdpClient(RdpClientConfig config, RdpClientListener listener, Dialer dialer, ScheduledExecutorService scheduler,
              DoubleSupplier random) {
        this.config = config.toBuilder().build();
        this.listener = listener;
        this.dialer = dialer;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** A client for {@code config} whose connections run on {@code group}; call {@link #connect()} to start. */
    public static RdpClient create(EventLoopGroup group, RdpClientConfig config, RdpClientListener listener) {
        return new RdpClient(config, listener, (c, l, a) -> RdpConnection.connect(group, c, l, a), group,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Starts the first connection. The future completes when a session is first active (possibly at a
     * redirection target) and fails with an {@link RdpException} when the client stops before that.
     */
    public synchronized CompletableFuture<Connected> connect() {
        if (state != State.NEW) {
            throw new IllegalStateException("connect() was already called (state " + state + ")");
        }
        state = State.CONNECTING;
        dial(false);
        return firstConnected;
    }

    public synchronized State state() {
        return state;
    }

    /** The current connection (for input), or null between connections. */
    public synchronized RdpSession session() {
        return current == null ? null : current.session;
    }

    /** The server's auto-reconnect cookie is held (for tests: the value itself is never exposed). */
    synchronized boolean holdsCookie() {
        return cookie != null;
    }

    /** Stops reconnecting, closes the current connection and wipes the credentials (idempotent). */
    @Override
    public void close() {
        RdpSession s;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            s = current == null ? null : current.session;
            current = null;
            stop(new Disconnected(Reason.CLOSED_LOCALLY, "The connection was closed on this device.", null));
        }
        if (s != null) {
            s.close();
        }
    }

    private void dial(boolean reconnect) {
        Attempt attempt = new Attempt(reconnect ? cookie : null, 0);
        dial(config, attempt, reconnect);
    }

    private void dial(RdpClientConfig target, Attempt attempt, boolean reconnect) {
        Link link = new Link(target, attempt, reconnect);
        current = link;
        Logger.tag("rdp").info("client connecting host={}:{} reconnect={} cookie={}", target.host(), target.port(), reconnect,
                attempt.presentedCookie());
        RdpSession session = dialer.dial(target, link, attempt);
        link.session = session;
        session.activated().whenComplete((progress, error) -> {
            if (error != null) {
                link.ended(unwrap(error));
            }
        });
    }

    private static RdpException unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof RdpException r ? r : new RdpException(RdpException.Kind.TRANSPORT, String.valueOf(c.getMessage()), c);
    }

    private synchronized void onActive(Link link, RdpConnection.Progress p) {
        if (link != current || state == State.STOPPED) {
            return;
        }
        if (link.active) {
            return; // a reactivation (Deactivate All, MS-RDPBCGR 1.3.1.3) of the same connection
        }
        link.active = true;
        everActive = true;
        attempts = 0;
        redirects = 0;
        state = State.ACTIVE;
        if (!config.reconnect().enabled()) {
            config.destroyPassword(); // nothing left to use it for but a redirection, which needs the broker's own
        }
        Connected c = new Connected(link.config.host(), link.config.port(), p.selectedProtocol(),
                SecurityProtocols.describe(p.selectedProtocol()), p.activation().desktopWidth(), p.activation().desktopHeight(),
                p.activation().colorDepth(), link.reconnect, Duration.ofNanos(System.nanoTime() - created));
        Logger.tag("rdp").info("client connected host={}:{} protocol={} size={}x{} bpp={} reconnected={}", c.host(), c.port(),
                c.protocol(), c.width(), c.height(), c.colorDepth(), c.reconnected());
        listener.connected(c);
        firstConnected.complete(c);
    }

    private synchronized void onEnded(Link link, RdpException cause) {
        if (link != current || state == State.STOPPED) {
            return;
        }
        current = null;
        Attempt a = link.attempt;
        if (a.receivedCookie() != null) {
            cookie = a.receivedCookie();
        }
        if (a.cookieRefused()) {
            cookie = null; // MS-RDPBCGR 3.2.5.6.1: the server will not take it again
        }
        ServerRedirectionPacket redirect = a.redirection();
        if (redirect != null && !redirect.has(ServerRedirectionPacket.LB_NOREDIRECT)) {
            follow(link, redirect);
            return;
        }
        if (a.errorInfo() != 0) {
            stop(new Disconnected(Reason.SERVER_ERROR_INFO, ErrorInfo.describe(a.errorInfo()), cause));
            return;
        }
        if (cause != null && cause.getMessage() != null && cause.getMessage().contains("Disconnect Provider Ultimatum")) {
            stop(new Disconnected(Reason.SERVER_DISCONNECTED, "The server ended the session.", cause));
            return;
        }
        if (cause != null && !retryable(cause)) {
            stop(new Disconnected(Reason.FAILED, cause.getMessage(), cause));
            return;
        }
        RdpException why = cause != null ? cause : new RdpException(RdpException.Kind.TRANSPORT,
                link.config.host() + ":" + link.config.port() + " closed the connection");
        if (!everActive) {
            stop(new Disconnected(Reason.FAILED, why.getMessage(), why));
            return;
        }
        RdpClientConfig.Reconnect policy = config.reconnect();
        if (!policy.enabled()) {
            stop(new Disconnected(Reason.GAVE_UP, "The connection dropped (" + why.getMessage()
                    + ") and automatic reconnection is off.", why));
            return;
        }
        if (!policy.forever() && attempts >= policy.maxAttempts()) {
            stop(new Disconnected(Reason.GAVE_UP, "Reconnecting failed " + attempts + " times in a row; last error: "
                    + why.getMessage(), why));
            return;
        }
        attempts++;
        Duration delay = policy.delay(attempts, random.getAsDouble());
        state = State.RECONNECTING;
        Logger.tag("rdp").info("client reconnecting attempt={} delay_ms={} cause=\"{}\"", attempts, delay.toMillis(),
                why.getMessage());
        listener.reconnecting(attempts, delay, why);
        pending = scheduler.schedule(this::reconnectNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnectNow() {
        if (state != State.RECONNECTING) {
            return;
        }
        dial(true);
    }

    /** Retrying helps with a lost or slow transport; never with credentials, trust, negotiation or protocol errors. */
    static boolean retryable(RdpException e) {
        return e.kind() == RdpException.Kind.TRANSPORT || e.kind() == RdpException.Kind.TIMEOUT;
    }

    /** MS-RDPBCGR 3.2.5.13.1 and 2.2.13.1: connect to the target with its routing token, user and session id. */
    private void follow(Link from, ServerRedirectionPacket r) {
        if (++redirects > MAX_REDIRECTS) {
            stop(new Disconnected(Reason.FAILED, "The server redirected this client " + MAX_REDIRECTS
                    + " times in a row without a session becoming active.", null));
            return;
        }
        RdpClientConfig.Builder next = from.config.toBuilder();
        String address = r.targetAddress();
        if (address != null) {
            next.host(address);
        }
        // LoadBalanceInfo goes back as the routing token unless the server named a target address (2.2.13.1)
        next.routingToken(!r.has(ServerRedirectionPacket.LB_TARGET_NET_ADDRESS) ? r.routingToken() : null);
        char[] password = r.cleartextPassword();
        char[] own = from.config.password();
        try {
            next.credentials(r.userName() != null ? r.userName() : from.config.username(),
                    r.domain() != null ? r.domain() : from.config.domain(), password != null ? password : own);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
            java.util.Arrays.fill(own, '\0');
        }
        RdpClientConfig target = next.build();
        if (config != from.config) {
            config.destroyPassword();
        }
        from.config.destroyPassword();
        config = target;
        Redirected event = new Redirected(target.host(), target.port(), r.sessionId(), target.routingToken() != null,
                target.username(), target.domain());
        Logger.tag("rdp").info("client redirected host={}:{} session_id={} routing_token={}", event.host(), event.port(),
                Integer.toUnsignedString(event.sessionId()), event.routingToken());
        state = State.CONNECTING;
        listener.redirected(event);
        dial(target, new Attempt(null, r.sessionId()), false);
    }

    private void stop(Disconnected d) {
        state = State.STOPPED;
        if (pending != null) {
            pending.cancel(false);
        }
        config.destroyPassword();
        cookie = null;
        Logger.tag("rdp").info("client stopped reason={} sentence=\"{}\"", d.reason(), d.sentence());
        listener.disconnected(d);
        firstConnected.completeExceptionally(d.cause() != null ? d.cause()
                : new RdpException(RdpException.Kind.TRANSPORT, d.sentence()));
    }

    /** Listener of one connection attempt. */
    private final class Link implements ConnectionListener {
        final RdpClientConfig config;
        final Attempt attempt;
        final boolean reconnect;
        volatile RdpSession session;
        boolean active;

        Link(RdpClientConfig config, Attempt attempt, boolean reconnect) {
            this.config = config;
            this.attempt = attempt;
            this.reconnect = reconnect;
        }

        void ended(RdpException cause) {
            onEnded(this, cause);
        }

        @Override
        public void onMilestone(Phase phase, String detail, Duration elapsed) {
            listener.milestone(phase, detail, elapsed);
        }

        @Override
        public void onActive(RdpConnection.Progress progress) {
            RdpClient.this.onActive(this, progress);
        }

        @Override
        public void onSessionEvent(Surface surface, SessionEvent event) {
            listener.sessionEvent(surface, event);
        }

        @Override
        public void onClosed(RdpException reason) {
            onEnded(this, reason);
        }
    }
}
