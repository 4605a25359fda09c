package dev.porthole.provisioning.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One established MQTT 5 connection, made by a {@link MqttConnector}. It does not reconnect; {@link MqttLink}
 * does that by asking the connector for a new connection. Implementations must be thread-safe.
 */
public interface MqttConnection extends AutoCloseable {

    /** Receives what happens on one connection. Calls must return quickly and must not block on the connection. */
    interface Listener {
        /** A PUBLISH arrived. */
        void messageArrived(MqttMessage message);

        /** The connection ended without {@link #disconnect}; {@code cause} says why. Called at most once. */
        void connectionLost(Throwable cause);
    }

    /** Whether the broker still had a session for this client id (MQTT 5 CONNACK Session Present). */
    boolean sessionPresent();

    /**
     * Publishes; the future completes when the message is handed to the broker (QoS 0) or acknowledged (QoS 1/2)
     * with the reason code (0 success, 0x10 no matching subscribers), or completes exceptionally with a
     * {@link dev.porthole.provisioning.ProvisioningException} ({@code NOT_AUTHORIZED} for reason codes 0x80 and
     * above, {@code CONNECTION} when the connection is gone).
     */
    CompletableFuture<Integer> publish(MqttMessage message);

    /** Subscribes and returns the SUBACK reason codes (granted QoS 0..2, or 0x80 and above when refused). */
    List<Integer> subscribe(List<Subscription> subscriptions, Duration timeout);

    /** Unsubscribes. */
    void unsubscribe(List<String> filters, Duration timeout);

    /** A clean MQTT DISCONNECT (the broker discards the last will), then releases resources. */
    void disconnect(Duration timeout);

    /** Drops the connection without DISCONNECT (the broker publishes the last will) and releases resources. */
    @Override
    void close();
}
