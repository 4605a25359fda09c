package dev.porthole.provisioning;

import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import dev.porthole.provisioning.mqtt.Backoff;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.pki.TlsContexts;
import dev.porthole.testbed.mosquitto.MosquittoBroker;

/** Links to the testbed's real Mosquitto for tests: short timeouts, fast backoff, seeded jitter. */
public final class BrokerFixtures {

    /** How long a test waits for something that should happen. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Fast backoff for tests: 100 ms doubling up to 1 s. */
    public static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    private BrokerFixtures() {}

    /** Settings for {@code identity} with the broker's client certificate for it. */
    public static LinkSettings.Builder settings(MosquittoBroker broker, String identity) {
        var issued = broker.clientCertificate(identity);
        return settings(broker, identity, TlsContexts.clientContext(issued.privateKey(), issued.chain(),
                java.util.List.of(broker.ca().certificate())));
    }

    public static LinkSettings.Builder settings(MosquittoBroker broker, String clientId, SSLContext ssl) {
        return LinkSettings.builder(URI.create(broker.uri()), clientId, ssl)
                .backoff(FAST)
                .random(new SplittableRandom(clientId.hashCode()))
                .connectTimeout(Duration.ofSeconds(5))
                .operationTimeout(Duration.ofSeconds(5))
                .keepAlive(Duration.ofSeconds(10))
                .cleanStart(true)
                .sessionExpiry(Duration.ZERO);
    }

    /** A started, connected link through {@code connector}. */
    public static MqttLink connected(MqttConnector connector, LinkSettings settings) {
        MqttLink link = new MqttLink(connector, settings);
        link.start();
        if (!link.awaitConnected(WAIT)) {
            link.close();
            throw new AssertionError(settings.clientId() + " did not connect within " + WAIT);
        }
        return link;
    }

    /** A queue collecting messages, with bounded waits. */
    public static final class Inbox {
        private final BlockingQueue<MqttMessage> queue = new LinkedBlockingQueue<>();

        public void add(MqttMessage m) {
            queue.add(m);
        }

        /** The next message matching {@code p} within {@link #WAIT}, skipping others; fails otherwise. */
        public MqttMessage await(Predicate<MqttMessage> p, String what) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    MqttMessage m = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (m == null) {
                        throw new AssertionError("no message " + what + " within " + WAIT);
                    }
                    if (p.test(m)) {
                        return m;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }

        public MqttMessage awaitTopic(String topic) {
            return await(m -> m.topic().equals(topic), "on " + topic);
        }

        /** The next message within {@code millis}, or null. */
        public MqttMessage poll(long millis) {
            try {
                return queue.poll(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
