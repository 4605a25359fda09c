package dev.porthole.provisioning.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.provisioning.Await;
import dev.porthole.provisioning.BrokerFixtures;
import dev.porthole.provisioning.BrokerFixtures.Inbox;
import dev.porthole.provisioning.FleetFixtures;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.SimulatedDevice;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.mosquitto.MosquittoAcl;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;
import dev.porthole.testbed.mosquitto.MosquittoOptions;

/**
 * The shipped reference broker setup ({@code provisioning/broker/}) works with the fleet link: its ACL, loaded into
 * the real Mosquitto, lets everything Porthole does through and refuses what a device must not do; its
 * {@code mosquitto.conf} is accepted by Mosquitto and serves mutual TLS.
 */
class ReferenceBrokerTest {

    private static final Path BROKER_DIR = Path.of("broker");

    @RegisterExtension
    static final MosquittoExtension BROKER = new MosquittoExtension(MosquittoOptions.defaults()
            .withAcl(referenceAcl()));

    @TempDir
    Path tmp;

    /** {@code broker/acl} read into the testbed's ACL builder (pattern, user and topic lines). */
    static MosquittoAcl referenceAcl() {
        MosquittoAcl.Builder b = MosquittoAcl.builder();
        String user = null;
        try {
            for (String raw : Files.readAllLines(BROKER_DIR.resolve("acl"))) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                switch (f[0]) {
                    case "user" -> user = f[1];
                    case "pattern" -> b.pattern(access(f[1]), f[2]);
                    case "topic" -> b.user(user, access(f[1]), f[2]);
                    default -> throw new AssertionError("unexpected ACL line: " + line);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + BROKER_DIR.resolve("acl"), e);
        }
        return b.build();
    }

    private static MosquittoAcl.Access access(String word) {
        return MosquittoAcl.Access.valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void theReferenceAclCarriesTheWholeFleetLinkAndStopsDevicesAtTheirLeaves(MosquittoBroker broker) throws Exception {
        FleetInit.Result fleet = FleetFixtures.init(broker, tmp.resolve("fleet"), "ref", "kiosk-r1", "kiosk-r2");
        FleetConnections connections = FleetFixtures.connections(fleet, new PahoConnector());
        List<SimulatedDevice> devices = new ArrayList<>();
        try (EnrollmentResponder responder = new EnrollmentResponder(connections, InstantSource.system(),
                Duration.ofDays(1)); MqttLink fleetLink = connections.connected("ref", Duration.ofSeconds(10))) {
            responder.start();
            SimulatedDevice a = SimulatedDevice.enroll(new PahoConnector(), fleet.claims().get(0), null,
                    tmp.resolve("a")).start();
            devices.add(a);
            SimulatedDevice b = SimulatedDevice.enroll(new PahoConnector(), fleet.claims().get(1), null,
                    tmp.resolve("b")).start();
            devices.add(b);
            assertThat(a.awaitConnected() && b.awaitConnected()).isTrue();

            FleetStatus status = new FleetStatus(fleet.fleet());
            status.attach(fleetLink, r -> { });
            new Layers(fleet.fleet()).write("fleet", StrictJson.object().put("x", 1));
            new FleetPush(fleet.fleet(), InstantSource.system()).push(fleetLink, List.of(), null, false,
                    Duration.ofSeconds(10));
            for (String d : List.of("kiosk-r1", "kiosk-r2")) {
                Await.until(() -> status.row(d).map(r -> r.state().equals("online") && r.applied() == 1)
                        .orElse(false), d + " online with v1 applied", () -> status.row(d));
            }
            FleetCommands cmd = new FleetCommands(fleet.fleet(), fleetLink);
            assertThat(cmd.send("kiosk-r1", "ping", null, Duration.ofSeconds(10)).ok()).isTrue();
            assertThat(cmd.send("kiosk-r1", "screenshot", null, Duration.ofSeconds(10)).data()).isNotEmpty();
            Inbox telemetry = new Inbox();
            fleetLink.subscribe("porthole/v1/ref/kiosk-r1/telemetry/+", 0, telemetry::add);
            a.telemetry(tmp, tmp, Duration.ofSeconds(1)).publishOnce();
            telemetry.await(m -> m.topic().endsWith("/telemetry/system"), "telemetry through the reference ACL");

            DeviceAddress self = new DeviceAddress("ref", "kiosk-r1");
            DeviceAddress other = new DeviceAddress("ref", "kiosk-r2");
            for (String topic : List.of(self.topics().desired(), self.topics().command("reboot"),
                    other.topics().reported(), other.topics().state(), other.topics().desired(),
                    "porthole/enroll/" + fleet.claims().get(1).claimId() + "/response")) {
                assertThatThrownBy(() -> a.link.link().publishAndWait(MqttMessage.to(topic).payload("x").build()))
                        .as(topic).isInstanceOfSatisfying(ProvisioningException.class,
                                e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.NOT_AUTHORIZED));
            }
            Inbox spy = new Inbox();
            a.link.link().subscribe(other.topics().all(), 1, spy::add);
            a.link.link().subscribe(self.topics().all(), 1, spy::add);
            assertThat(spy.await(m -> true, "a's own retained desired").topic()).isEqualTo(self.topics().desired());
            MqttMessage m;
            while ((m = spy.poll(500)) != null) {
                assertThat(m.topic()).as("kiosk-r1 must read only its readable leaves")
                        .isIn(self.topics().desired(), self.topics().command("reboot"));
            }
        } finally {
            devices.forEach(SimulatedDevice::close);
        }
    }

    @Test
    void theReferenceMosquittoConfIsAcceptedAndServesMutualTls(MosquittoBroker testBroker) throws Exception {
        Path mosquitto = Programs.require("mosquitto", "mosquitto");
        int port = Loopback.freePort();
        TlsMaterial.Authority ca = testBroker.ca();
        TlsMaterial.Issued server = ca.issueServer("localhost", List.of("localhost"), List.of(Loopback.HOST));
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        ca.writeCertificatePem(etc.resolve("fleet-ca.pem"));
        server.writePem(etc.resolve("server.pem"), etc.resolve("server.key"));
        Files.copy(BROKER_DIR.resolve("acl"), etc.resolve("acl"));
        String conf = Files.readString(BROKER_DIR.resolve("mosquitto.conf"))
                .replace("/etc/mosquitto/porthole/", etc + "/")
                .replace("/var/lib/mosquitto/", data + "/")
                .replace("log_dest syslog", "log_dest file " + tmp.resolve("mosquitto.log"))
                .replace("listener 8883", "listener " + port + " " + Loopback.HOST);
        assertThat(conf).doesNotContain("/etc/mosquitto/porthole/");
        if (Integer.valueOf(0).equals(Files.getAttribute(tmp, "unix:uid"))) {
            // as root Mosquitto would switch to the 'mosquitto' account, which cannot enter the test's directory
            conf = "user root\n" + conf;
        }
        Path confFile = tmp.resolve("mosquitto.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(mosquitto.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("mosquitto.out").toFile()).start();
        try {
            Await.until(() -> Loopback.accepts(port) || !p.isAlive(), Duration.ofSeconds(10), "mosquitto listening",
                    () -> read(tmp.resolve("mosquitto.out")) + read(tmp.resolve("mosquitto.log")));
            assertThat(p.isAlive()).as("mosquitto rejected the reference configuration: %s%s",
                    read(tmp.resolve("mosquitto.out")), read(tmp.resolve("mosquitto.log"))).isTrue();
            try (MqttLink device = new MqttLink(new PahoConnector(),
                    dev.porthole.provisioning.mqtt.LinkSettings.builder(URI.create("ssl://" + Loopback.HOST + ":" + port),
                            "kiosk-z", testBroker.sslContext(testBroker.clientCertificate("kiosk-z")))
                            .backoff(BrokerFixtures.FAST).build())) {
                device.start();
                assertThat(device.awaitConnected(Duration.ofSeconds(10))).isTrue();
                device.publishAndWait(MqttMessage.to("porthole/v1/t/kiosk-z/state").payload("online").build());
                assertThatThrownBy(() -> device.publishAndWait(MqttMessage.to("porthole/v1/t/kiosk-y/state")
                        .payload("forged").build())).isInstanceOf(ProvisioningException.class);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
