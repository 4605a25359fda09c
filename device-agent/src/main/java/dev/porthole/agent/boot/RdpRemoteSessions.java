package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.agent.config.HostAddress;
import dev.porthole.agent.config.RdpClientMapping;
import dev.porthole.agent.input.RemoteInput;
import dev.porthole.agent.session.SessionPresenter;
import dev.porthole.display.Display;
import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.netty.client.RdpClient;
import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.client.RdpClientListener;
import dev.porthole.rdp.netty.client.RdpSession;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.session.SessionEvent;
import io.netty.channel.EventLoopGroup;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * {@link RemoteSessions} over {@link RdpClient}: a dropped transport is first retried by the client's
 * own auto-reconnect (the ARC cookie, MS-RDPBCGR 5.5; {@link #CLIENT_RECONNECTS} attempts, reported to
 * the boot machine as {@code reconnecting}); what the client gives up on ends the session and the boot
 * machine's backoff takes over. Each connection's frames go through a {@link SessionPresenter} to
 * {@code display}; Set Error Info, activation and the end are translated for the boot machine.
 */
public final class RdpRemoteSessions implements RemoteSessions {

    private static final TaggedLogger LOG = Logger.tag("agent");

    /** Auto-reconnect attempts the client makes before the boot machine's own backoff takes over. */
    public static final int CLIENT_RECONNECTS = 5;

    /** Told of each connection milestone (the run log prints them with their elapsed time). */
    public interface Milestones {
        void reached(Phase phase, String detail, Duration elapsed);

        /** The session's first frame was handed to the display. */
        default void firstFrame() {}
    }

    private final EventLoopGroup group;
    private final Display display;
    private final String clientName;
    private final Milestones milestones;
    private final int displayWidth;
    private final int displayHeight;

    /** Sessions on {@code group} presenting to {@code display}. */
    public RdpRemoteSessions(EventLoopGroup group, Display display, String clientName, Milestones milestones) {
        this.group = group;
        this.display = display;
        this.clientName = clientName;
        this.milestones = milestones;
        this.displayWidth = display.logicalSize().width();
        this.displayHeight = display.logicalSize().height();
    }

    /** The client configuration of {@code request}. */
    public RdpClientConfig clientConfig(Request request) {
        BootSettings s = request.settings();
        String user = request.username() == null ? "" : request.username();
        if (s.config() != null) {
            return RdpClientMapping.toClientConfig(s.config(), new HostAddress(s.host(), s.port()), user, request.domain(),
                    request.password(), displayWidth, displayHeight).toBuilder().reconnectAttempts(CLIENT_RECONNECTS).build();
        }
        RdpClientConfig.Security security;
        try {
            security = RdpClientConfig.Security.valueOf(s.security().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("security '" + s.security() + "' is none of TLS, NLA, AUTO");
        }
        return RdpClientConfig.builder(s.host()).port(s.port())
                .credentials(request.username() == null ? "" : request.username(), request.domain(), request.password())
                .security(security)
                .trust(s.pinnedSha256() == null ? CertificateTrust.systemTrustStore() : CertificateTrust.pinned(s.pinnedSha256()))
                .desktop(s.width() == 0 ? displayWidth : s.width(), s.height() == 0 ? displayHeight : s.height())
                .clientName(clientName)
                .staticChannels(List.of(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED)))
                .reconnectAttempts(CLIENT_RECONNECTS)
                .build();
    }

    @Override
    public Session open(Request request, Listener listener) {
        RdpClientConfig config;
        try {
            config = clientConfig(request);
        } catch (RuntimeException e) {
            listener.ended(new End(EndKind.ERROR, e.getMessage()));
            return () -> { };
        } finally {
            Arrays.fill(request.password(), '\0');
        }
        AtomicBoolean localClose = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean firstFrame = new AtomicBoolean();
        SessionPresenter presenter = new SessionPresenter(display, ConnectionListener.NONE);
        RdpClientListener events = new RdpClientListener() {
            @Override
            public void milestone(Phase phase, String detail, Duration elapsed) {
                milestones.reached(phase, detail, elapsed);
            }

            @Override
            public void connected(Connected c) {
                listener.active(c.width(), c.height());
            }

            @Override
            public void reconnecting(int attempt, Duration delay, RdpException cause) {
                listener.reconnecting(attempt, delay, cause == null ? "" : String.valueOf(cause.getMessage()));
            }

            @Override
            public void sessionEvent(dev.porthole.rdp.protocol.surface.Surface surface, SessionEvent event) {
                presenter.onSessionEvent(surface, event);
                if (event instanceof SessionEvent.FrameDamaged && firstFrame.compareAndSet(false, true)) {
                    milestones.firstFrame();
                }
                if (event instanceof SessionEvent.ErrorInfo e && e.code() != 0) {
                    listener.errorInfo(e.code(), e.name(), e.reason());
                }
                if (event instanceof SessionEvent.KeyboardIndicators k) {
                    listener.keyboardIndicators(k.lockFlags());
                }
            }

            @Override
            public void disconnected(Disconnected d) {
                if (ended.compareAndSet(false, true)) {
                    listener.ended(localClose.get() ? new End(EndKind.LOCAL, "closed by this device") : end(d));
                }
            }
        };
        RdpClient client = RdpClient.create(group, config, events);
        OpenSession open = new OpenSession(client, new SessionInput(client::session, display), () -> {
            if (localClose.compareAndSet(false, true)) {
                LOG.debug("closing session host={}", config.host());
                client.close();
            }
        });
        client.connect(); // its failure also arrives as disconnected
        return open;
    }

    /** How the client's end reads for the boot machine (whose own backoff takes over from here). */
    static End end(RdpClientListener.Disconnected d) {
        String sentence = d.sentence() == null ? "" : d.sentence();
        return switch (d.reason()) {
            case CLOSED_LOCALLY -> new End(EndKind.LOCAL, sentence);
            case SERVER_ERROR_INFO, SERVER_DISCONNECTED, GAVE_UP ->
                    new End(EndKind.NETWORK, sentence.isEmpty() ? "The server closed the connection." : sentence);
            case FAILED -> d.cause() != null ? classify(d.cause()) : new End(EndKind.ERROR, sentence);
        };
    }

    /** A session opened here: its input, and its dynamic virtual channels (for the plugins). */
    public static final class OpenSession implements Session {
        private final RdpClient client;
        private final RemoteInput input;
        private final Runnable close;

        OpenSession(RdpClient client, RemoteInput input, Runnable close) {
            this.client = client;
            this.input = input;
            this.close = close;
        }

        @Override
        public RemoteInput input() {
            return input;
        }

        /** The current connection's dynamic virtual channels (DRDYNVC, when requested), or null between connections. */
        public dev.porthole.rdp.netty.client.DynamicChannels dynamicChannels() {
            RdpSession s = client.session();
            return s == null ? null : s.dynamicChannels();
        }

        @Override
        public void close() {
            close.run();
        }
    }

    /**
     * {@link RemoteInput} onto an {@link RdpSession}'s fast-path (or slow-path) input. Input the session
     * cannot take right now (closing, mid-reactivation) or refuses is dropped with a debug line: the user's
     * next key or move is the retry. Local pointer moves also move the display's cursor. Pause goes as one E1-prefixed
     * press-and-release sequence ({@link RdpSession#sendPause()}).
     */
    static final class SessionInput implements RemoteInput {
        private final java.util.function.Supplier<RdpSession> current;
        private final Display display;

        SessionInput(java.util.function.Supplier<RdpSession> current, Display display) {
            this.current = current;
            this.display = display;
        }

        @Override
        public void sendKey(int scancode, boolean extended, boolean down) {
            send(s -> s.sendKey(scancode, extended, down));
        }

        @Override
        public void sendPause() {
            send(RdpSession::sendPause);
        }

        @Override
        public void sendUnicode(int utf16CodeUnit, boolean down) {
            send(s -> s.sendUnicode(utf16CodeUnit, down));
        }

        @Override
        public void sendPointerMove(int x, int y) {
            display.moveCursor(x, y); // the pointer image follows the local pointer at once
            send(s -> s.sendPointerMove(x, y));
        }

        @Override
        public void sendPointerButton(int button, boolean down, int x, int y) {
            send(s -> s.sendPointerButton(button, down, x, y));
        }

        @Override
        public void sendWheel(boolean horizontal, int delta, int x, int y) {
            send(s -> s.sendWheel(horizontal, delta, x, y));
        }

        @Override
        public void sendSynchronize(int lockFlags) {
            send(s -> s.sendSynchronize(lockFlags));
        }

        private void send(java.util.function.Consumer<RdpSession> r) {
            RdpSession s = current.get();
            if (s == null) {
                LOG.debug("input dropped: between connections");
                return;
            }
            try {
                r.accept(s);
            } catch (RdpException e) {
                LOG.debug("input dropped kind={} reason={}", e.kind(), e.getMessage());
            }
        }
    }

    /** How an RDP failure reads for the boot machine. */
    static End classify(RdpException e) {
        return switch (e.kind()) {
            case AUTHENTICATION -> new End(EndKind.AUTHENTICATION, e.getMessage());
            case TRUST -> new End(EndKind.TRUST, e.getMessage());
            case TRANSPORT, TIMEOUT -> new End(EndKind.NETWORK, e.getMessage());
            default -> new End(EndKind.ERROR, e.kind() + ": " + e.getMessage());
        };
    }
}
