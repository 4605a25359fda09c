package dev.porthole.provisioning.mqtt;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLContext;

import dev.porthole.provisioning.ProvisioningException;

/**
 * Settings of a {@link MqttLink}: where and as whom to connect (see {@link ConnectSpec}), the last will (asked for
 * anew before every connection attempt, so it can carry a per-connection session counter), the reconnect policy,
 * and the limits that bound memory. Build with {@link #builder(URI, String, SSLContext)}.
 */
public final class LinkSettings {

    private final URI serverUri;
    private final String clientId;
    private final SSLContext sslContext;
    private final boolean cleanStart;
    private final Duration sessionExpiry;
    private final Duration keepAlive;
    private final Duration connectTimeout;
    private final Duration operationTimeout;
    private final Supplier<MqttMessage> will;
    private final long maximumPacketSize;
    private final int receiveMaximum;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final Duration stableAfter;
    private final int inboundQueueMessages;
    private final long inboundQueueBytes;

    private LinkSettings(Builder b) {
        this.serverUri = b.serverUri;
        this.clientId = b.clientId;
        this.sslContext = b.sslContext;
        this.cleanStart = b.cleanStart;
        this.sessionExpiry = b.sessionExpiry;
        this.keepAlive = b.keepAlive;
        this.connectTimeout = b.connectTimeout;
        this.operationTimeout = b.operationTimeout;
        this.will = b.will;
        this.maximumPacketSize = b.maximumPacketSize;
        this.receiveMaximum = b.receiveMaximum;
        this.backoff = b.backoff;
        this.random = b.random;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.stableAfter = b.stableAfter;
        this.inboundQueueMessages = b.inboundQueueMessages;
        this.inboundQueueBytes = b.inboundQueueBytes;
    }

    /**
     * A builder with the defaults: clean start off with a one-hour session (QoS 1 commands wait while a device
     * reboots), 30 s keep-alive, 15 s connect and 10 s operation timeouts, 1 MiB maximum packet size, receive
     * maximum 32, {@link Backoff#DEFAULT}, a connection counts as stable after 30 s, inbound queue of 256 messages
     * or 8 MiB.
     */
    public static Builder builder(URI serverUri, String clientId, SSLContext sslContext) {
        return new Builder(serverUri, clientId, sslContext);
    }

    /** The spec of one connection attempt, with the will asked for now. */
    ConnectSpec connectSpec() {
        return connectSpec(will == null ? null : will.get());
    }

    private ConnectSpec connectSpec(MqttMessage lastWill) {
        return new ConnectSpec(serverUri, clientId, sslContext, cleanStart, sessionExpiry, keepAlive, connectTimeout,
                lastWill, maximumPacketSize, receiveMaximum);
    }

    public URI serverUri() {
        return serverUri;
    }

    public String clientId() {
        return clientId;
    }

    public Duration operationTimeout() {
        return operationTimeout;
    }

    public Backoff backoff() {
        return backoff;
    }

    public RandomGenerator random() {
        return random;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public InstantSource clock() {
        return clock;
    }

    public Duration stableAfter() {
        return stableAfter;
    }

    public long maximumPacketSize() {
        return maximumPacketSize;
    }

    public int inboundQueueMessages() {
        return inboundQueueMessages;
    }

    public long inboundQueueBytes() {
        return inboundQueueBytes;
    }

    @Override
    public String toString() {
        return "LinkSettings[server=" + serverUri + ", clientId=" + clientId + ", backoff=" + backoff + "]";
    }

    /** Builds {@link LinkSettings}. */
    public static final class Builder {
        private final URI serverUri;
        private final String clientId;
        private final SSLContext sslContext;
        private boolean cleanStart = false;
        private Duration sessionExpiry = Duration.ofHours(1);
        private Duration keepAlive = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration operationTimeout = Duration.ofSeconds(10);
        private Supplier<MqttMessage> will;
        private long maximumPacketSize = 1 << 20;
        private int receiveMaximum = 32;
        private Backoff backoff = Backoff.DEFAULT;
        private RandomGenerator random = new java.security.SecureRandom();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private InstantSource clock = InstantSource.system();
        private Duration stableAfter = Duration.ofSeconds(30);
        private int inboundQueueMessages = 256;
        private long inboundQueueBytes = 8L << 20;

        private Builder(URI serverUri, String clientId, SSLContext sslContext) {
            this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        }

        public Builder cleanStart(boolean value) {
            this.cleanStart = value;
            return this;
        }

        public Builder sessionExpiry(Duration value) {
            this.sessionExpiry = Objects.requireNonNull(value, "sessionExpiry");
            return this;
        }

        public Builder keepAlive(Duration value) {
            this.keepAlive = Objects.requireNonNull(value, "keepAlive");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        public Builder operationTimeout(Duration value) {
            this.operationTimeout = Objects.requireNonNull(value, "operationTimeout");
            return this;
        }

        /** The last will, asked for before each connection attempt. */
        public Builder will(Supplier<MqttMessage> value) {
            this.will = value;
            return this;
        }

        public Builder maximumPacketSize(long value) {
            this.maximumPacketSize = value;
            return this;
        }

        public Builder receiveMaximum(int value) {
            this.receiveMaximum = value;
            return this;
        }

        public Builder backoff(Backoff value) {
            this.backoff = Objects.requireNonNull(value, "backoff");
            return this;
        }

        /** The source of jitter (tests pass a seeded generator). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The clock that decides whether a connection lasted {@link #stableAfter} (which resets the backoff). */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** A connection that lasted this long resets the backoff to its first step. */
        public Builder stableAfter(Duration value) {
            this.stableAfter = Objects.requireNonNull(value, "stableAfter");
            return this;
        }

        /** Limits of the queue between the MQTT client and the handlers; messages beyond them are dropped. */
        public Builder inboundQueue(int messages, long bytes) {
            if (messages < 1 || bytes < 1) {
                throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                        "inbound queue limits must be positive, got " + messages + " messages, " + bytes + " bytes");
            }
            this.inboundQueueMessages = messages;
            this.inboundQueueBytes = bytes;
            return this;
        }

        public LinkSettings build() {
            LinkSettings s = new LinkSettings(this);
            s.connectSpec(null); // validates server URI, client id and limits now, not at the first attempt
            return s;
        }
    }
}
