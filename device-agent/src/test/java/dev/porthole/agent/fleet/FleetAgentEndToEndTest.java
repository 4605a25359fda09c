package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.porthole.agent.boot.AgentRuntime;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.agent.systemd.SystemdNotifier;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.Enrollment;
import dev.porthole.provisioning.mqtt.Backoff;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running agent with its fleet link: real Mosquitto, real FreeRDP shadow session. The fleet CLI
 * sends commands (reconnect, screenshot) and pushes configuration that takes effect without touching
 * the live session.
 */
@ExtendWith({MosquittoExtension.class, FreeRdpShadowExtension.class})
class FleetAgentEndToEndTest extends FleetEndToEndSupport {

    @Test
    void fleetCommandsAndConfigurationReachTheRunningAgent(MosquittoBroker broker, FreeRdpShadowServer server) throws Exception {
        Path fleet = tmp.resolve("fleet");
        Path caCert = tmp.resolve("ca.pem");
        Path caKey = tmp.resolve("ca.key");
        broker.ca().writeCertificatePem(caCert);
        Files.writeString(caKey, Pem.privateKey(broker.ca().self().privateKey()));
        assertThat(cli("fleet", "init", "--dir", fleet.toString(), "--tenant", "acme", "--broker", broker.uri(),
                "--fleet-identity", broker.fleetIdentity(), "--ca-cert", caCert.toString(), "--ca-key", caKey.toString(),
                "--claim", "kiosk-1")).as(err).isZero();
        Matcher m = Pattern.compile("claim\\s+(claim-\\S+) for kiosk-1, expires \\S+: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        Path bundle = Path.of(m.group(2));

        StateDirectory state = new StateDirectory(tmp.resolve("state"));
        Thread responder = Thread.ofPlatform().start(() -> cli("fleet", "enroll-responder", "--dir", fleet.toString(),
                "--duration", "25s"));
        try {
            new Enrollment(new PahoConnector(), InstantSource.system(), Duration.ofSeconds(2)).enroll(
                    ClaimBundle.parse(Files.readAllBytes(bundle)), null, state.root().resolve("provisioning"),
                    b -> b.backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2)), Duration.ofSeconds(20));
        } finally {
            responder.interrupt();
        }

        PasswordStore.of(state).store(server.password().toCharArray());
        Path config = Files.writeString(tmp.resolve("porthole.json"), agentConfig(broker, server, 0));
        StringWriter log = new StringWriter();
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Options(config, "headless", state, "none", -1,
                SystemdNotifier.disabled(), new PrintWriter(log, true)))) {
            FleetAgent.attach(agent, "test");
            await("in session", () -> agent.machine().state() == BootState.IN_SESSION, log);
            await("fleet link up", () -> log.toString().contains("run: fleet link started")
                    && cli("fleet", "command", "--dir", fleet.toString(), "--device", "kiosk-1", "ping") == 0, log);

            int attempts = agent.machine().connectAttempts();
            assertThat(cli("fleet", "command", "--dir", fleet.toString(), "--device", "kiosk-1", "reconnect")).as(err).isZero();
            await("reconnected by command", () -> agent.machine().connectAttempts() == attempts + 1
                    && agent.machine().state() == BootState.IN_SESSION, log);

            Path shot = tmp.resolve("shot.png");
            assertThat(cli("fleet", "command", "--dir", fleet.toString(), "--device", "kiosk-1", "screenshot", "--out",
                    shot.toString())).as(err).isZero();
            assertThat(ImageIO.read(shot.toFile()).getWidth()).isEqualTo(1024);

            // a change the live session does not depend on: applied, the session stays
            Files.writeString(fleet.resolve("layers/fleet.json"), agentConfig(broker, server, 600));
            assertThat(cli("fleet", "push", "--dir", fleet.toString())).as(err).isZero();
            await("idle timeout applied", () -> agent.machine().settings().idleTimeout().equals(Duration.ofMinutes(10)), log);
            assertThat(agent.machine().connectAttempts()).isEqualTo(attempts + 1);
            assertThat(agent.machine().state()).isEqualTo(BootState.IN_SESSION);
            assertThat(cli("fleet", "status", "--dir", fleet.toString(), "--settle", "500ms")).as(err).isZero();
            assertThat(out).containsPattern("kiosk-1\\s+online\\s+1\\s+1\\s+applied");
        }
    }
}
