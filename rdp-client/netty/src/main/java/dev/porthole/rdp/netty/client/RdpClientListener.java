package dev.porthole.rdp.netty.client;

import java.time.Duration;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Surface;

/**
 * What an {@link RdpClient} tells its embedder, called on the connection's event loop (do not block).
 * Each connection attempt's milestones and the active session's events (frame damaged, pointer…) pass
 * through; {@link #connected}, {@link #reconnecting}, {@link #redirected} and {@link #disconnected}
 * describe the client's life across connections.
 */
public interface RdpClientListener {

    /** A session is active: the first connection, after an auto-reconnect, or at a redirection target. */
    record Connected(String host, int port, int selectedProtocol, String protocol, int width, int height, int colorDepth,
                     boolean reconnected, Duration elapsed) {}

    /** Where a Server Redirection PDU (MS-RDPBCGR 2.2.13) sends the client next. */
    record Redirected(String host, int port, int sessionId, boolean routingToken, String username, String domain) {}

    /** Why the client stopped for good. */
    enum Reason {
        /** {@link RdpClient#close()} was called. */
        CLOSED_LOCALLY,
        /** The server explained the disconnection with a Set Error Info PDU (MS-RDPBCGR 2.2.5.1.1), e.g. a logoff. */
        SERVER_ERROR_INFO,
        /** The server ended the MCS connection (Disconnect Provider Ultimatum) without an error code. */
        SERVER_DISCONNECTED,
        /** A failure that retrying cannot fix (credentials, certificate, negotiation, protocol) or the first connection failed. */
        FAILED,
        /** Auto-reconnect ran out of attempts, or is disabled. */
        GAVE_UP
    }

    /**
     * The client stopped.
     *
     * @param sentence a sentence a person can read: the Set Error Info text when the server gave one
     * @param cause    the last error, or null
     */
    record Disconnected(Reason reason, String sentence, RdpException cause) {}

    default void connected(Connected c) {}

    /** The session dropped; attempt {@code attempt} starts after {@code delay}. */
    default void reconnecting(int attempt, Duration delay, RdpException cause) {}

    default void redirected(Redirected target) {}

    default void disconnected(Disconnected d) {}

    /** A connection phase of the current attempt completed. */
    default void milestone(Phase phase, String detail, Duration elapsed) {}

    /** An event of the active session; for {@code FrameDamaged} read the pixels from {@code surface} on this thread. */
    default void sessionEvent(Surface surface, SessionEvent event) {}
}
