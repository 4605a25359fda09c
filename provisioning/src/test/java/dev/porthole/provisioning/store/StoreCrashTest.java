package dev.porthole.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.Fixtures;
import dev.porthole.provisioning.config.Verdict;
import dev.porthole.provisioning.device.ConfigAgent;
import dev.porthole.provisioning.device.FakeApplier;

/**
 * Power cut during configuration writes: a child JVM writes documents into the store in a loop and is killed with
 * SIGKILL at a random moment, again and again; after every kill the store must open, every good document must
 * verify, and nothing the child saw committed may be lost.
 */
class StoreCrashTest {

    private static final int ROUNDS = 12;

    @TempDir
    Path state;

    @Test
    void killMinusNineInALoopNeverCorruptsTheStore() throws Exception {
        Random random = new Random(7);
        ConfigVerifier verifier = ConfigVerifier.trusting(Fixtures.fleetKey().getPublic());
        long totalCommitted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StoreWriterProbe.class.getName(), state.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong lastCommitted = new AtomicLong();
            AtomicReference<String> ready = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("ready")) {
                            synchronized (ready) {
                                ready.set(line);
                                ready.notifyAll();
                            }
                        } else if (line.startsWith("committed ")) {
                            lastCommitted.set(Long.parseLong(line.substring(10)));
                        }
                    }
                } catch (Exception e) {
                    // the child died
                }
            });
            synchronized (ready) {
                long deadline = System.currentTimeMillis() + 20_000;
                while (ready.get() == null && System.currentTimeMillis() < deadline && child.isAlive()) {
                    ready.wait(100);
                }
            }
            assertThat(ready.get()).as("round %d: the child did not start", round).isNotNull();
            // let it commit a few documents (however loaded the machine is), then kill it at a random moment
            long floorBefore = Long.parseLong(ready.get().substring("ready floor=".length()));
            long want = floorBefore + 1 + random.nextInt(5);
            long until = System.currentTimeMillis() + 20_000;
            while (lastCommitted.get() < want && child.isAlive() && System.currentTimeMillis() < until) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(40));
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            long committed = lastCommitted.get();

            ConfigStore store = ConfigStore.open(state);
            List<Long> good = store.goodVersions();
            assertThat(good).as("round %d", round).hasSizeLessThanOrEqualTo(ConfigStore.KEEP_GOOD)
                    .isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(store.currentVersion()).as("round %d: a commit the child saw complete was lost", round)
                    .isGreaterThanOrEqualTo(committed);
            assertThat(store.floor()).isGreaterThanOrEqualTo(store.currentVersion());
            for (long v : good) {
                byte[] bytes = store.document(v).orElseThrow();
                Verdict verdict = verifier.verifyStored(bytes, Fixtures.SELF);
                assertThat(verdict).as("round %d: doc-%d.jws", round, v).isInstanceOf(Verdict.Accepted.class);
                assertThat(((Verdict.Accepted) verdict).document().version()).isEqualTo(v);
            }
            store.staged().ifPresent(s -> assertThat(verifier.verifyStored(s.bytes(), Fixtures.SELF))
                    .isInstanceOf(Verdict.Accepted.class));
            try (var files = Files.list(state.resolve("config"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList())
                        .as("temporary files after open").isEmpty();
            }
            // the device boots from it, offline
            ConfigAgent agent = new ConfigAgent(Fixtures.SELF, verifier, ConfigStore.open(state), new FakeApplier(),
                    java.time.InstantSource.system(), r -> { });
            if (store.currentVersion() > 0) {
                assertThat(agent.boot()).isPresent();
            }
            totalCommitted = Math.max(totalCommitted, committed);
        }
        assertThat(totalCommitted).as("the children made progress").isGreaterThan(ROUNDS);
    }
}
