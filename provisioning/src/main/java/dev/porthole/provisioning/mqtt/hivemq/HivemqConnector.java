package dev.porthole.provisioning.mqtt.hivemq;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5MessageException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.mqtt.ConnectSpec;
import dev.porthole.provisioning.mqtt.MqttConnection;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.UserProperty;
import dev.porthole.provisioning.pki.MutualTlsContext;

/**
 * {@link MqttConnector} on the HiveMQ MQTT client ({@code com.hivemq:hivemq-mqtt-client}, MQTT 5 over Netty). One
 * HiveMQ client per connection attempt. All HiveMQ clients of a JVM that bring no executor of their own share one
 * Netty event loop group (sized by the first client made: {@code nettyThreads}, 0 for Netty's default of twice the
 * processors), so thousands of connections need a handful of threads, where Paho needs several per connection. The
 * client's own automatic reconnect stays off ({@link dev.porthole.provisioning.mqtt.MqttLink} reconnects with
 * jitter); host name verification is on.
 *
 * <p>The TLS context must be a {@link MutualTlsContext} (what {@link dev.porthole.provisioning.pki.TlsContexts}
 * makes): the HiveMQ client builds its own Netty TLS engine from the context's key and trust managers.
 *
 * <p>This package is the only place in Porthole that uses HiveMQ's client.
 */
public final class HivemqConnector implements MqttConnector {

    private final MqttClientExecutorConfig executor;

    /** Connections share the HiveMQ client's default Netty event loop group. */
    public HivemqConnector() {
        this(0);
    }

    /**
     * Asks for a shared Netty event loop group of {@code nettyThreads} threads (0: Netty's default); the HiveMQ client
     * keeps the size of the group that the first client in the JVM made.
     */
    public HivemqConnector(int nettyThreads) {
        if (nettyThreads < 0) {
            throw new ProvisioningException(Kind.USAGE, "nettyThreads must be >= 0, not " + nettyThreads);
        }
        this.executor = nettyThreads == 0 ? MqttClientExecutorConfig.builder().build()
                : MqttClientExecutorConfig.builder().nettyThreads(nettyThreads).build();
    }

    @Override
    public MqttConnection connect(ConnectSpec spec, MqttConnection.Listener listener) {
        if (!(spec.sslContext() instanceof MutualTlsContext tls)) {
            throw new ProvisioningException(Kind.USAGE, "the HiveMQ connector needs the TLS context of"
                    + " TlsContexts.clientContext (a MutualTlsContext), not " + spec.sslContext().getClass().getName());
        }
        String what = "connect to " + spec.serverUri() + " as " + spec.clientId();
        long connectMillis = Math.max(1, spec.connectTimeout().toMillis());
        HivemqConnection connection = new HivemqConnection(spec.serverUri().toString(), listener);
        Mqtt5AsyncClient client;
        try {
            client = Mqtt5Client.builder()
                    .identifier(spec.clientId())
                    .transportConfig(MqttClientTransportConfig.builder()
                            .serverHost(spec.serverUri().getHost())
                            .serverPort(spec.serverUri().getPort())
                            .sslConfig(MqttClientSslConfig.builder()
                                    .keyManagerFactory(new FixedKeyManagerFactory(tls.keyManagers(), tls.getProvider()))
                                    .trustManagerFactory(new FixedTrustManagerFactory(tls.trustManagers(),
                                            tls.getProvider()))
                                    .handshakeTimeout(connectMillis, TimeUnit.MILLISECONDS)
                                    .build())
                            .socketConnectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                            .mqttConnectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                            .build())
                    .executorConfig(executor)
                    .addDisconnectedListener(connection::disconnected)
                    .buildAsync();
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(Kind.USAGE, "cannot make an MQTT client for " + spec.serverUri() + " as "
                    + spec.clientId() + ": " + e.getMessage(), e);
        }
        connection.bind(client);

        Mqtt5ConnectBuilder b = Mqtt5Connect.builder()
                .cleanStart(spec.cleanStart())
                .sessionExpiryInterval(spec.sessionExpiry().toSeconds())
                .keepAlive((int) Math.min(65_535, spec.keepAlive().toSeconds()))
                .restrictions(Mqtt5ConnectRestrictions.builder()
                        .receiveMaximum(spec.receiveMaximum())
                        .maximumPacketSize((int) spec.maximumPacketSize())
                        .build());
        spec.lastWill().ifPresent(w -> b.willPublish(toHivemq(w).asWill()));
        CompletableFuture<Mqtt5ConnAck> f = client.connect(b.build());
        try {
            Mqtt5ConnAck ack = f.get(connectMillis + 1_000, TimeUnit.MILLISECONDS);
            connection.connected(ack.isSessionPresent());
            return connection;
        } catch (TimeoutException e) {
            f.cancel(true); // aborts the attempt, so a late CONNACK cannot leave a connection behind
            connection.close();
            throw new ProvisioningException(Kind.TIMEOUT, what + " timed out after " + (connectMillis + 1_000)
                    + " ms", e);
        } catch (ExecutionException e) {
            connection.close();
            throw translate(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            throw new ProvisioningException(Kind.TIMEOUT, what + " was interrupted", e);
        }
    }

    static Mqtt5Publish toHivemq(MqttMessage m) {
        Mqtt5PublishBuilder.Complete b = Mqtt5Publish.builder()
                .topic(m.topic())
                .payload(m.payload())
                .qos(qos(m.qos()))
                .retain(m.retained());
        m.contentType().ifPresent(b::contentType);
        m.responseTopic().ifPresent(b::responseTopic);
        m.correlationData().ifPresent(b::correlationData);
        m.messageExpirySeconds().ifPresent(b::messageExpiryInterval);
        if (!m.userProperties().isEmpty()) {
            Mqtt5UserPropertiesBuilder props = Mqtt5UserProperties.builder();
            for (UserProperty u : m.userProperties()) {
                props.add(u.name(), u.value());
            }
            b.userProperties(props.build());
        }
        return b.build();
    }

    static MqttQos qos(int qos) {
        MqttQos q = MqttQos.fromCode(qos);
        if (q == null) {
            throw new ProvisioningException(Kind.USAGE, "qos must be 0, 1 or 2, not " + qos);
        }
        return q;
    }

    static MqttMessage fromHivemq(Mqtt5Publish p) {
        MqttMessage.Builder b = MqttMessage.to(p.getTopic().toString()).payload(p.getPayloadAsBytes())
                .qos(p.getQos().getCode()).retained(p.isRetain());
        p.getContentType().ifPresent(c -> b.contentType(c.toString()));
        p.getResponseTopic().ifPresent(t -> b.responseTopic(t.toString()));
        p.getCorrelationData().ifPresent(c -> b.correlationData(bytes(c)));
        p.getMessageExpiryInterval().ifPresent(b::messageExpirySeconds);
        for (var u : p.getUserProperties().asList()) {
            b.userProperty(u.getName().toString(), u.getValue().toString());
        }
        return b.build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A HiveMQ failure as a {@link ProvisioningException} whose kind and message say what happened. */
    static ProvisioningException translate(String what, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ProvisioningException p) {
            return p;
        }
        SSLException tls = cause(e, SSLException.class);
        if (tls != null) {
            return new ProvisioningException(Kind.CONNECTION, what + " failed in the TLS handshake: "
                    + tls.getMessage(), e);
        }
        if (e instanceof Mqtt5ConnAckException c) {
            int code = c.getMqttMessage().getReasonCode().getCode();
            Kind kind = code == 0x86 || code == 0x87 || code == 0x8C ? Kind.NOT_AUTHORIZED : Kind.CONNECTION;
            return new ProvisioningException(kind, what + " refused by the broker (reason 0x"
                    + Integer.toHexString(code) + ": " + c.getMessage() + ")", e);
        }
        if (e instanceof Mqtt5MessageException m) {
            int code = reasonCode(m);
            Kind kind = code == 0x86 || code == 0x87 || code == 0x8C ? Kind.NOT_AUTHORIZED : Kind.CONNECTION;
            return new ProvisioningException(kind, what + " failed (reason 0x" + Integer.toHexString(code) + ": "
                    + m.getMessage() + ")", e);
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConnectionFailedException && message.startsWith("Timeout")) {
            return new ProvisioningException(Kind.TIMEOUT, what + " timed out (" + message + ")", e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ProvisioningException(Kind.CONNECTION, what + " failed (" + e.getClass().getSimpleName() + ": "
                + message + (root != e ? "; cause: " + root : "") + ")", e);
    }

    /** The reason code of an MQTT 5 acknowledgement or DISCONNECT carried by {@code m}, or 0x80 when it has none. */
    static int reasonCode(Mqtt5MessageException m) {
        var message = m.getMqttMessage();
        if (message instanceof com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck a) {
            return a.getReasonCode().getCode();
        }
        if (message instanceof com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect d) {
            return d.getReasonCode().getCode();
        }
        if (message instanceof Mqtt5ConnAck c) {
            return c.getReasonCode().getCode();
        }
        return 0x80;
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException) {
            return new ProvisioningException(Kind.CONNECTION, "the operation was cancelled", e);
        }
        return e;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** A key manager factory that hands out fixed key managers (those of a {@link MutualTlsContext}). */
    private static final class FixedKeyManagerFactory extends KeyManagerFactory {
        FixedKeyManagerFactory(KeyManager[] managers, Provider provider) {
            super(new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks, char[] password) {
                    // fixed
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                    // fixed
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return managers.clone();
                }
            }, provider, "fixed");
        }
    }

    /** A trust manager factory that hands out fixed trust managers (those of a {@link MutualTlsContext}). */
    private static final class FixedTrustManagerFactory extends TrustManagerFactory {
        FixedTrustManagerFactory(TrustManager[] managers, Provider provider) {
            super(new TrustManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks) {
                    // fixed
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                    // fixed
                }

                @Override
                protected TrustManager[] engineGetTrustManagers() {
                    return managers.clone();
                }
            }, provider, "fixed");
        }
    }
}
