package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.cli.PortholeCli;
import dev.porthole.agent.config.AgentConfig;
import dev.porthole.provisioning.json.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim-file checks that need no broker: none of these cases may reach the network (the connector is null). */
class FirstBootEnrollmentTest {

    private static final FirstBootEnrollment.Tuning FAST = new FirstBootEnrollment.Tuning(Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(20));

    @TempDir
    Path tmp;

    private final LinkedBlockingQueue<FleetStatus> statuses = new LinkedBlockingQueue<>();

    private ObjectNode claim() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path fleet = tmp.resolve("fleet");
        assertThat(PortholeCli.run(new String[] {"fleet", "init", "--dir", fleet.toString(), "--tenant", "acme", "--broker",
                "ssl://127.0.0.1:1", "--claim", "kiosk-1"}, new PrintWriter(out, true), new PrintWriter(err, true)))
                .as(err.toString()).isZero();
        Matcher m = Pattern.compile("for kiosk-1, expires \\S+: (\\S+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return StrictJson.parseObject(Files.readAllBytes(Path.of(m.group(1))), "claim");
    }

    private Thread start(String tenant, Path claimFile) {
        AgentConfig.Provisioning p = new AgentConfig.Provisioning(true, java.net.URI.create("ssl://127.0.0.1:1"), tenant,
                null, null, claimFile, 60);
        FirstBootEnrollment e = new FirstBootEnrollment(p, tmp.resolve("state"), claimFile, null, InstantSource.system(),
                new SplittableRandom(1), FAST, statuses::add);
        return Thread.ofVirtual().start(() -> {
            try {
                e.run();
                statuses.add(new FleetStatus("returned", ""));
            } catch (InterruptedException ex) {
                statuses.add(new FleetStatus("interrupted", ""));
            } catch (RuntimeException ex) {
                statuses.add(new FleetStatus("crashed", ex.toString()));
            }
        });
    }

    private FleetStatus next() throws InterruptedException {
        FleetStatus s = statuses.poll(30, TimeUnit.SECONDS);
        assertThat(s).as("a status").isNotNull();
        return s;
    }

    @Test
    void withoutAClaimFileItWaitsAndSaysWhere() throws Exception {
        Path claimFile = tmp.resolve("claim.json");
        Thread t = start("acme", claimFile);
        FleetStatus s = next();
        assertThat(s.phase()).isEqualTo("waiting");
        assertThat(s.detail()).contains(claimFile.toString());
        // a file that is not a claim bundle: one clear error, then it waits for a change
        Files.writeString(claimFile, "{\"schema\": \"nope\"}");
        s = next();
        assertThat(s.phase()).isEqualTo("failed");
        assertThat(s.detail()).contains("is not a claim bundle").contains("waiting for a new claim file");
        t.interrupt();
        assertThat(next().phase()).isEqualTo("interrupted"); // nothing was reported in between: no repeats
        t.join();
    }

    @Test
    void anExpiredClaimOrAnotherTenantIsRefusedWithoutTheNetwork() throws Exception {
        ObjectNode claim = claim();
        Path claimFile = tmp.resolve("claim.json");
        ObjectNode expired = claim.deepCopy();
        expired.put("expiresAt", Instant.now().minus(Duration.ofDays(1)).toString());
        Files.write(claimFile, StrictJson.bytes(expired));
        Thread t = start("acme", claimFile);
        FleetStatus s = next();
        assertThat(s.phase()).isEqualTo("failed");
        assertThat(s.detail()).contains("expired at").contains("waiting for a new claim file");
        t.interrupt();
        assertThat(next().phase()).isEqualTo("interrupted");
        t.join();

        statuses.clear();
        Files.write(claimFile, StrictJson.bytes(claim));
        Thread other = start("globex", claimFile);
        s = next();
        assertThat(s.phase()).isEqualTo("failed");
        assertThat(s.detail()).contains("for tenant 'acme'").contains("provisioning.tenant is 'globex'");
        other.interrupt();
        assertThat(next().phase()).isEqualTo("interrupted");
        other.join();
    }

    @Test
    void anUnreachableBrokerIsRetriedAfterABackoff() throws Exception {
        ObjectNode claim = claim(); // its broker is ssl://127.0.0.1:1: nothing listens there
        Path claimFile = tmp.resolve("claim.json");
        Files.write(claimFile, StrictJson.bytes(claim));
        AgentConfig.Provisioning p = new AgentConfig.Provisioning(true, java.net.URI.create("ssl://127.0.0.1:1"), "acme",
                null, null, claimFile, 60);
        FirstBootEnrollment e = new FirstBootEnrollment(p, tmp.resolve("state"), claimFile,
                new dev.porthole.provisioning.mqtt.paho.PahoConnector(), InstantSource.system(), new SplittableRandom(3),
                FAST, statuses::add);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                e.run();
            } catch (InterruptedException ex) {
                statuses.add(new FleetStatus("interrupted", ""));
            }
        });
        assertThat(next().phase()).isEqualTo("enrolling");
        FleetStatus failed = next();
        assertThat(failed.phase()).isEqualTo("failed");
        assertThat(failed.detail()).contains("could not connect to the broker").contains("next attempt in");
        FleetStatus again = next();
        assertThat(again.phase()).isEqualTo("enrolling");
        assertThat(again.detail()).contains("(attempt 2)");
        t.interrupt();
        t.join();
        assertThat(Files.exists(tmp.resolve("state/identity/identity.json"))).isFalse();
    }

    @Test
    void retryDelaysGrowWithJitterAndNeverCollapseToZero() {
        FirstBootEnrollment e = new FirstBootEnrollment(AgentConfig.Provisioning.defaults(), tmp, tmp.resolve("c"), null,
                InstantSource.system(), new SplittableRandom(7), FirstBootEnrollment.Tuning.DEFAULT, s -> { });
        for (int attempt = 0; attempt < 12; attempt++) {
            Duration d = e.retryDelay(attempt);
            Duration cap = Duration.ofSeconds(5).multipliedBy(1L << Math.min(attempt, 10));
            cap = cap.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : cap;
            assertThat(d).isBetween(cap.dividedBy(2), cap);
        }
    }
}
