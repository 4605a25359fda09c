package dev.porthole.provisioning.mqtt.hivemq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5UnsubscribeBuilder;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.mqtt.MqttConnection;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.Subscription;

/** One HiveMQ client connection (see {@link HivemqConnector}). */
final class HivemqConnection implements MqttConnection {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private final String server;
    private final MqttConnection.Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Mqtt5AsyncClient client;
    private volatile boolean up;
    private volatile boolean sessionPresent;

    HivemqConnection(String server, MqttConnection.Listener listener) {
        this.server = server;
        this.listener = listener;
    }

    /** Attaches the client and routes every inbound PUBLISH to the listener (before CONNECT, so none is missed). */
    void bind(Mqtt5AsyncClient c) {
        this.client = c;
        c.publishes(MqttGlobalPublishFilter.ALL, p -> {
            try {
                listener.messageArrived(HivemqConnector.fromHivemq(p));
            } catch (RuntimeException e) {
                LOG.warn("mqtt inbound message ignored topic={} error={}", p.getTopic(), e.getMessage());
            }
        });
    }

    void connected(boolean present) {
        this.sessionPresent = present;
        this.up = true;
    }

    /** The HiveMQ client's disconnected listener: reports a loss once, and only of an established connection. */
    void disconnected(MqttClientDisconnectedContext context) {
        if (!up) {
            return; // a failed connection attempt: connect() reports it
        }
        if (ended.compareAndSet(false, true)) {
            up = false;
            listener.connectionLost(HivemqConnector.translate("connection to " + server + " (closed by "
                    + context.getSource() + ")", context.getCause()));
        }
    }

    @Override
    public boolean sessionPresent() {
        return sessionPresent;
    }

    @Override
    public CompletableFuture<Integer> publish(MqttMessage message) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        String what = "publish to " + message.topic();
        try {
            client.publish(HivemqConnector.toHivemq(message)).whenComplete((result, error) -> {
                if (error != null) {
                    f.completeExceptionally(HivemqConnector.translate(what, error));
                } else {
                    f.complete(reasonCode(result));
                }
            });
        } catch (RuntimeException e) {
            f.completeExceptionally(HivemqConnector.translate(what, e));
        }
        return f;
    }

    private static int reasonCode(Mqtt5PublishResult result) {
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
            return q1.getPubAck().getReasonCode().getCode();
        }
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2) {
            return q2.getPubRec().getReasonCode().getCode();
        }
        return 0;
    }

    @Override
    public List<Integer> subscribe(List<Subscription> subscriptions, Duration timeout) {
        List<String> filters = subscriptions.stream().map(Subscription::filter).toList();
        String what = "subscribe to " + String.join(",", filters);
        List<Mqtt5Subscription> subs = new ArrayList<>();
        for (Subscription s : subscriptions) {
            subs.add(Mqtt5Subscription.builder().topicFilter(s.filter()).qos(HivemqConnector.qos(s.qos())).build());
        }
        Mqtt5SubAck ack;
        try {
            ack = await(client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subs).build()), timeout, what);
        } catch (ProvisioningException e) {
            if (e.getCause() instanceof Mqtt5SubAckException refused) {
                ack = refused.getMqttMessage(); // some or all refused: the codes say which
            } else {
                throw e;
            }
        }
        List<Integer> out = new ArrayList<>();
        List<Mqtt5SubAckReasonCode> codes = ack.getReasonCodes();
        for (int i = 0; i < filters.size(); i++) {
            out.add(i < codes.size() ? codes.get(i).getCode() : 0x80);
        }
        return out;
    }

    @Override
    public void unsubscribe(List<String> filters, Duration timeout) {
        Mqtt5UnsubscribeBuilder.Complete complete = null;
        for (String filter : filters) {
            complete = complete == null ? Mqtt5Unsubscribe.builder().addTopicFilter(filter)
                    : complete.addTopicFilter(filter);
        }
        if (complete == null) {
            return;
        }
        await(client.unsubscribe(complete.build()), timeout, "unsubscribe from " + String.join(",", filters));
    }

    private <T> T await(CompletableFuture<T> f, Duration timeout, String what) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProvisioningException(Kind.TIMEOUT, what + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            ProvisioningException p = HivemqConnector.translate(what, e.getCause());
            throw e.getCause() instanceof Mqtt5SubAckException s ? new ProvisioningException(p.kind(), p.getMessage(), s)
                    : p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.TIMEOUT, what + " was interrupted", e);
        } catch (RuntimeException e) {
            throw HivemqConnector.translate(what, e);
        }
    }

    @Override
    public void disconnect(Duration timeout) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        up = false;
        try {
            client.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("mqtt disconnect failed server={} error={}", server, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the connection without DISCONNECT, as a crash would, so the broker publishes the last will. The HiveMQ
     * client has no public call for that: this closes the socket of the connection that the client's connection
     * config holds (found reflectively, so no Netty type enters our code). When that is not possible (another
     * client version), it falls back to MQTT 5 DISCONNECT with reason 0x04 (Disconnect with Will Message, MQTT 5.0
     * section 3.14.2.1). Does not wait.
     */
    @Override
    public void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        up = false;
        Mqtt5AsyncClient c = client;
        if (c == null || dropSocket(c)) {
            return;
        }
        try {
            c.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send()
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            LOG.debug("mqtt disconnect-with-will failed server={} error={}", server, e.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("mqtt disconnect-with-will failed server={} error={}", server, e.getMessage());
        }
    }

    /** Closes the connection's socket; false when the client has no connection or its internals differ. */
    private boolean dropSocket(Mqtt5AsyncClient c) {
        Object config = c.getConfig().getConnectionConfig().orElse(null);
        if (config == null) {
            return true; // not connected: nothing to drop
        }
        try {
            Object channel = config.getClass().getMethod("getChannel").invoke(config);
            channel.getClass().getMethod("close").invoke(channel);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("mqtt socket drop not possible server={} error={}", server, e.toString());
            return false;
        }
    }
}
