package dev.porthole.agent.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.agent.cli.PortholeCli;
import dev.porthole.provisioning.command.CommandService;
import dev.porthole.provisioning.command.DeviceControl;
import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.device.ApplyResult;
import dev.porthole.provisioning.device.ConfigAgent;
import dev.porthole.provisioning.device.DeviceInfo;
import dev.porthole.provisioning.device.FleetLink;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.DeviceIdentity;
import dev.porthole.provisioning.enroll.Enrollment;
import dev.porthole.provisioning.mqtt.Backoff;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.store.ConfigStore;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;

/** {@code ./porthole fleet ...} end to end against the real Mosquitto, with a device wired from the provisioning API. */
@ExtendWith(MosquittoExtension.class)
class FleetCliTest {

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = PortholeCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void initEnrollPushStatusCommandRollback(MosquittoBroker broker) throws Exception {
        Path dir = tmp.resolve("fleet");
        Path caCert = tmp.resolve("ca.pem");
        Path caKey = tmp.resolve("ca.key");
        broker.ca().writeCertificatePem(caCert);
        Files.writeString(caKey, Pem.privateKey(broker.ca().self().privateKey()));

        assertThat(run("fleet", "init", "--dir", dir.toString(), "--tenant", "acme", "--broker", broker.uri(),
                "--fleet-identity", broker.fleetIdentity(), "--ca-cert", caCert.toString(), "--ca-key",
                caKey.toString(), "--claim", "kiosk-1")).as(err).isZero();
        Matcher m = Pattern.compile("claim\\s+(claim-\\S+) for kiosk-1, expires \\S+: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        Path bundleFile = Path.of(m.group(2));
        assertThat(run("fleet", "init", "--dir", dir.toString(), "--tenant", "acme", "--broker", broker.uri()))
                .isEqualTo(1);
        assertThat(err).contains("already holds a fleet");

        Thread responder = Thread.ofPlatform().start(() -> run("fleet", "enroll-responder", "--dir", dir.toString(),
                "--duration", "25s"));
        try {
            // the device side, as the device agent will wire it
            Path state = tmp.resolve("device");
            DeviceIdentity id = new Enrollment(new PahoConnector(), InstantSource.system(), Duration.ofSeconds(2))
                    .enroll(ClaimBundle.parse(Files.readAllBytes(bundleFile)), null, state, b -> b.backoff(
                            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2)), Duration.ofSeconds(20));
            AtomicInteger reconnects = new AtomicInteger();
            ConfigAgent config = new ConfigAgent(id.address(), id.configVerifier(), ConfigStore.open(state),
                    (doc, reason) -> ApplyResult.applied(), InstantSource.system(), r -> { });
            config.boot();
            FleetLink link = new FleetLink(id.address(), new PahoConnector(),
                    LinkSettings.builder(id.broker(), id.address().device(), id.sslContext())
                            .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2)),
                    state, config, new DeviceInfo("test", "test", Map.of()), InstantSource.system());
            CommandService.standard(id.address(), link.link(), new DeviceControl() {
                @Override
                public void reconnectSession() {
                    reconnects.incrementAndGet();
                }

                @Override
                public byte[] screenshotPng() {
                    try {
                        ByteArrayOutputStream png = new ByteArrayOutputStream();
                        ImageIO.write(new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB),
                                "png", png);
                        return png.toByteArray();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }, InstantSource.system(), link::sessionCounter).register();
            link.start();
            try {
                assertThat(link.link().awaitConnected(Duration.ofSeconds(10))).isTrue();

                Files.writeString(dir.resolve("layers/fleet.json"), "{\"rdp\":{\"server\":\"one.example\"}}");
                assertThat(run("fleet", "push", "--dir", dir.toString())).as(err).isZero();
                assertThat(out).contains("kiosk-1  v1").contains("1 published, 0 unchanged");
                awaitVersion(config, 1);

                assertThat(run("fleet", "status", "--dir", dir.toString(), "--settle", "500ms")).as(err).isZero();
                assertThat(out).containsPattern("kiosk-1\\s+online\\s+1\\s+1\\s+applied");
                assertThat(run("fleet", "status", "--dir", dir.toString(), "--json", "--settle", "500ms")).isZero();
                assertThat(out).contains("\"applied\" : 1").contains("\"config\" : \"applied\"");

                assertThat(run("fleet", "command", "--dir", dir.toString(), "--device", "kiosk-1", "ping", "--arg",
                        "nonce=42")).as(err).isZero();
                assertThat(out).contains("\"pong\" : true").contains("\"nonce\" : \"42\"");
                assertThat(run("fleet", "command", "--dir", dir.toString(), "--device", "kiosk-1", "reconnect"))
                        .isZero();
                assertThat(reconnects.get()).isEqualTo(1);
                Path shot = tmp.resolve("shot.png");
                assertThat(run("fleet", "command", "--dir", dir.toString(), "--device", "kiosk-1", "screenshot",
                        "--out", shot.toString())).as(err).isZero();
                assertThat(ImageIO.read(shot.toFile()).getWidth()).isEqualTo(32);
                assertThat(run("fleet", "command", "--dir", dir.toString(), "--device", "kiosk-1", "logs"))
                        .isEqualTo(1);
                assertThat(err).contains("error unsupported");

                Files.writeString(dir.resolve("layers/fleet.json"), "{\"rdp\":{\"server\":\"two.example\"}}");
                assertThat(run("fleet", "push", "--dir", dir.toString(), "--device", "kiosk-1")).isZero();
                awaitVersion(config, 2);
                assertThat(run("fleet", "rollback", "--dir", dir.toString(), "--device", "kiosk-1")).as(err).isZero();
                assertThat(out).contains("kiosk-1  v3  rollback-to@1");
                awaitVersion(config, 3);
                assertThat(config.current().orElseThrow().settings().path("rdp").path("server").asText())
                        .isEqualTo("one.example");
            } finally {
                link.close();
            }
        } finally {
            responder.interrupt();
        }
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertThat(run("fleet", "push", "--dir", tmp.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err).contains("is not a fleet directory").contains("porthole fleet init");
        assertThat(run("fleet", "init", "--dir", tmp.resolve("x").toString(), "--tenant", "a/b", "--broker",
                "ssl://127.0.0.1:1")).isEqualTo(1);
        assertThat(err).contains("tenant id 'a/b' contains the topic separator '/'");
        assertThat(run("fleet", "push", "--timeout", "soon")).isEqualTo(2);
        assertThat(err).contains("'soon' is not a duration");
        assertThat(run("fleet", "--help")).isZero();
        assertThat(out).contains("init").contains("enroll-responder").contains("push").contains("status")
                .contains("command").contains("rollback");
    }

    private static void awaitVersion(ConfigAgent config, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (config.current().map(ConfigDocument::version).orElse(0L) < version) {
            assertThat(System.nanoTime()).as("device reached v" + version).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
