package dev.porthole.provisioning.mqtt.paho;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.mqtt.ConnectSpec;
import dev.porthole.provisioning.mqtt.MqttConnection;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.UserProperty;

/**
 * {@link MqttConnector} on the Eclipse Paho MQTT 5 client ({@code org.eclipse.paho.mqttv5.client}). One Paho
 * client per connection attempt, in-memory persistence (the broker's session carries QoS 1 state across
 * reconnects), Paho's own automatic reconnect off ({@link dev.porthole.provisioning.mqtt.MqttLink} reconnects with
 * jitter), host name verification on.
 *
 * <p>This package is the only place in Porthole that uses Paho.
 */
public final class PahoConnector implements MqttConnector {

    private final ScheduledExecutorService executor;

    /** Paho makes its own threads for each connection. */
    public PahoConnector() {
        this(null);
    }

    /**
     * Paho runs its I/O on {@code executor} (shared by many connections, for example many simulated devices in one
     * JVM); {@code null} lets Paho make its own threads.
     */
    public PahoConnector(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public MqttConnection connect(ConnectSpec spec, MqttConnection.Listener listener) {
        MqttAsyncClient client;
        try {
            client = executor == null
                    ? new MqttAsyncClient(spec.serverUri().toString(), spec.clientId(), new MemoryPersistence())
                    : new MqttAsyncClient(spec.serverUri().toString(), spec.clientId(), new MemoryPersistence(), null,
                    executor);
        } catch (MqttException e) {
            throw new ProvisioningException(Kind.USAGE, "cannot make an MQTT client for " + spec.serverUri() + ": "
                    + e.getMessage(), e);
        }
        TrackingSocketFactory sockets = new TrackingSocketFactory(spec.sslContext().getSocketFactory());
        PahoConnection connection = new PahoConnection(client, listener, sockets);
        client.setCallback(connection.callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setServerURIs(new String[] {spec.serverUri().toString()});
        o.setSocketFactory(sockets);
        o.setHttpsHostnameVerificationEnabled(true);
        o.setCleanStart(spec.cleanStart());
        o.setSessionExpiryInterval(spec.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) Math.min(65_535, spec.keepAlive().toSeconds()));
        o.setConnectionTimeout((int) Math.max(1, ceilSeconds(spec.connectTimeout())));
        o.setAutomaticReconnect(false);
        o.setMaximumPacketSize(spec.maximumPacketSize());
        o.setReceiveMaximum(spec.receiveMaximum());
        spec.lastWill().ifPresent(w -> {
            o.setWill(w.topic(), toPaho(w));
            o.setWillMessageProperties(properties(w));
        });
        try {
            var token = client.connect(o);
            token.waitForCompletion(spec.connectTimeout().toMillis() + 1_000);
            connection.connected(token.getSessionPresent());
            return connection;
        } catch (MqttException e) {
            connection.close();
            throw translate("connect to " + spec.serverUri() + " as " + spec.clientId(), e);
        } catch (RuntimeException e) {
            connection.close();
            throw new ProvisioningException(Kind.CONNECTION, "connect to " + spec.serverUri() + " as "
                    + spec.clientId() + " failed: " + e, e);
        }
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    static org.eclipse.paho.mqttv5.common.MqttMessage toPaho(MqttMessage m) {
        org.eclipse.paho.mqttv5.common.MqttMessage p = new org.eclipse.paho.mqttv5.common.MqttMessage(m.payload());
        p.setQos(m.qos());
        p.setRetained(m.retained());
        p.setProperties(properties(m));
        return p;
    }

    static MqttProperties properties(MqttMessage m) {
        MqttProperties props = new MqttProperties();
        m.contentType().ifPresent(props::setContentType);
        m.responseTopic().ifPresent(props::setResponseTopic);
        m.correlationData().ifPresent(props::setCorrelationData);
        m.messageExpirySeconds().ifPresent(props::setMessageExpiryInterval);
        if (!m.userProperties().isEmpty()) {
            List<org.eclipse.paho.mqttv5.common.packet.UserProperty> ups = new ArrayList<>();
            for (UserProperty u : m.userProperties()) {
                ups.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty(u.name(), u.value()));
            }
            props.setUserProperties(ups);
        }
        return props;
    }

    static MqttMessage fromPaho(String topic, org.eclipse.paho.mqttv5.common.MqttMessage p) {
        MqttMessage.Builder b = MqttMessage.to(topic).payload(p.getPayload()).qos(p.getQos()).retained(p.isRetained());
        MqttProperties props = p.getProperties();
        if (props != null) {
            b.contentType(props.getContentType());
            b.responseTopic(props.getResponseTopic());
            b.correlationData(props.getCorrelationData());
            if (props.getMessageExpiryInterval() != null) {
                b.messageExpirySeconds(props.getMessageExpiryInterval());
            }
            if (props.getUserProperties() != null) {
                for (var u : props.getUserProperties()) {
                    b.userProperty(u.getKey(), u.getValue());
                }
            }
        }
        return b.build();
    }

    /** A Paho failure as a {@link ProvisioningException} whose kind and message say what happened. */
    static ProvisioningException translate(String what, MqttException e) {
        int code = e.getReasonCode();
        SSLException tls = cause(e, SSLException.class);
        if (tls != null) {
            return new ProvisioningException(Kind.CONNECTION, what + " failed in the TLS handshake: "
                    + tls.getMessage(), e);
        }
        if (code == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
            return new ProvisioningException(Kind.TIMEOUT, what + " timed out", e);
        }
        if (code == 0x86 || code == 0x87 || code == 0x8C) {
            return new ProvisioningException(Kind.NOT_AUTHORIZED, what + " refused by the broker (reason 0x"
                    + Integer.toHexString(code) + ": " + e.getMessage() + ")", e);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new ProvisioningException(Kind.CONNECTION, what + " failed (reason " + code + ": " + e.getMessage()
                + (root != e ? "; cause: " + root : "") + ")", e);
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
