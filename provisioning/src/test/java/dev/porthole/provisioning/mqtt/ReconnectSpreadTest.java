package dev.porthole.provisioning.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.porthole.provisioning.ProvisioningException;

/**
 * A broker restart seen by a fleet of 200 links: every link loses its connection at the same instant and the broker
 * stays down, so each link walks its reconnect schedule. The schedules are what {@link MqttLink} computed and asked
 * its {@link Sleeper} for (recorded, not slept), so the test checks the spread of reconnect times without measuring
 * any clock: the fleet does not come back as one burst.
 */
class ReconnectSpreadTest {

    private static final int DEVICES = 200;
    private static final int ATTEMPTS = 6;
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 2.0);

    /** The broker: accepts one connection per link, then is down (every later attempt fails). */
    private static final class RestartingBroker implements MqttConnector {
        final List<MqttConnection.Listener> connected = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        final CountDownLatch allUp = new CountDownLatch(DEVICES);

        @Override
        public MqttConnection connect(ConnectSpec spec, MqttConnection.Listener listener) {
            if (down.get()) {
                throw new ProvisioningException(ProvisioningException.Kind.CONNECTION, "connection refused: "
                        + spec.serverUri());
            }
            connected.add(listener);
            allUp.countDown();
            return new MqttConnection() {
                @Override
                public boolean sessionPresent() {
                    return false;
                }

                @Override
                public CompletableFuture<Integer> publish(MqttMessage message) {
                    return CompletableFuture.completedFuture(0);
                }

                @Override
                public List<Integer> subscribe(List<Subscription> subscriptions, Duration timeout) {
                    return subscriptions.stream().map(Subscription::qos).toList();
                }

                @Override
                public void unsubscribe(List<String> filters, Duration timeout) {}

                @Override
                public void disconnect(Duration timeout) {}

                @Override
                public void close() {}
            };
        }

        void restart() {
            down.set(true);
            connected.forEach(l -> l.connectionLost(new ProvisioningException(
                    ProvisioningException.Kind.CONNECTION, "broker restarted")));
        }
    }

    @Test
    void aFleetThatLostItsBrokerTogetherReconnectsSpreadOverTheBackoffWindows() throws Exception {
        RestartingBroker broker = new RestartingBroker();
        List<List<Duration>> schedules = new ArrayList<>();
        CountDownLatch recorded = new CountDownLatch(DEVICES);
        List<MqttLink> links = new ArrayList<>();
        SSLContext tls = SSLContext.getDefault();
        for (int i = 0; i < DEVICES; i++) {
            List<Duration> schedule = new CopyOnWriteArrayList<>();
            schedules.add(schedule);
            Sleeper recording = d -> {
                schedule.add(d);
                if (schedule.size() == ATTEMPTS) {
                    recorded.countDown();
                }
                if (schedule.size() >= ATTEMPTS) {
                    Thread.sleep(Duration.ofHours(1)); // enough recorded: wait here until the link closes
                }
            };
            MqttLink link = new MqttLink(broker, LinkSettings.builder(URI.create("ssl://127.0.0.1:8883"),
                    "dev-" + i, tls).backoff(BACKOFF).random(new SplittableRandom(i)).sleeper(recording).build());
            links.add(link);
            link.start();
        }
        try {
            assertThat(broker.allUp.await(30, TimeUnit.SECONDS)).as("all links connected once").isTrue();
            broker.restart();
            assertThat(recorded.await(30, TimeUnit.SECONDS)).as("every link scheduled %d reconnects", ATTEMPTS)
                    .isTrue();
        } finally {
            links.forEach(MqttLink::close);
        }

        // each schedule: full jitter under a cap that doubles
        for (List<Duration> schedule : schedules) {
            List<Duration> first = schedule.subList(0, ATTEMPTS);
            for (int k = 0; k < ATTEMPTS; k++) {
                assertThat(first.get(k)).isBetween(Duration.ZERO, BACKOFF.cap(k));
            }
        }

        // the fleet: reconnect times after the restart (sums of the delays) for the first and the third attempt
        for (int attempt : new int[] {0, 2}) {
            long window = 0;
            for (int k = 0; k <= attempt; k++) {
                window += BACKOFF.cap(k).toMillis();
            }
            long[] at = new long[DEVICES];
            for (int d = 0; d < DEVICES; d++) {
                long t = 0;
                for (int k = 0; k <= attempt; k++) {
                    t += schedules.get(d).get(k).toMillis();
                }
                at[d] = t;
            }
            int[] buckets = new int[10];
            for (long t : at) {
                buckets[(int) Math.min(9, t * 10 / window)]++;
            }
            int busiest = java.util.Arrays.stream(buckets).max().orElseThrow();
            long distinct = java.util.Arrays.stream(at).distinct().count();
            assertThat(busiest).as("attempt %d: the busiest tenth of the %d ms window holds at most a quarter of the"
                    + " fleet (a burst would hold all %d): %s", attempt, window, DEVICES,
                    java.util.Arrays.toString(buckets)).isLessThanOrEqualTo(DEVICES / 4);
            assertThat(distinct).as("attempt %d: reconnect times (ms) nearly all distinct", attempt)
                    .isGreaterThanOrEqualTo(DEVICES * 9L / 10);
            long spread = java.util.Arrays.stream(at).max().orElseThrow() - java.util.Arrays.stream(at).min()
                    .orElseThrow();
            assertThat(spread).as("attempt %d: spread over most of its window", attempt)
                    .isGreaterThanOrEqualTo(window * 7 / 10);
        }
    }
}
