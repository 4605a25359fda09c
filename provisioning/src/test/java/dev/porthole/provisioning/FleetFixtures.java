package dev.porthole.provisioning;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.porthole.provisioning.fleet.FleetConnections;
import dev.porthole.provisioning.fleet.FleetInit;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.testbed.mosquitto.MosquittoBroker;

/** A fleet directory whose CA is the test broker's CA, so the broker trusts what the fleet issues. */
public final class FleetFixtures {

    /** Test link tuning: fast backoff, short timeouts. */
    public static final UnaryOperator<LinkSettings.Builder> TUNE = b -> b.backoff(BrokerFixtures.FAST)
            .connectTimeout(Duration.ofSeconds(5)).operationTimeout(Duration.ofSeconds(5))
            .keepAlive(Duration.ofSeconds(10));

    private FleetFixtures() {}

    /** {@code porthole fleet init} for tenant {@code tenant} with one claim per entry of {@code claimDevices}. */
    public static FleetInit.Result init(MosquittoBroker broker, Path dir, String tenant, String... claimDevices) {
        FleetInit.Options o = FleetInit.Options.of(tenant, URI.create(broker.uri()))
                .withFleetIdentity(broker.fleetIdentity())
                .withCa(new CertificateAuthority(broker.ca().certificate(), broker.ca().self().privateKey()))
                .withClaims(Arrays.asList(claimDevices), Duration.ofDays(1));
        return FleetInit.init(dir, o, Instant.now());
    }

    public static FleetConnections connections(FleetInit.Result r, MqttConnector connector) {
        return new FleetConnections(r.fleet(), connector, TUNE);
    }

    public static List<String> none() {
        return List.of();
    }
}
