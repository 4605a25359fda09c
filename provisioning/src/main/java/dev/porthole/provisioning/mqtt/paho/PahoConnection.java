package dev.porthole.provisioning.mqtt.paho;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.mqtt.MqttConnection;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.Subscription;

/** One Paho connection (see {@link PahoConnector}). */
final class PahoConnection implements MqttConnection {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private final MqttAsyncClient client;
    private final MqttConnection.Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean up;
    private volatile boolean sessionPresent;

    private final TrackingSocketFactory sockets;

    PahoConnection(MqttAsyncClient client, MqttConnection.Listener listener, TrackingSocketFactory sockets) {
        this.client = client;
        this.listener = listener;
        this.sockets = sockets;
    }

    void connected(boolean present) {
        this.sessionPresent = present;
        this.up = true;
    }

    MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                MqttException e = response.getException();
                lost(e != null ? PahoConnector.translate("connection to " + client.getServerURI(), e)
                        : new ProvisioningException(Kind.CONNECTION, "the broker disconnected us (reason 0x"
                        + Integer.toHexString(response.getReturnCode()) + ", " + response.getReasonString() + ")"));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                lost(PahoConnector.translate("connection to " + client.getServerURI(), exception));
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                try {
                    listener.messageArrived(PahoConnector.fromPaho(topic, message));
                } catch (RuntimeException e) {
                    LOG.warn("mqtt inbound message ignored topic={} error={}", topic, e.getMessage());
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // publish futures complete through their action listeners
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // reported by PahoConnector.connect
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        };
    }

    private void lost(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            up = false;
            listener.connectionLost(cause);
        }
    }

    @Override
    public boolean sessionPresent() {
        return sessionPresent;
    }

    @Override
    public CompletableFuture<Integer> publish(MqttMessage message) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        try {
            client.publish(message.topic(), PahoConnector.toPaho(message), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    int code = codes == null || codes.length == 0 ? 0 : codes[0];
                    if (code >= 0x80) {
                        f.completeExceptionally(new ProvisioningException(Kind.NOT_AUTHORIZED, "the broker refused"
                                + " the publish to " + message.topic() + " (reason 0x" + Integer.toHexString(code) + ")"));
                    } else {
                        f.complete(code);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    f.completeExceptionally(e instanceof MqttException m
                            ? PahoConnector.translate("publish to " + message.topic(), m)
                            : new ProvisioningException(Kind.CONNECTION, "publish to " + message.topic() + " failed: "
                            + e, e));
                }
            });
        } catch (MqttException e) {
            f.completeExceptionally(PahoConnector.translate("publish to " + message.topic(), e));
        } catch (RuntimeException e) {
            f.completeExceptionally(new ProvisioningException(Kind.CONNECTION, "publish to " + message.topic()
                    + " failed: " + e, e));
        }
        return f;
    }

    @Override
    public List<Integer> subscribe(List<Subscription> subscriptions, Duration timeout) {
        String[] filters = subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
        int[] qos = subscriptions.stream().mapToInt(Subscription::qos).toArray();
        try {
            IMqttToken t = client.subscribe(filters, qos);
            t.waitForCompletion(timeout.toMillis());
            int[] codes = t.getReasonCodes();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < filters.length; i++) {
                out.add(codes != null && i < codes.length ? codes[i] : 0x80);
            }
            return out;
        } catch (MqttException e) {
            throw PahoConnector.translate("subscribe to " + String.join(",", filters), e);
        }
    }

    @Override
    public void unsubscribe(List<String> filters, Duration timeout) {
        try {
            client.unsubscribe(filters.toArray(String[]::new)).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw PahoConnector.translate("unsubscribe from " + String.join(",", filters), e);
        }
    }

    @Override
    public void disconnect(Duration timeout) {
        ended.set(true);
        up = false;
        try {
            if (client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            LOG.debug("mqtt disconnect failed server={} error={}", client.getServerURI(), e.getMessage());
        } finally {
            release();
        }
    }

    @Override
    public void close() {
        ended.set(true);
        up = false;
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 100, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("mqtt forcible disconnect failed server={} error={}", client.getServerURI(), e.getMessage());
        } finally {
            release();
        }
    }

    private void release() {
        sockets.closeAll();
        if (released.compareAndSet(false, true)) {
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("mqtt client close failed server={} error={}", client.getServerURI(), e.getMessage());
            }
        }
    }
}
