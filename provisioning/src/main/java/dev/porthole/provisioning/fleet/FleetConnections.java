package dev.porthole.provisioning.fleet;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.MqttLink;

/**
 * MQTT links of the fleet side: the fleet identity's certificate, a client id of its own per link
 * ({@code <fleet identity>-<purpose>-<random>}), clean sessions, a larger packet limit (screenshots) and an inbound
 * queue large enough for the retained messages of 100k devices (three each), still bounded (512 MiB).
 */
public final class FleetConnections {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FleetDirectory fleet;
    private final MqttConnector connector;
    private final UnaryOperator<LinkSettings.Builder> tune;

    /**
     * @param tune adjusts the link settings (backoff, timeouts) before they are built; identity and TLS are set
     */
    public FleetConnections(FleetDirectory fleet, MqttConnector connector, UnaryOperator<LinkSettings.Builder> tune) {
        this.fleet = fleet;
        this.connector = connector;
        this.tune = tune == null ? UnaryOperator.identity() : tune;
    }

    public FleetDirectory fleet() {
        return fleet;
    }

    /** A new, not yet started link for {@code purpose}. */
    public MqttLink link(String purpose) {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        LinkSettings.Builder b = LinkSettings.builder(fleet.broker(),
                fleet.fleetIdentity() + "-" + purpose + "-" + HexFormat.of().formatHex(r), fleet.sslContext())
                .cleanStart(true).sessionExpiry(Duration.ZERO).maximumPacketSize(16L << 20)
                .inboundQueue(1_000_000, 512L << 20).receiveMaximum(1024);
        return new MqttLink(connector, tune.apply(b).build());
    }

    /** A started link that is connected, or an exception after {@code timeout}. */
    public MqttLink connected(String purpose, Duration timeout) {
        MqttLink l = link(purpose);
        l.start();
        if (!l.awaitConnected(timeout)) {
            l.close();
            throw new dev.porthole.provisioning.ProvisioningException(
                    dev.porthole.provisioning.ProvisioningException.Kind.CONNECTION, "cannot connect to "
                    + fleet.broker() + " as " + fleet.fleetIdentity() + " within " + timeout.toSeconds() + " s");
        }
        return l;
    }
}
