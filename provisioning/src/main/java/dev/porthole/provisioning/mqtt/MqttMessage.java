package dev.porthole.provisioning.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.porthole.provisioning.ProvisioningException;

/**
 * An MQTT 5 application message, outgoing or received: topic, payload, QoS, the retain flag, and the MQTT 5
 * properties Porthole uses (content type, response topic, correlation data, message expiry interval, user
 * properties). Immutable; byte arrays are copied in and out.
 *
 * <p>{@link #toString()} shows the topic, flags and sizes only, never the payload (it may hold secrets).
 */
public final class MqttMessage {

    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retained;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final long expirySeconds; // -1: none
    private final List<UserProperty> userProperties;

    private MqttMessage(Builder b) {
        this.topic = Topics.requirePublishable(b.topic);
        this.payload = b.payload.clone();
        if (b.qos < 0 || b.qos > 2) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "qos must be 0, 1 or 2, not " + b.qos);
        }
        this.qos = b.qos;
        this.retained = b.retained;
        this.contentType = b.contentType;
        this.responseTopic = b.responseTopic == null ? null : Topics.requirePublishable(b.responseTopic);
        this.correlationData = b.correlationData == null ? null : b.correlationData.clone();
        if (b.expirySeconds < -1 || b.expirySeconds > 0xFFFF_FFFFL) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "message expiry must be 0..4294967295 s, not " + b.expirySeconds);
        }
        this.expirySeconds = b.expirySeconds;
        this.userProperties = List.copyOf(b.userProperties);
    }

    /** A builder for a message to {@code topic} (QoS 1, not retained, empty payload, no properties). */
    public static Builder to(String topic) {
        return new Builder(topic);
    }

    /** A builder starting from this message. */
    public Builder toBuilder() {
        Builder b = new Builder(topic).payload(payload).qos(qos).retained(retained);
        b.contentType = contentType;
        b.responseTopic = responseTopic;
        b.correlationData = correlationData;
        b.expirySeconds = expirySeconds;
        b.userProperties.addAll(userProperties);
        return b;
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length in bytes. */
    public int payloadSize() {
        return payload.length;
    }

    /** The payload decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public int qos() {
        return qos;
    }

    public boolean retained() {
        return retained;
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    public Optional<String> responseTopic() {
        return Optional.ofNullable(responseTopic);
    }

    /** A copy of the correlation data. */
    public Optional<byte[]> correlationData() {
        return Optional.ofNullable(correlationData).map(byte[]::clone);
    }

    /** The message expiry interval in seconds, when set. */
    public OptionalLong messageExpirySeconds() {
        return expirySeconds < 0 ? OptionalLong.empty() : OptionalLong.of(expirySeconds);
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** The value of the first user property called {@code name}. */
    public Optional<String> userProperty(String name) {
        return userProperties.stream().filter(p -> p.name().equals(name)).map(UserProperty::value).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttMessage m && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                && qos == m.qos && retained == m.retained && Objects.equals(contentType, m.contentType)
                && Objects.equals(responseTopic, m.responseTopic) && Arrays.equals(correlationData, m.correlationData)
                && expirySeconds == m.expirySeconds && userProperties.equals(m.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retained, contentType, responseTopic,
                Arrays.hashCode(correlationData), expirySeconds, userProperties);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MqttMessage[topic=").append(topic).append(", qos=").append(qos)
                .append(", retained=").append(retained).append(", payload=").append(payload.length).append(" bytes");
        if (contentType != null) {
            sb.append(", contentType=").append(contentType);
        }
        if (responseTopic != null) {
            sb.append(", responseTopic=").append(responseTopic);
        }
        if (correlationData != null) {
            sb.append(", correlation=").append(HexFormat.of().formatHex(correlationData, 0,
                    Math.min(correlationData.length, 16)));
        }
        if (expirySeconds >= 0) {
            sb.append(", expiry=").append(expirySeconds).append('s');
        }
        if (!userProperties.isEmpty()) {
            sb.append(", userProperties=").append(userProperties.stream().map(UserProperty::name).toList());
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link MqttMessage}. */
    public static final class Builder {
        private final String topic;
        private byte[] payload = new byte[0];
        private int qos = 1;
        private boolean retained;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private long expirySeconds = -1;
        private final List<UserProperty> userProperties = new ArrayList<>();

        private Builder(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        public Builder payload(byte[] bytes) {
            this.payload = Objects.requireNonNull(bytes, "payload");
            return this;
        }

        /** The payload as UTF-8 text. */
        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder qos(int value) {
            this.qos = value;
            return this;
        }

        public Builder retained(boolean value) {
            this.retained = value;
            return this;
        }

        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        public Builder responseTopic(String value) {
            this.responseTopic = value;
            return this;
        }

        public Builder correlationData(byte[] value) {
            this.correlationData = value;
            return this;
        }

        /** The message expiry interval (whole seconds; the broker drops the message when it runs out). */
        public Builder messageExpiry(Duration expiry) {
            this.expirySeconds = expiry == null ? -1 : Math.max(0, expiry.toSeconds());
            return this;
        }

        public Builder messageExpirySeconds(long seconds) {
            this.expirySeconds = seconds;
            return this;
        }

        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        public Builder userProperties(List<UserProperty> properties) {
            userProperties.addAll(properties);
            return this;
        }

        public MqttMessage build() {
            return new MqttMessage(this);
        }
    }
}
