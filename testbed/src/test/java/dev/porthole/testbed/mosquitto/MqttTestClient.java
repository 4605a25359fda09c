package dev.porthole.testbed.mosquitto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client for the smoke tests: every wait is bounded, received messages queue up in {@link #inbox}. */
final class MqttTestClient implements AutoCloseable {

    static final long TIMEOUT_MS = 5_000;

    /** A message as it arrived. */
    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    final String identity;
    final MqttAsyncClient client;
    final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> connectComplete = new LinkedBlockingQueue<>();
    final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    private MqttTestClient(String identity, String uri) throws MqttException {
        this.identity = identity;
        this.client = new MqttAsyncClient(uri, identity + "-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnects.add(String.valueOf(response));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                disconnects.add("error: " + exception);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // tokens are awaited directly
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                connectComplete.add(reconnect);
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication here
            }
        });
    }

    /** Options with a short connect timeout, no automatic reconnect, clean start. */
    static MqttConnectionOptions options(SocketFactory socketFactory) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setSocketFactory(socketFactory);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setCleanStart(true);
        return o;
    }

    /** Connects as {@code identity} with the broker's client certificate for it. */
    static MqttTestClient connect(MosquittoBroker broker, String identity) throws MqttException {
        return connect(broker, identity, options(broker.socketFactory(broker.clientCertificate(identity))));
    }

    static MqttTestClient connect(MosquittoBroker broker, String identity, MqttConnectionOptions options)
            throws MqttException {
        MqttTestClient c = new MqttTestClient(identity, broker.uri());
        try {
            c.client.connect(options).waitForCompletion(TIMEOUT_MS);
            return c;
        } catch (MqttException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A client that is not connected yet (to observe a refused connection). */
    static MqttTestClient unconnected(MosquittoBroker broker, String identity) throws MqttException {
        return new MqttTestClient(identity, broker.uri());
    }

    /** Subscribes and returns the SUBACK reason codes (granted QoS, or a failure code from 0x80 up). */
    int[] subscribe(String filter, int qos) throws MqttException {
        IMqttToken t = client.subscribe(filter, qos);
        t.waitForCompletion(TIMEOUT_MS);
        return t.getReasonCodes();
    }

    /** Publishes and returns the reason codes of the acknowledgement (QoS 1: the PUBACK's). */
    int[] publish(String topic, MqttMessage message) throws MqttException {
        IMqttToken t = client.publish(topic, message);
        t.waitForCompletion(TIMEOUT_MS);
        return t.getReasonCodes();
    }

    static MqttMessage message(String text, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        return m;
    }

    /** The next message, or {@code null} after {@code millis}. */
    Received next(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits for a message on {@code topic}, returning it and everything that arrived before it. */
    List<Received> until(String topic) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                throw new AssertionError(identity + " received nothing on " + topic + " within " + TIMEOUT_MS
                        + " ms; before that: " + seen.stream().map(Received::topic).toList());
            }
            seen.add(r);
            if (r.topic().equals(topic)) {
                return seen;
            }
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(100, 100, false);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // best effort
        }
    }
}
