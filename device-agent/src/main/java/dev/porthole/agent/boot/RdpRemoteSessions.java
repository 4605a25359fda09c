package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.agent.config.HostAddress;
import dev.porthole.agent.config.RdpClientMapping;
import dev.porthole.agent.session.SessionPresenter;
import dev.porthole.display.Display;
import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.client.RdpConnection;
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
 * {@link RemoteSessions} over {@link RdpConnection#connect}: each session's frames go through a
 * {@link SessionPresenter} to {@code display}; Set Error Info, activation and the end of the
 * connection are translated for the boot machine.
 */
public final class RdpRemoteSessions implements RemoteSessions {

    private static final TaggedLogger LOG = Logger.tag("agent");

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
                    request.password(), displayWidth, displayHeight);
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
        ConnectionListener events = new ConnectionListener() {
            @Override
            public void onMilestone(Phase phase, String detail, Duration elapsed) {
                milestones.reached(phase, detail, elapsed);
            }

            @Override
            public void onActive(RdpConnection.Progress progress) {
                listener.active(progress.activation().desktopWidth(), progress.activation().desktopHeight());
            }

            @Override
            public void onSessionEvent(dev.porthole.rdp.protocol.surface.Surface surface, SessionEvent event) {
                presenter.onSessionEvent(surface, event);
                if (event instanceof SessionEvent.FrameDamaged && firstFrame.compareAndSet(false, true)) {
                    milestones.firstFrame();
                }
                if (event instanceof SessionEvent.ErrorInfo e && e.code() != 0) {
                    listener.errorInfo(e.code(), e.name(), e.reason());
                }
            }

            @Override
            public void onClosed(RdpException reason) {
                if (!ended.compareAndSet(false, true)) {
                    return;
                }
                if (localClose.get()) {
                    listener.ended(new End(EndKind.LOCAL, "closed by this device"));
                } else if (reason == null) {
                    listener.ended(new End(EndKind.NETWORK, "The server closed the connection."));
                } else {
                    listener.ended(classify(reason));
                }
            }
        };
        RdpSession session = RdpConnection.connect(group, config, events);
        session.activated().whenComplete((p, error) -> {
            if (error != null && ended.compareAndSet(false, true)) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (localClose.get()) {
                    listener.ended(new End(EndKind.LOCAL, "closed by this device"));
                } else {
                    listener.ended(cause instanceof RdpException r ? classify(r)
                            : new End(EndKind.ERROR, String.valueOf(cause.getMessage())));
                }
            }
        });
        return () -> {
            if (localClose.compareAndSet(false, true)) {
                LOG.debug("closing session host={}", config.host());
                session.close();
            }
        };
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
