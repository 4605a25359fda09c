package dev.porthole.rdp.netty.client;

import java.time.Duration;

import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;

/** Progress of a connection attempt, called on the connection's event loop (do not block). */
public interface ConnectionListener {

    /** A connection phase completed, {@code elapsed} after the attempt started. */
    default void onMilestone(Phase phase, String detail, Duration elapsed) {}

    /** The session is active (first activation, and again after each reactivation). */
    default void onActive(RdpConnection.Progress progress) {}

    /**
     * Something happened in the active session; for {@code FrameDamaged} the pixels are in
     * {@code surface} (read them on this thread, or copy the damaged area). Pointer shapes, keyboard
     * indicators and heartbeat losses come this way too; {@code surface} is null for a heartbeat loss
     * reported before the first activation.
     */
    default void onSessionEvent(dev.porthole.rdp.protocol.surface.Surface surface,
                                dev.porthole.rdp.protocol.session.SessionEvent event) {}

    /** An open session ended; {@code reason} is null when it was closed locally or by a clean server close. */
    default void onClosed(dev.porthole.rdp.protocol.RdpException reason) {}

    /** A listener that ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {};
}
