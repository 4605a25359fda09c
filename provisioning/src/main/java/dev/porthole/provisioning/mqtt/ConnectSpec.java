package dev.porthole.provisioning.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import dev.porthole.provisioning.ProvisioningException;

/**
 * What one connection attempt needs: an {@code ssl://host:port} server, the client id, the TLS context that
 * presents the client certificate and trusts the broker's CA (mutual TLS), MQTT 5 session settings, the last
 * will, and limits that bound memory (largest packet the broker may send, how many unacknowledged QoS 1/2
 * messages it may have in flight towards us).
 *
 * @param serverUri            {@code ssl://host:port} (only TLS is accepted)
 * @param clientId             the MQTT client id
 * @param sslContext           TLS context for mutual TLS
 * @param cleanStart           MQTT 5 clean start
 * @param sessionExpiry        how long the broker keeps the session after a disconnect (zero: not at all)
 * @param keepAlive            keep-alive interval
 * @param connectTimeout       how long the TCP, TLS and MQTT handshakes may take together
 * @param will                 the last will, published by the broker when the connection dies without DISCONNECT
 * @param maximumPacketSize    the largest packet the broker may send us (MQTT 5 Maximum Packet Size)
 * @param receiveMaximum       QoS 1/2 messages the broker may have unacknowledged towards us (MQTT 5 Receive Maximum)
 */
public record ConnectSpec(URI serverUri, String clientId, SSLContext sslContext, boolean cleanStart,
                          Duration sessionExpiry, Duration keepAlive, Duration connectTimeout, MqttMessage will,
                          long maximumPacketSize, int receiveMaximum) {

    public ConnectSpec {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!"ssl".equals(serverUri.getScheme()) || serverUri.getHost() == null || serverUri.getPort() <= 0) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "serverUri must be ssl://host:port (mutual TLS only), not " + serverUri);
        }
        if (clientId.isEmpty() || clientId.length() > 128) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "clientId must be 1..128 characters");
        }
        if (maximumPacketSize < 1024 || maximumPacketSize > 268_435_455L) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "maximumPacketSize must be 1 KiB..256 MiB, not " + maximumPacketSize);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "receiveMaximum must be 1..65535, not " + receiveMaximum);
        }
    }

    public Optional<MqttMessage> lastWill() {
        return Optional.ofNullable(will);
    }

    @Override
    public String toString() {
        return "ConnectSpec[server=" + serverUri + ", clientId=" + clientId + ", cleanStart=" + cleanStart
                + ", sessionExpiry=" + sessionExpiry + ", keepAlive=" + keepAlive + ", will="
                + (will == null ? "none" : will.topic()) + "]";
    }
}
