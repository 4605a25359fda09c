package dev.porthole.testbed.mosquitto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.mosquitto.MqttTestClient.Received;

/** Smoke tests of the Mosquitto real peer with a real Paho MQTT 5 client; no mocks. */
@ExtendWith(MosquittoExtension.class)
class MosquittoPeerTest {

    /** MQTT 5 PUBACK/SUBACK reason code "Not authorized". */
    private static final int NOT_AUTHORIZED = 0x87;

    @Test
    void deviceReceivesRetainedDesiredDocumentWithItsMqtt5PropertiesOverMutualTls(MosquittoBroker broker)
            throws Exception {
        String topic = "porthole/v1/acme/dev-a/config/desired";
        byte[] payload = "{\"version\":7,\"note\":\"grüße ✓\"}".getBytes(StandardCharsets.UTF_8);
        MqttMessage desired = new MqttMessage(payload);
        desired.setQos(1);
        desired.setRetained(true);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/vnd.porthole.config+json");
        props.setUserProperties(List.of(new UserProperty("schema", "porthole.config/1"),
                new UserProperty("signature", "test-sig")));
        desired.setProperties(props);

        try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity())) {
            assertAccepted(fleet.publish(topic, desired), "PUBACK reason codes of the fleet's publish");
        }
        try (MqttTestClient device = MqttTestClient.connect(broker, "dev-a")) {
            assertArrayEquals(new int[] {1}, device.subscribe("porthole/v1/acme/dev-a/config/#", 1),
                    "SUBACK of dev-a on its own subtree");
            Received got = device.next(MqttTestClient.TIMEOUT_MS);
            assertNotNull(got, "dev-a received no retained desired document");
            MqttProperties p = got.message().getProperties();
            assertAll(
                    () -> assertEquals(topic, got.topic()),
                    () -> assertArrayEquals(payload, got.message().getPayload(), "payload"),
                    () -> assertTrue(got.message().isRetained(), "delivered as retained"),
                    () -> assertEquals(1, got.message().getQos(), "QoS"),
                    () -> assertEquals("application/vnd.porthole.config+json", p.getContentType(), "content type"),
                    () -> assertEquals(List.of(new UserProperty("schema", "porthole.config/1"),
                            new UserProperty("signature", "test-sig")), p.getUserProperties(), "user properties"));
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedDuringTheTlsHandshake(MosquittoBroker broker) throws Exception {
        MqttConnectionOptions options = MqttTestClient.options(broker.socketFactoryWithoutClientCertificate());
        try (MqttTestClient anonymous = MqttTestClient.unconnected(broker, "no-cert")) {
            MqttException e = assertThrows(MqttException.class,
                    () -> anonymous.client.connect(options).waitForCompletion(MqttTestClient.TIMEOUT_MS),
                    "a client without a certificate connected");
            SSLHandshakeException handshake = causeOfType(e, SSLHandshakeException.class);
            assertNotNull(handshake, "expected a TLS handshake failure in the cause chain, got: " + chain(e));
            // TLS 1.3: the broker's alert reaches the client after its Finished, so Paho reports a lost connection
            // (32109); with TLS 1.2 the handshake itself fails (a client exception, 0). Both carry the alert.
            assertTrue(e.getReasonCode() == MqttClientException.REASON_CODE_CONNECTION_LOST
                            || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION,
                    "unexpected Paho reason code " + e.getReasonCode() + ": " + chain(e));
            assertTrue(handshake.getMessage().contains("certificate_required")
                            || handshake.getMessage().contains("handshake_failure")
                            || handshake.getMessage().contains("bad_certificate"),
                    "the alert should say the certificate is missing: " + handshake.getMessage());
            assertFalse(anonymous.client.isConnected());
        }
        awaitLogLine(broker, "peer did not return a certificate");
    }

    @Test
    void deviceCannotReadAnotherDevicesSubtree(MosquittoBroker broker) throws Exception {
        String other = "porthole/v1/acl-read/dev-b/";
        String own = "porthole/v1/acl-read/dev-a/";
        try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity());
             MqttTestClient devA = MqttTestClient.connect(broker, "dev-a");
             MqttTestClient devB = MqttTestClient.connect(broker, "dev-b")) {
            assertAccepted(fleet.publish(other + "config/desired",
                    MqttTestClient.message("retained for dev-b", 1, true)));

            assertArrayEquals(new int[] {1}, devB.subscribe(other + "#", 1), "dev-b on its own subtree");
            // Mosquitto 2.0 grants these subscriptions and filters each message by the read ACL instead;
            // a broker that refuses them (0x87) is fine too. Either way nothing of dev-b may reach dev-a.
            for (String filter : List.of(other + "#", "porthole/v1/#", "porthole/v1/+/dev-b/#")) {
                int[] codes = devA.subscribe(filter, 1);
                assertEquals(1, codes.length, filter);
                assertTrue(codes[0] == 1 || codes[0] == NOT_AUTHORIZED, filter + " SUBACK " + codes[0]);
            }
            assertArrayEquals(new int[] {1}, devA.subscribe(own + "#", 1), "dev-a on its own subtree");

            assertAccepted(fleet.publish(other + "cmd/reboot",
                    MqttTestClient.message("live for dev-b", 1, false)));
            assertAccepted(fleet.publish(own + "marker",
                    MqttTestClient.message("marker for dev-a", 1, false)));

            // control: dev-b gets both the retained and the live message
            List<Received> atB = devB.until(other + "cmd/reboot");
            assertTrue(atB.stream().anyMatch(r -> r.text().equals("retained for dev-b")),
                    "dev-b did not get its retained message: " + topics(atB));
            // dev-a: the marker was published after dev-b's messages by the same client, so dev-b's messages
            // would have arrived before it
            List<Received> atA = devA.until(own + "marker");
            Received late = devA.next(200);
            if (late != null) {
                atA.add(late);
            }
            assertTrue(atA.stream().noneMatch(r -> r.topic().startsWith(other)),
                    "dev-a read dev-b's subtree: " + topics(atA));
        }
    }

    @Test
    void devicePublishIntoAnotherDevicesSubtreeIsRefusedAndNotDelivered(MosquittoBroker broker) throws Exception {
        String other = "porthole/v1/acl-write/dev-b/";
        String own = "porthole/v1/acl-write/dev-a/";
        try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity());
             MqttTestClient devA = MqttTestClient.connect(broker, "dev-a")) {
            assertArrayEquals(new int[] {1}, fleet.subscribe("porthole/v1/acl-write/#", 1));

            assertArrayEquals(new int[] {NOT_AUTHORIZED},
                    devA.publish(other + "config/reported", MqttTestClient.message("forged by dev-a", 1, false)),
                    "PUBACK of dev-a's publish into dev-b's subtree");
            assertAccepted(devA.publish(own + "config/reported", MqttTestClient.message("dev-a's own report", 1, false)),
                    "PUBACK of dev-a's publish into its own subtree");

            List<Received> atFleet = fleet.until(own + "config/reported");
            assertEquals("dev-a's own report", atFleet.getLast().text());
            assertTrue(atFleet.stream().noneMatch(r -> r.topic().startsWith(other)),
                    "the fleet received dev-a's forged message: " + topics(atFleet));
        }
    }

    @Test
    void enrollmentAreaIsPerIdentity(MosquittoBroker broker) throws Exception {
        try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity());
             MqttTestClient claimant = MqttTestClient.connect(broker, "claim-42")) {
            assertArrayEquals(new int[] {1}, fleet.subscribe(MosquittoAcl.ENROLL_ROOT + "/#", 1));
            assertArrayEquals(new int[] {1}, claimant.subscribe(MosquittoAcl.ENROLL_ROOT + "/claim-42/#", 1));
            assertArrayEquals(new int[] {NOT_AUTHORIZED}, claimant.publish(MosquittoAcl.ENROLL_ROOT + "/claim-43/csr",
                    MqttTestClient.message("not mine", 1, false)));
            assertAccepted(claimant.publish(MosquittoAcl.ENROLL_ROOT + "/claim-42/csr",
                    MqttTestClient.message("csr", 1, false)));
            List<Received> atFleet = fleet.until(MosquittoAcl.ENROLL_ROOT + "/claim-42/csr");
            assertEquals(1, atFleet.size(), "fleet: " + topics(atFleet));

            assertAccepted(fleet.publish(MosquittoAcl.ENROLL_ROOT + "/claim-42/certificate",
                    MqttTestClient.message("cert", 1, false)));
            assertEquals(MosquittoAcl.ENROLL_ROOT + "/claim-42/certificate",
                    claimant.until(MosquittoAcl.ENROLL_ROOT + "/claim-42/certificate").getLast().topic());
        }
    }

    @Test
    void restartKeepsThePortRetainedMessagesAndPersistentSessions(MosquittoBroker broker) throws Exception {
        String base = "porthole/v1/restart/dev-r/";
        int port = broker.mtlsPort();
        try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity())) {
            assertAccepted(fleet.publish(base + "config/desired",
                    MqttTestClient.message("desired v7", 1, true)));
        }
        MqttConnectionOptions persistent = MqttTestClient.options(broker.socketFactory(broker.clientCertificate("dev-r")));
        persistent.setCleanStart(false);
        persistent.setSessionExpiryInterval(300L);
        persistent.setAutomaticReconnect(true);
        persistent.setAutomaticReconnectDelay(1, 2);
        try (MqttTestClient device = MqttTestClient.connect(broker, "dev-r", persistent)) {
            assertArrayEquals(new int[] {1}, device.subscribe(base + "#", 1));
            assertEquals("desired v7", device.until(base + "config/desired").getLast().text());
            assertEquals(Boolean.FALSE, device.connectComplete.poll(1, TimeUnit.SECONDS), "first connect");

            broker.stop();
            assertFalse(broker.isRunning(), "running after stop()");
            assertFalse(Loopback.accepts(port), "port " + port + " still accepts after stop()");
            assertNotNull(device.disconnects.poll(MqttTestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS),
                    "the device did not notice the broker going away");

            broker.start();
            assertEquals(port, broker.mtlsPort());
            assertTrue(broker.isRunning() && Loopback.accepts(port), "not listening on " + port + " after start()");
            assertEquals(Boolean.TRUE, device.connectComplete.poll(10, TimeUnit.SECONDS),
                    "the device did not reconnect automatically to the restarted broker");

            // the device's subscription survived in the broker's persisted session: no resubscribe
            try (MqttTestClient fleet = MqttTestClient.connect(broker, broker.fleetIdentity())) {
                assertAccepted(fleet.publish(base + "cmd/reconnect",
                        MqttTestClient.message("after restart", 1, false)));
            }
            assertEquals("after restart", device.until(base + "cmd/reconnect").getLast().text());
        }
        try (MqttTestClient fresh = MqttTestClient.connect(broker, "dev-r")) {
            assertArrayEquals(new int[] {1}, fresh.subscribe(base + "config/desired", 1));
            Received retained = fresh.next(MqttTestClient.TIMEOUT_MS);
            assertNotNull(retained, "the retained message did not survive the restart");
            assertEquals("desired v7", retained.text());
            assertTrue(retained.message().isRetained());
        }
    }

    @Test
    void startFailsWithTheBrokerLogWhenItsPortWasTakenMeanwhile(MosquittoBroker broker) throws Exception {
        int port = broker.mtlsPort();
        broker.stop();
        try (ServerSocket squatter = new ServerSocket(port, 1, Loopback.address())) {
            PeerException e = assertThrows(PeerException.class, broker::start);
            assertTrue(e.getMessage().contains("exited with status"), e.getMessage());
            assertTrue(e.getMessage().contains("Address already in use"), "the log tail should name the cause: "
                    + e.getMessage());
            assertFalse(broker.isRunning());
            assertTrue(squatter.isBound(), "the squatter still holds " + port);
        } finally {
            broker.start();
        }
        assertTrue(broker.isRunning() && Loopback.accepts(port));
        try (MqttTestClient client = MqttTestClient.connect(broker, "dev-a")) {
            assertTrue(client.client.isConnected());
        }
    }

    @Test
    void listensOnLoopbackOnly(MosquittoBroker broker) throws IOException {
        List<String> local = listeningAddresses(broker.mtlsPort());
        assertEquals(List.of("0100007F"), local,
                "listening sockets on port " + broker.mtlsPort() + " (hex IPv4 from /proc/net/tcp, IPv6 from tcp6)");
    }

    @Test
    void secondBrokerRunsAlongsideWithItsOwnCaAndCustomAcl(MosquittoBroker first) throws Exception {
        MosquittoAcl lab = MosquittoAcl.builder().pattern(MosquittoAcl.Access.READWRITE, "lab/%u/#").build();
        try (MosquittoBroker second = MosquittoBroker.launch(MosquittoOptions.defaults()
                .withFleetIdentity("ops").withAcl(lab))) {
            assertNotEquals(first.mtlsPort(), second.mtlsPort());
            assertNotEquals(first.workspace(), second.workspace());
            assertEquals("ops", second.fleetIdentity());

            try (MqttTestClient x = MqttTestClient.connect(second, "dev-x")) {
                assertArrayEquals(new int[] {1}, x.subscribe("lab/dev-x/#", 1));
                assertAccepted(x.publish("lab/dev-x/t", MqttTestClient.message("lab", 1, false)));
                assertEquals("lab", x.until("lab/dev-x/t").getLast().text());
                // the custom ACL replaced the default one: the porthole subtree is closed
                assertArrayEquals(new int[] {NOT_AUTHORIZED}, x.publish("porthole/v1/acme/dev-x/state",
                        MqttTestClient.message("nope", 1, false)));
            }

            // a certificate from the first broker's CA is worthless at the second
            MqttConnectionOptions foreign = MqttTestClient.options(first.socketFactory(first.clientCertificate("dev-x")));
            try (MqttTestClient stranger = MqttTestClient.unconnected(second, "dev-x")) {
                MqttException e = assertThrows(MqttException.class,
                        () -> stranger.client.connect(foreign).waitForCompletion(MqttTestClient.TIMEOUT_MS));
                assertNotNull(causeOfType(e, SSLHandshakeException.class), "expected a TLS failure: " + chain(e));
            }
        }
        assertTrue(first.isRunning() && Loopback.accepts(first.mtlsPort()), "closing the second broker hurt the first");
        try (MqttTestClient stillThere = MqttTestClient.connect(first, "dev-a")) {
            assertTrue(stillThere.client.isConnected());
        }
    }

    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && local[1].equals(hexPort)) { // 0A = LISTEN
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** A single PUBACK reason code below 0x80: success (0) or "no matching subscribers" (0x10). */
    private static void assertAccepted(int[] codes, String... what) {
        assertEquals(1, codes.length, "reason codes " + Arrays.toString(codes));
        assertTrue(codes[0] == 0 || codes[0] == 0x10, String.join(" ", what) + " refused with reason code 0x"
                + Integer.toHexString(codes[0]));
    }

    private static void awaitLogLine(MosquittoBroker broker, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MqttTestClient.TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (Files.readString(broker.logFile()).contains(text)) {
                return;
            }
            Thread.sleep(25);
        }
        fail("broker log never said '" + text + "'");
    }

    private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }

    private static List<String> topics(List<Received> received) {
        return received.stream().map(r -> r.topic() + "=" + r.text()).toList();
    }
}
