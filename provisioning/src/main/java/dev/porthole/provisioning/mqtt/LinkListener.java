package dev.porthole.provisioning.mqtt;

import java.time.Duration;

/**
 * Connection events of a {@link MqttLink}. {@link #connected} and {@link #disconnected} run on the link's
 * dispatcher thread, in order with the messages (a listener may publish and wait there); the others run on the
 * link's connect loop and must return quickly. Every method has an empty default.
 */
public interface LinkListener {

    /**
     * A connection was made and the link's subscriptions were (re)made.
     *
     * @param connectCount   1 for the first connection of this link, then +1 per reconnect
     * @param sessionPresent whether the broker still had our session
     */
    default void connected(int connectCount, boolean sessionPresent) {}

    /** The connection was lost; the link reconnects by itself. */
    default void disconnected(Throwable cause) {}

    /** A connection attempt failed. */
    default void connectFailed(int attempt, Throwable cause) {}

    /** The next attempt waits {@code delay} (attempt is 0-based since the last stable connection). */
    default void reconnectScheduled(int attempt, Duration delay) {}
}
