package dev.porthole.rdp.netty.client;

import java.time.Duration;

import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;

/** Progress of a connection attempt, called on the connection's event loop (do not block). */
public interface ConnectionListener {

    /** A connection phase completed, {@code elapsed} after the attempt started. */
    default void onMilestone(Phase phase, String detail, Duration elapsed) {}

    /** A listener that ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {};
}
