package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.boot.AgentRuntime;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.provisioning.fleet.EnrollmentResponder;
import dev.porthole.provisioning.fleet.FleetConnections;
import dev.porthole.provisioning.fleet.FleetDirectory;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * First boot of a device that has only a claim file: real Mosquitto, the fleet's enrollment responder in-process,
 * a real FreeRDP shadow session. The agent enrolls in the background while the session runs, connects with its
 * device certificate, announces itself, applies a pushed document and publishes telemetry with a frame rate.
 */
@ExtendWith({MosquittoExtension.class, FreeRdpShadowExtension.class})
class FleetFirstBootEndToEndTest extends FleetEndToEndSupport {

    private static final FirstBootEnrollment.Tuning FAST = new FirstBootEnrollment.Tuning(Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofMillis(100));

    @Override
    String provisioningExtras() {
        return ", \"telemetryIntervalSeconds\": 5";
    }

    /** A fleet with one claim bound to kiosk-1; returns the claim bundle file. */
    private Path fleetInit(MosquittoBroker broker, Path fleet) throws Exception {
        Path caCert = tmp.resolve("ca.pem");
        Path caKey = tmp.resolve("ca.key");
        broker.ca().writeCertificatePem(caCert);
        Files.writeString(caKey, Pem.privateKey(broker.ca().self().privateKey()));
        assertThat(cli("fleet", "init", "--dir", fleet.toString(), "--tenant", "acme", "--broker", broker.uri(),
                "--fleet-identity", broker.fleetIdentity(), "--ca-cert", caCert.toString(), "--ca-key", caKey.toString(),
                "--claim", "kiosk-1")).as(err).isZero();
        Matcher m = Pattern.compile("claim\\s+(claim-\\S+) for kiosk-1, expires \\S+: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(2));
    }

    private static FleetConnections connections(Path fleet) {
        return new FleetConnections(FleetDirectory.open(fleet), new PahoConnector(), b -> b);
    }

    private static String fleetStatus(StateDirectory state) {
        try {
            return Files.readString(state.root().resolve("provisioning").resolve(FleetStatus.FILE));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aDeviceWithOnlyAClaimEnrollsConnectsAndReports(MosquittoBroker broker, FreeRdpShadowServer server) throws Exception {
        Path fleet = tmp.resolve("fleet");
        Path bundle = fleetInit(broker, fleet);
        StateDirectory state = new StateDirectory(tmp.resolve("state"));
        Path provisioning = Files.createDirectories(state.root().resolve("provisioning"));
        Files.copy(bundle, provisioning.resolve("claim.json")); // the default claimFile
        PasswordStore.of(state).store(server.password().toCharArray());
        Path config = Files.writeString(tmp.resolve("porthole.json"), agentConfig(broker, server, 0));

        List<MqttMessage> seen = new CopyOnWriteArrayList<>();
        DeviceAddress kiosk = new DeviceAddress("acme", "kiosk-1");
        StringWriter log = new StringWriter();
        ObjectNode birth;
        try (EnrollmentResponder responder = new EnrollmentResponder(connections(fleet), InstantSource.system(),
                Duration.ofDays(30));
             MqttLink watch = connections(fleet).connected("watch", Duration.ofSeconds(20))) {
            watch.subscribe(kiosk.topics().base() + "/#", 1, seen::add);
            responder.start();
            assertThat(responder.awaitConnected(Duration.ofSeconds(20))).isTrue();
            try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                    SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
                FleetAgent.attach(agent, "test", FAST);
                await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
                await("fleet link started", () -> log.toString().contains("run: fleet link started"), log);
                assertThat(responder.issuedCount()).isEqualTo(1);
                assertThat(fleetStatus(state)).contains("\"phase\":\"started\"").contains("acme/kiosk-1");
                Path key = provisioning.resolve("identity").resolve("device.key");
                assertThat(Files.exists(key) ? PosixFilePermissions.toString(Files.getPosixFilePermissions(key)) : "none")
                        .isEqualTo("rw-------");

                // birth from the device's own certificate, with the session counter of this connection
                await("birth", () -> seen.stream().anyMatch(m -> m.topic().equals(kiosk.topics().birth())), log);
                birth = StrictJson.parseObject(seen.stream().filter(m -> m.topic().equals(kiosk.topics().birth()))
                        .findFirst().orElseThrow().payload(), "birth");
                assertThat(birth.path("device").asText()).isEqualTo("kiosk-1");
                assertThat(birth.path("agentVersion").asText()).isEqualTo("test");
                assertThat(birth.path("session").asLong()).isPositive();
                assertThat(birth.path("hardware").path("display").asText()).isEqualTo("headless 1024x768");

                // a pushed document is applied and reported
                await("fleet ping", () -> cli("fleet", "command", "--dir", fleet.toString(), "--device", "kiosk-1",
                        "ping") == 0, log);
                Files.writeString(fleet.resolve("layers/fleet.json"), agentConfig(broker, server, 600));
                assertThat(cli("fleet", "push", "--dir", fleet.toString())).as(err).isZero();
                await("idle timeout applied", () -> agent.machine().settings().idleTimeout().equals(Duration.ofMinutes(10)),
                        log);
                await("reported applied", () -> cli("fleet", "status", "--dir", fleet.toString(), "--settle", "500ms") == 0
                        && Pattern.compile("kiosk-1\\s+online\\s+\\d+\\s+1\\s+applied").matcher(out).find(), log);

                // telemetry of the live session: a measured frame rate and round trip; a terminal that keeps
                // printing on the shared desktop makes the server send updates, so frames are presented
                ProcessBuilder pb = new ProcessBuilder("xterm", "-geometry", "60x10+0+0", "-e", "sh", "-c",
                        "while :; do date +%N; sleep 0.05; done").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().putAll(server.desktop().display().environment());
                Process ticker = pb.start();
                ObjectNode t;
                try {
                    java.util.function.Predicate<MqttMessage> moving = m -> m.topic().equals(kiosk.topics()
                            .telemetry("session")) && StrictJson.parseObject(m.payload(), "telemetry").path("fps").asDouble() > 0;
                    await("session telemetry with frames presented", () -> seen.stream().anyMatch(moving), log);
                    t = StrictJson.parseObject(seen.stream().filter(moving).findFirst().orElseThrow().payload(), "telemetry");
                } finally {
                    ticker.destroyForcibly();
                }
                assertThat(t.path("state").asText()).isEqualTo("active");
                assertThat(t.path("fps").isNumber()).as(t.toString()).isTrue();
                assertThat(t.path("rttMs").isNumber()).as(t.toString()).isTrue();
                await("system telemetry", () -> seen.stream().anyMatch(m ->
                        m.topic().equals(kiosk.topics().telemetry("system")) && m.payloadText().contains("memTotalBytes")), log);
                System.out.println("session telemetry: " + t);
            }
            long firstSession = birth.path("session").asLong();

            // a restart: the stored identity is used (no second enrollment) and the birth carries the next session
            seen.clear();
            StringWriter log2 = new StringWriter();
            try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                    SystemdNotifier.disabled(), new PrintWriter(log2, true)))) {
                FleetAgent.attach(agent, "test", FAST);
                await("fleet link started again", () -> log2.toString().contains("run: fleet link started"), log2);
                await("second birth", () -> seen.stream().anyMatch(m -> m.topic().equals(kiosk.topics().birth())
                        && StrictJson.parseObject(m.payload(), "birth").path("session").asLong() > firstSession), log2);
                assertThat(responder.issuedCount()).isEqualTo(1);
                assertThat(log2.toString()).doesNotContain("fleet enrolling");
            }
        }
    }

    @Test
    void aWrongClaimIsAClearErrorAndNoStorm(MosquittoBroker broker, FreeRdpShadowServer server) throws Exception {
        Path fleet = tmp.resolve("fleet");
        Path bundle = fleetInit(broker, fleet);
        ObjectNode wrong = StrictJson.parseObject(Files.readAllBytes(bundle), "bundle");
        byte[] other = new byte[32];
        java.util.Arrays.fill(other, (byte) 7);
        wrong.put("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(other));
        StateDirectory state = new StateDirectory(tmp.resolve("state"));
        Path claim = tmp.resolve("image/claim.json");
        Files.createDirectories(claim.getParent());
        Files.write(claim, StrictJson.bytes(wrong));
        PasswordStore.of(state).store(server.password().toCharArray());
        String cfg = agentConfig(broker, server, 0).replace("\"tenant\": \"acme\"",
                "\"tenant\": \"acme\", \"claimFile\": \"" + claim + "\"");
        Path config = Files.writeString(tmp.resolve("porthole.json"), cfg);

        StringWriter log = new StringWriter();
        try (EnrollmentResponder responder = new EnrollmentResponder(connections(fleet), InstantSource.system(),
                Duration.ofDays(30))) {
            responder.start();
            assertThat(responder.awaitConnected(Duration.ofSeconds(20))).isTrue();
            try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                    SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
                FleetAgent.attach(agent, "test", FAST);
                await("refusal reported", () -> log.toString().contains("run: fleet failed: enrollment refused"), log);
                assertThat(log.toString()).contains("waiting for a new claim file");
                assertThat(fleetStatus(state)).contains("\"phase\":\"failed\"").contains("enrollment refused");
                cli("status", "--state-dir", state.root().toString());
                assertThat(out).containsPattern("fleet: +failed — enrollment refused for claim claim-\\S+: \\S+");
                await("in session despite the fleet", () -> agent.machine().state() == BootState.IN_SESSION, log);
                assertThat(responder.refusedCount()).isEqualTo(1);

                // give a retry storm the chance to show (many claim polls), then hand over the right claim
                Thread.sleep(FAST.claimPoll().multipliedBy(20));
                assertThat(responder.refusedCount()).isEqualTo(1);
                Files.copy(bundle, claim, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                await("fleet link started", () -> log.toString().contains("run: fleet link started"), log);
                assertThat(responder.refusedCount()).isEqualTo(1);
                assertThat(responder.issuedCount()).isEqualTo(1);
                assertThat(Files.readString(state.root().resolve("provisioning").resolve(FleetStatus.FILE),
                        StandardCharsets.UTF_8)).contains("\"phase\":\"started\"");
            }
        }
    }
}
