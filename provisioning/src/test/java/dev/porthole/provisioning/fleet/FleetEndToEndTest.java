package dev.porthole.provisioning.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.Await;
import dev.porthole.provisioning.BrokerFixtures;
import dev.porthole.provisioning.BrokerFixtures.Inbox;
import dev.porthole.provisioning.FleetFixtures;
import dev.porthole.provisioning.MqttClient;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.SimulatedDevice;
import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.config.ConfigSigner;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.Jws;
import dev.porthole.provisioning.device.ConfigApplier.Reason;
import dev.porthole.provisioning.device.FakeApplier;
import dev.porthole.provisioning.device.HealthResult;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.LinkListener;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;

/**
 * The fleet link end to end against the real Mosquitto: devices enrolled through the responder with their own
 * certificates, the fleet pushing signed layered documents, status, commands, rollback, broker restarts. No mocks of
 * the broker; the device agent's side (applier, control) is faked. Runs once with each MQTT client library
 * (device and fleet side alike).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(MqttClient.class)
@ExtendWith(MosquittoExtension.class)
class FleetEndToEndTest {

    @Parameter
    MqttClient client;

    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private MosquittoBroker broker;
    private FleetInit.Result fleet;
    private FleetConnections connections;
    private EnrollmentResponder responder;
    private MqttLink fleetLink;
    private FleetStatus status;
    private final List<SimulatedDevice> devices = new ArrayList<>();

    @BeforeEach
    void setUp(MosquittoBroker b) {
        broker = b;
        fleet = FleetFixtures.init(b, tmp.resolve("fleet"), "t" + TENANTS.incrementAndGet(), "kiosk-a", "kiosk-b",
                "kiosk-c");
        connections = FleetFixtures.connections(fleet, client.connector());
        responder = new EnrollmentResponder(connections, InstantSource.system(), Duration.ofDays(30));
        responder.start();
        fleetLink = connections.link("test");
        status = new FleetStatus(fleet.fleet());
        status.attach(fleetLink, r -> { });
        fleetLink.start();
        assertThat(fleetLink.awaitConnected(T)).isTrue();
    }

    @AfterEach
    void tearDown() {
        devices.forEach(SimulatedDevice::close);
        fleetLink.close();
        responder.close();
    }

    private SimulatedDevice device(int claim) {
        SimulatedDevice d = SimulatedDevice.enroll(client.connector(), fleet.claims().get(claim), null, tmp.resolve("dev-" + claim)).start();
        devices.add(d);
        assertThat(d.awaitConnected()).isTrue();
        return d;
    }

    private FleetPush push() {
        return new FleetPush(fleet.fleet(), InstantSource.system());
    }

    private Layers layers() {
        return new Layers(fleet.fleet());
    }

    private String tenant() {
        return fleet.fleet().tenant();
    }

    private void awaitReport(String device, String configStatus, long attempted) {
        Await.until(() -> status.row(device).map(r -> r.configStatus().equals(configStatus) && r.attempted() == attempted)
                .orElse(false), device + " reports " + configStatus + " v" + attempted, () -> status.row(device));
    }

    private static ObjectNode json(String s) {
        return StrictJson.parseObject(s.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void enrolledDevicesApplyALayeredPushAndTheFleetSeesIt() {
        SimulatedDevice a = device(0);
        SimulatedDevice b = device(1);
        SimulatedDevice.enroll(client.connector(), fleet.claims().get(2), null, tmp.resolve("never-started"));
        new DeviceRegistry(fleet.fleet()).setGroups("kiosk-a", List.of("lobby"));
        layers().write("fleet", json("{\"rdp\":{\"server\":\"rdp.example\",\"port\":3389},\"security\":{\"lock\":false}}"));
        layers().write("group:lobby", json("{\"display\":{\"rotation\":90}}"));
        layers().write("device:kiosk-a", json("{\"rdp\":{\"port\":3390},\"security\":{\"lock\":false}}"));
        layers().write("priority", json("{\"security\":{\"lock\":true}}"));

        List<FleetPush.Pushed> pushed = push().push(fleetLink, List.of(), null, false, T);
        assertThat(pushed).extracting(FleetPush.Pushed::device).containsExactly("kiosk-a", "kiosk-b", "kiosk-c");
        awaitReport("kiosk-a", "applied", 1);
        awaitReport("kiosk-b", "applied", 1);

        ConfigDocument docA = a.config.current().orElseThrow();
        assertThat(docA.settings()).isEqualTo(json("{\"rdp\":{\"server\":\"rdp.example\",\"port\":3390},"
                + "\"security\":{\"lock\":true},\"display\":{\"rotation\":90}}"));
        assertThat(docA.layers()).hasSize(4).anySatisfy(l -> assertThat(l).startsWith("group:lobby@"))
                .last().satisfies(l -> assertThat(l).startsWith("priority@"));
        assertThat(b.config.current().orElseThrow().settings().path("security").path("lock").asBoolean())
                .as("priority layer wins").isTrue();
        assertThat(a.applier.calls()).containsExactly(new FakeApplier.Call(1, Reason.NEW));

        // the same layers again: nothing changed, nothing published
        assertThat(push().push(fleetLink, List.of(), null, false, T)).allMatch(FleetPush.Pushed::skipped);

        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("online") && r.applied() == 1)
                .orElse(false), "status row of kiosk-a", () -> status.rows());
        String table = FleetStatus.table(status.rows());
        assertThat(table).contains("DEVICE").containsPattern("kiosk-a\\s+online\\s+1\\s+1\\s+applied");
        assertThat(FleetStatus.json(status.rows())).contains("\"device\" : \"kiosk-b\"");

        // a fresh status snapshot from retained messages only
        List<FleetStatus.Row> snapshot = new FleetStatus(fleet.fleet()).snapshot(connections.link("status"),
                Duration.ofMillis(500), T);
        assertThat(snapshot).extracting(FleetStatus.Row::device).contains("kiosk-a", "kiosk-b", "kiosk-c");
        assertThat(snapshot).filteredOn(r -> r.device().equals("kiosk-c")).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo("unknown"));
        assertThat(snapshot).filteredOn(r -> r.device().equals("kiosk-a")).singleElement()
                .satisfies(r -> {
                    assertThat(r.applied()).isEqualTo(1);
                    assertThat(r.agentVersion()).isEqualTo("0.1.0-test");
                    assertThat(r.lastSeen()).isNotNull();
                });
    }

    @Test
    void tamperedWrongDeviceReplayedAndUnknownSchemaAreRejectedWithReasonsAndTheLastGoodStays() {
        SimulatedDevice a = device(0);
        device(1);
        layers().write("fleet", json("{\"rdp\":{\"server\":\"one.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a", "kiosk-b"), null, false, T);
        awaitReport("kiosk-a", "applied", 1);
        layers().write("fleet", json("{\"rdp\":{\"server\":\"two.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a", "kiosk-b"), null, false, T);
        awaitReport("kiosk-a", "applied", 2);
        String desired = new DeviceAddress(tenant(), "kiosk-a").topics().desired();
        ConfigSigner signer = fleet.fleet().signer();

        // tampered signature: the payload of v3 changed after signing
        String v3 = signer.sign(ConfigDocument.of(new DeviceAddress(tenant(), "kiosk-a"), 3, Instant.now(), null,
                List.of(), json("{\"rdp\":{\"server\":\"three.example\"}}")));
        String[] p = v3.split("\\.");
        String evil = new String(java.util.Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                .replace("three.example", "evil.example");
        publish(desired, p[0] + "." + Jws.base64url(evil.getBytes(StandardCharsets.UTF_8)) + "." + p[2]);
        Await.until(() -> status.row("kiosk-a").map(r -> "bad-signature".equals(r.reason())).orElse(false),
                "bad-signature report", () -> status.row("kiosk-a"));

        // a document for kiosk-b published on kiosk-a's topic
        publish(desired, signer.sign(ConfigDocument.of(new DeviceAddress(tenant(), "kiosk-b"), 7, Instant.now(), null,
                List.of(), json("{}"))));
        Await.until(() -> status.row("kiosk-a").map(r -> "wrong-device".equals(r.reason())).orElse(false),
                "wrong-device report", () -> status.row("kiosk-a"));

        // the genuine v1, replayed
        byte[] v1 = fleetFile("pushed/kiosk-a/1.jws");
        publish(desired, new String(v1, StandardCharsets.US_ASCII));
        Await.until(() -> status.row("kiosk-a").map(r -> "not-newer".equals(r.reason()) && r.attempted() == 1)
                .orElse(false), "not-newer report", () -> status.row("kiosk-a"));

        // a signed document of a schema the device does not know
        ObjectNode payload = ConfigDocument.of(new DeviceAddress(tenant(), "kiosk-a"), 9, Instant.now(), null,
                List.of(), json("{}")).toJson().put("schema", "porthole.config/v9");
        ObjectNode header = StrictJson.object().put("alg", "EdDSA").put("typ", ConfigVerifier.TYP)
                .put("cty", ConfigVerifier.CTY).put("kid", signer.keyId());
        publish(desired, Jws.sign(header, StrictJson.bytes(payload), fleet.fleet().signingKeys().getPrivate()));
        Await.until(() -> status.row("kiosk-a").map(r -> "unknown-schema".equals(r.reason())).orElse(false),
                "unknown-schema report", () -> status.row("kiosk-a"));
        assertThat(status.row("kiosk-a").orElseThrow().message()).contains("porthole.config/v9");
        assertThat(status.row("kiosk-a").orElseThrow().errors()).isEqualTo("v9 rejected: unknown-schema");

        assertThat(a.config.current().orElseThrow().version()).isEqualTo(2);
        assertThat(a.config.current().orElseThrow().settings().path("rdp").path("server").asText())
                .isEqualTo("two.example");
        assertThat(a.applier.calls()).extracting(FakeApplier.Call::version).containsExactly(1L, 2L);
        assertThat(status.row("kiosk-a").orElseThrow().applied()).isEqualTo(2);

        // and the fleet's next real push still goes through
        layers().write("fleet", json("{\"rdp\":{\"server\":\"four.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "applied", 3);
    }

    @Test
    void deviceOfflineDuringAPushConvergesWhenItReconnects() {
        SimulatedDevice a = device(0);
        layers().write("fleet", json("{\"v\":1}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "applied", 1);
        a.close();
        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("offline")).orElse(false),
                "kiosk-a offline", () -> status.row("kiosk-a"));

        layers().write("fleet", json("{\"v\":2}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        assertThat(status.row("kiosk-a").orElseThrow().errors()).as("offline: not counted as lagging").isEmpty();

        // the device restarts (new process, same state directory): boots offline from v1, then converges on v2
        SimulatedDevice again = SimulatedDevice.enroll(client.connector(), fleet.claims().getFirst(), null, a.state);
        again.start();
        devices.add(again);
        assertThat(again.applier.calls().getFirst()).isEqualTo(new FakeApplier.Call(1, Reason.BOOT));
        awaitReport("kiosk-a", "applied", 2);
        assertThat(again.config.current().orElseThrow().settings().path("v").asInt()).isEqualTo(2);
    }

    @Test
    void brokerRestartDevicesReconnectWithJitteredBackoff() throws Exception {
        List<SimulatedDevice> fleetOf3 = List.of(device(0), device(1), device(2));
        List<List<Duration>> delays = new ArrayList<>();
        for (SimulatedDevice d : fleetOf3) {
            List<Duration> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
            delays.add(mine);
            d.link.link().addListener(new LinkListener() {
                @Override
                public void reconnectScheduled(int attempt, Duration delay) {
                    mine.add(delay);
                }
            });
        }
        broker.stop();
        Thread.sleep(1_000);
        broker.start();
        for (SimulatedDevice d : fleetOf3) {
            Await.until(() -> d.link.link().connectCount() >= 2, d.id() + " reconnected",
                    () -> d.link.link().connectCount());
        }
        assertThat(fleetLink.awaitConnected(T)).isTrue();
        List<Duration> firstDelays = delays.stream().map(List::getFirst).toList();
        assertThat(firstDelays).as("first reconnect delays differ across devices (full jitter)").doesNotHaveDuplicates();
        for (List<Duration> ds : delays) {
            for (int i = 0; i < ds.size(); i++) {
                assertThat(ds.get(i)).isLessThanOrEqualTo(BrokerFixtures.FAST.cap(i));
            }
        }
        // the link is usable again: status, pushes and the session counter moved on
        layers().write("fleet", json("{\"after\":\"restart\"}"));
        push().push(fleetLink, List.of("kiosk-a", "kiosk-b", "kiosk-c"), null, false, T);
        for (String d : List.of("kiosk-a", "kiosk-b", "kiosk-c")) {
            awaitReport(d, "applied", 1);
        }
        assertThat(fleetOf3.getFirst().link.sessionCounter()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aclDeviceCanNeitherReadNorPublishAnotherDevicesTopics() {
        SimulatedDevice a = device(0);
        device(1);
        layers().write("fleet", json("{\"secret\":\"for b\"}"));
        push().push(fleetLink, List.of("kiosk-b"), null, false, T);
        awaitReport("kiosk-b", "applied", 1);
        DeviceAddress b = new DeviceAddress(tenant(), "kiosk-b");

        Inbox spy = new Inbox();
        a.link.link().subscribe(b.topics().all(), 1, spy::add);
        a.link.link().subscribe("porthole/v1/#", 1, spy::add);
        // a marker in a's own tree arrives after anything of b's would have
        a.link.link().publishAndWait(MqttMessage.to(new DeviceAddress(tenant(), "kiosk-a").topics().events())
                .payload("marker").build());
        List<MqttMessage> seen = new ArrayList<>();
        MqttMessage m;
        while ((m = spy.poll(1_000)) != null) {
            seen.add(m);
        }
        assertThat(seen).extracting(MqttMessage::topic).noneMatch(t -> t.contains("/kiosk-b/"));
        assertThat(seen).extracting(MqttMessage::topic).anyMatch(t -> t.endsWith("/kiosk-a/events"));

        for (String topic : List.of(b.topics().reported(), b.topics().state(), b.topics().desired(),
                b.topics().response())) {
            assertThatThrownBy(() -> a.link.link().publishAndWait(MqttMessage.to(topic).payload("forged").build()))
                    .as(topic).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.NOT_AUTHORIZED));
        }
        assertThat(status.row("kiosk-b").orElseThrow().configStatus()).isEqualTo("applied");
    }

    @Test
    void everyCommandEndToEnd() throws Exception {
        SimulatedDevice a = device(0);
        FleetCommands cmd = new FleetCommands(fleet.fleet(), fleetLink);

        FleetCommands.Response ping = cmd.send("kiosk-a", "ping", StrictJson.object().put("nonce", "n-1"), T);
        assertThat(ping.ok()).isTrue();
        assertThat(ping.result().path("pong").asBoolean()).isTrue();
        assertThat(ping.result().path("nonce").asText()).isEqualTo("n-1");
        assertThat(ping.result().path("session").asLong()).isEqualTo(a.link.sessionCounter());

        assertThat(cmd.send("kiosk-a", "reconnect", null, T).ok()).isTrue();
        assertThat(a.control.reconnects.get()).isEqualTo(1);

        FleetCommands.Response reboot = cmd.send("kiosk-a", "reboot", null, T);
        assertThat(reboot.result().path("accepted").asBoolean()).isTrue();
        Await.until(() -> a.control.reboots.get() == 1, "reboot ran after its response", a.control.reboots::get);

        a.control.screenWidth = 640;
        a.control.screenHeight = 400;
        FleetCommands.Response shot = cmd.send("kiosk-a", "screenshot", null, T);
        assertThat(shot.contentType()).isEqualTo("image/png");
        assertThat(shot.result().path("chunks").asInt()).as("chunked (64 KiB chunks)").isGreaterThan(3);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(shot.data()));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(img.getRGB(1, 1) & 0xffffff).isEqualTo(0x123456);
        Path saved = FleetCommands.save(shot, tmp.resolve("shots/kiosk-a.png"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(shot.data());

        a.control.log = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        FleetCommands.Response logs = cmd.send("kiosk-a", "logs", StrictJson.object().put("maxBytes", 100), T);
        assertThat(logs.data()).hasSize(100);
        FleetCommands.Response capped = cmd.send("kiosk-a", "logs", null, T);
        assertThat(capped.data()).as("the device's cap (4096 in this test)").hasSize(4096);

        assertThat(cmd.send("kiosk-a", "set-log-level", StrictJson.object().put("level", "debug"), T).ok()).isTrue();
        assertThat(a.control.levels).containsExactly("debug");
        FleetCommands.Response badLevel = cmd.send("kiosk-a", "set-log-level",
                StrictJson.object().put("level", "chatty"), T);
        assertThat(badLevel.ok()).isFalse();
        assertThat(badLevel.code()).isEqualTo("malformed-request");
        assertThat(badLevel.message()).contains("chatty");

        FleetCommands.Response unknown = cmd.send("kiosk-a", "self-destruct", null, T);
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.code()).isEqualTo("unknown-command");
        assertThat(unknown.message()).contains("self-destruct").contains("screenshot");
    }

    @Test
    void malformedAndRetainedRequestsGetErrorResponsesNeverSilence() {
        SimulatedDevice a = device(0);
        DeviceAddress addr = new DeviceAddress(tenant(), "kiosk-a");
        Inbox rsp = new Inbox();
        fleetLink.subscribe(addr.topics().response(), 1, rsp::add);

        fleetLink.publishAndWait(MqttMessage.to(addr.topics().command("ping")).payload("{not json")
                .responseTopic(addr.topics().response()).correlationData(new byte[] {1}).build());
        MqttMessage r1 = rsp.await(m -> m.correlationData().map(c -> c[0] == 1).orElse(false), "malformed answer");
        assertThat(r1.userProperty("status")).hasValue("error");
        assertThat(r1.payloadText()).contains("malformed-request").contains("not valid JSON");

        fleetLink.publishAndWait(MqttMessage.to(addr.topics().command("ping")).payload("{\"args\":[1]}")
                .responseTopic(addr.topics().response()).correlationData(new byte[] {2}).build());
        assertThat(rsp.await(m -> m.correlationData().map(c -> c[0] == 2).orElse(false), "args answer").payloadText())
                .contains("'args' must be an object");

        fleetLink.publishAndWait(MqttMessage.to(addr.topics().command("ping")).payload("{}")
                .responseTopic(addr.topics().response()).build());
        assertThat(rsp.await(m -> m.payloadText().contains("correlation data"), "no-correlation answer")
                .userProperty("status")).hasValue("error");

        // a response topic outside the device's tree is not used; the answer goes to rsp
        fleetLink.publishAndWait(MqttMessage.to(addr.topics().command("ping")).payload("{}")
                .responseTopic("porthole/v1/" + tenant() + "/kiosk-b/config/desired").correlationData(new byte[] {3})
                .build());
        assertThat(rsp.await(m -> m.correlationData().map(c -> c[0] == 3).orElse(false), "redirected answer")
                .payloadText()).contains("\"pong\":true");

        // a retained reboot is refused and cleared, not run at every connection
        a.close();
        fleetLink.publishAndWait(MqttMessage.to(addr.topics().command("reboot")).payload("{}").retained(true)
                .responseTopic(addr.topics().response()).correlationData(new byte[] {4}).build());
        SimulatedDevice again = SimulatedDevice.enroll(client.connector(), fleet.claims().getFirst(), null, a.state).start();
        devices.add(again);
        MqttMessage refused = rsp.await(m -> m.correlationData().map(c -> c[0] == 4).orElse(false), "retained answer");
        assertThat(refused.payloadText()).contains("retained-command");
        assertThat(again.control.reboots.get()).isZero();
        Inbox retained = new Inbox();
        fleetLink.subscribe(addr.topics().command("reboot"), 1, retained::add);
        MqttMessage left = retained.poll(1_000);
        assertThat(left == null || left.payloadSize() == 0).as("the retained command was cleared").isTrue();
        assertThat(again.control.reboots.get()).isZero();
    }

    @Test
    void birthStateAndTheLastWillCarryTheSessionCounter() {
        SimulatedDevice a = device(0);
        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("online") && r.session() == 1).orElse(false),
                "online with session 1", () -> status.row("kiosk-a"));
        a.crash();
        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("offline")).orElse(false),
                "the will says offline", () -> status.row("kiosk-a"));
        SimulatedDevice again = SimulatedDevice.enroll(client.connector(), fleet.claims().getFirst(), null, a.state).start();
        devices.add(again);
        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("online") && r.session() == 2).orElse(false),
                "online with session 2", () -> status.row("kiosk-a"));
        again.link.setState(dev.porthole.provisioning.device.DeviceState.IN_SESSION);
        Await.until(() -> status.row("kiosk-a").map(r -> r.state().equals("in-session")).orElse(false),
                "in-session", () -> status.row("kiosk-a"));
    }

    @Test
    void telemetryFromProcAndTheSessionProvider() throws Exception {
        SimulatedDevice a = device(0);
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Path sys = Files.createDirectories(tmp.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       2048000 kB\nMemFree: 1 kB\nMemAvailable:   1024000 kB\n");
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\n");
        Files.writeString(sys.resolve("temp"), "48500\n");
        Inbox inbox = new Inbox();
        fleetLink.subscribe(new DeviceAddress(tenant(), "kiosk-a").topics().base() + "/telemetry/+", 0, inbox::add);
        var t = a.telemetry(proc, tmp.resolve("sys"), Duration.ofMillis(200));
        assertThat(t.publishOnce()).isTrue();
        Files.writeString(proc.resolve("stat"), "cpu  200 0 200 1400 0 0 0 0 0 0\n"); // 200 busy of 800: 25 %
        t.start();
        MqttMessage session = inbox.await(m -> m.topic().endsWith("/telemetry/session"), "session telemetry");
        assertThat(session.payloadText()).contains("\"state\":\"active\"").contains("\"rttMs\":12.5")
                .contains("\"fps\":30.0");
        MqttMessage system = inbox.await(m -> m.topic().endsWith("/telemetry/system")
                && m.payloadText().contains("cpuPercent"), "system telemetry with CPU");
        ObjectNode o = StrictJson.parseObject(system.payload(), "telemetry");
        assertThat(o.path("cpuPercent").asDouble()).isEqualTo(25.0);
        assertThat(o.path("memTotalBytes").asLong()).isEqualTo(2048000L * 1024);
        assertThat(o.path("memUsedBytes").asLong()).isEqualTo(1024000L * 1024);
        assertThat(o.path("temperatureC").asDouble()).isEqualTo(48.5);
        assertThat(system.qos()).isZero();
    }

    @Test
    void rollbackRepublishesEarlierSettingsUnderAHigherVersion() {
        SimulatedDevice a = device(0);
        layers().write("fleet", json("{\"rdp\":{\"server\":\"good.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "applied", 1);
        layers().write("fleet", json("{\"rdp\":{\"server\":\"bad.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "applied", 2);

        FleetPush.Pushed back = push().rollback(fleetLink, "kiosk-a", null, T);
        assertThat(back.version()).isEqualTo(3);
        assertThat(back.layers().getFirst()).isEqualTo("rollback-to@1");
        awaitReport("kiosk-a", "applied", 3);
        assertThat(a.config.current().orElseThrow().settings().path("rdp").path("server").asText())
                .isEqualTo("good.example");
        assertThatThrownBy(() -> push().rollback(fleetLink, "kiosk-a", 99L, T)).hasMessageContaining("not in the push"
                + " history");
    }

    @Test
    void failedHealthCheckIsReportedAndTheDeviceKeepsItsLastGoodDocument() {
        SimulatedDevice a = device(0);
        layers().write("fleet", json("{\"rdp\":{\"server\":\"good.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "applied", 1);
        a.applier.nextHealth(HealthResult.unhealthy("RDP host bad.example does not answer"));
        layers().write("fleet", json("{\"rdp\":{\"server\":\"bad.example\"}}"));
        push().push(fleetLink, List.of("kiosk-a"), null, false, T);
        awaitReport("kiosk-a", "rejected", 2);
        FleetStatus.Row row = status.row("kiosk-a").orElseThrow();
        assertThat(row.reason()).isEqualTo("health-check-failed");
        assertThat(row.message()).contains("bad.example does not answer").contains("reverted to version 1");
        assertThat(row.applied()).isEqualTo(1);
        assertThat(a.applier.calls()).containsExactly(new FakeApplier.Call(1, Reason.NEW),
                new FakeApplier.Call(2, Reason.NEW), new FakeApplier.Call(1, Reason.REVERT));
    }

    private void publish(String topic, String payload) {
        fleetLink.publishAndWait(MqttMessage.to(topic).payload(payload).retained(true).build());
    }

    private byte[] fleetFile(String relative) {
        try {
            return Files.readAllBytes(fleet.fleet().root().resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
