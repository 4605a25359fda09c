package dev.porthole.provisioning.mqtt;

import static dev.porthole.provisioning.BrokerFixtures.WAIT;
import static dev.porthole.provisioning.BrokerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.porthole.provisioning.BrokerFixtures;
import dev.porthole.provisioning.BrokerFixtures.Inbox;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.MqttClient;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;

/**
 * The MQTT link against the testbed's real Mosquitto (mutual TLS, per-device ACL), once with each MQTT client
 * library underneath.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(MqttClient.class)
@ExtendWith(MosquittoExtension.class)
class MqttLinkTest {

    @Parameter
    MqttClient client;

    // Both runs share one broker: topics carry the client's name, so retained messages of one run never reach the other.

    private MqttLink connected(LinkSettings settings) {
        return BrokerFixtures.connected(client.connector(), settings);
    }

    @Test
    void carriesEveryMqtt5PropertyWeUseBothWays(MosquittoBroker broker) {
        String base = "porthole/v1/props-" + client + "/dev-p/";
        Inbox atDevice = new Inbox();
        Inbox atFleet = new Inbox();
        try (MqttLink fleet = connected(settings(broker, broker.fleetIdentity()).build());
             MqttLink device = connected(settings(broker, "dev-p").build())) {
            assertThat(device.subscribe(base + "cmd/+", 1, atDevice::add)).isEqualTo(1);
            assertThat(fleet.subscribe(base + "rsp", 1, atFleet::add)).isEqualTo(1);

            MqttMessage request = MqttMessage.to(base + "cmd/ping").payload("{\"n\":1}").qos(1)
                    .contentType("application/json").responseTopic(base + "rsp")
                    .correlationData(new byte[] {1, 2, 3, (byte) 0xff}).messageExpiry(Duration.ofSeconds(30))
                    .userProperty("schema", "porthole.cmd/v1").userProperty("trace", "t-1").build();
            fleet.publishAndWait(request);
            MqttMessage got = atDevice.awaitTopic(base + "cmd/ping");
            assertThat(got.payloadText()).isEqualTo("{\"n\":1}");
            assertThat(got.qos()).isEqualTo(1);
            assertThat(got.retained()).isFalse();
            assertThat(got.contentType()).contains("application/json");
            assertThat(got.responseTopic()).contains(base + "rsp");
            assertThat(got.correlationData()).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 2, 3, 0xff));
            // the broker forwards the remaining expiry (at most what was sent)
            assertThat(got.messageExpirySeconds()).isPresent();
            assertThat(got.messageExpirySeconds().getAsLong()).isBetween(1L, 30L);
            assertThat(got.userProperties()).containsExactly(new UserProperty("schema", "porthole.cmd/v1"),
                    new UserProperty("trace", "t-1"));

            device.publishAndWait(MqttMessage.to(got.responseTopic().orElseThrow()).payload("pong")
                    .correlationData(got.correlationData().orElseThrow()).build());
            MqttMessage reply = atFleet.awaitTopic(base + "rsp");
            assertThat(reply.payloadText()).isEqualTo("pong");
            assertThat(reply.correlationData()).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 2, 3, 0xff));
        }
    }

    @Test
    void retainedMessagesReachLateSubscribersUntilTheyExpire(MosquittoBroker broker) throws Exception {
        String base = "porthole/v1/retain-" + client + "/dev-r/";
        try (MqttLink fleet = connected(settings(broker, broker.fleetIdentity()).build())) {
            fleet.publishAndWait(MqttMessage.to(base + "config/desired").payload("keep").retained(true).build());
            fleet.publishAndWait(MqttMessage.to(base + "state").payload("short-lived").retained(true)
                    .messageExpirySeconds(1).build());
        }
        Thread.sleep(2_100);
        Inbox inbox = new Inbox();
        try (MqttLink device = connected(settings(broker, "dev-r").build())) {
            device.subscribe(base + "#", 1, inbox::add);
            MqttMessage kept = inbox.awaitTopic(base + "config/desired");
            assertThat(kept.retained()).isTrue();
            assertThat(kept.payloadText()).isEqualTo("keep");
            MqttMessage more = inbox.poll(500);
            assertThat(more).as("the expired retained message must be gone").isNull();
        }
    }

    @Test
    void lastWillIsPublishedOnAbruptLossButNotOnCleanClose(MosquittoBroker broker) {
        String state = "porthole/v1/will-" + client + "/dev-w/state";
        Inbox inbox = new Inbox();
        try (MqttLink fleet = connected(settings(broker, broker.fleetIdentity()).build())) {
            fleet.subscribe(state, 1, inbox::add);
            int[] session = {0};
            LinkSettings s = settings(broker, "dev-w")
                    .will(() -> MqttMessage.to(state).payload("offline " + (++session[0])).retained(true).build())
                    .build();

            MqttLink clean = connected(s);
            clean.close();
            MqttLink crashed = connected(s);
            crashed.closeAbruptly();

            MqttMessage will = inbox.awaitTopic(state);
            assertThat(will.payloadText()).as("only the second connection's will (a clean close sends none)")
                    .isEqualTo("offline 2");
            MqttMessage extra = inbox.poll(300);
            assertThat(extra).as("no other will, got %s", extra == null ? "" : extra.payloadText()).isNull();
        }
    }

    @Test
    void reconnectsAfterBrokerRestartWithJitteredBackoffAndRemakesSubscriptions(MosquittoBroker broker)
            throws Exception {
        String base = "porthole/v1/restart-" + client + "/dev-b/";
        Inbox inbox = new Inbox();
        List<Duration> delays = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<Integer> connects = new LinkedBlockingQueue<>();
        MqttLink device = new MqttLink(client.connector(), settings(broker, "dev-b").build());
        device.addListener(new LinkListener() {
            @Override
            public void connected(int connectCount, boolean sessionPresent) {
                connects.add(connectCount);
            }

            @Override
            public void reconnectScheduled(int attempt, Duration delay) {
                delays.add(delay);
            }
        });
        device.subscribe(base + "cmd/#", 1, inbox::add);
        device.start();
        try {
            assertThat(connects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
            broker.stop();
            Thread.sleep(1_500); // a few failed attempts while it is down
            broker.start();
            assertThat(connects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(2);
            assertThat(delays).hasSizeGreaterThanOrEqualTo(2);
            for (int i = 0; i < delays.size(); i++) {
                assertThat(delays.get(i)).as("delay %d within its cap", i)
                        .isLessThanOrEqualTo(BrokerFixtures.FAST.cap(i));
            }
            assertThat(delays.stream().distinct().count()).as("jittered, not fixed: %s", delays).isGreaterThan(1);

            try (MqttLink fleet = connected(settings(broker, broker.fleetIdentity()).build())) {
                fleet.publishAndWait(MqttMessage.to(base + "cmd/ping").payload("after restart").build());
            }
            assertThat(inbox.awaitTopic(base + "cmd/ping").payloadText()).isEqualTo("after restart");
        } finally {
            device.close();
        }
    }

    @Test
    void publishOutsideTheAclIsRefusedWithNotAuthorized(MosquittoBroker broker) {
        try (MqttLink device = connected(settings(broker, "dev-a").build())) {
            assertThatThrownBy(() -> device.publishAndWait(
                    MqttMessage.to("porthole/v1/acl/dev-b/config/reported").payload("forged").build()))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.NOT_AUTHORIZED))
                    .hasMessageContaining("porthole/v1/acl/dev-b/config/reported").hasMessageContaining("0x87");
        }
    }

    @Test
    void publishWhileDisconnectedFailsAtOnce(MosquittoBroker broker) {
        MqttLink device = new MqttLink(client.connector(), settings(broker, "dev-d").build());
        assertThat(device.publish(MqttMessage.to("porthole/v1/x/dev-d/state").build()))
                .failsWithin(Duration.ofMillis(100))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ProvisioningException.class).withMessageContaining("not connected");
        device.close();
    }

    @Test
    void brokerDropsPacketsLargerThanOurMaximumAndDeliversTheRest(MosquittoBroker broker) {
        String base = "porthole/v1/size-" + client + "/dev-s/";
        Inbox inbox = new Inbox();
        try (MqttLink fleet = connected(settings(broker, broker.fleetIdentity()).maximumPacketSize(4 << 20).build());
             MqttLink device = connected(settings(broker, "dev-s").maximumPacketSize(64 * 1024).build())) {
            device.subscribe(base + "#", 1, inbox::add);
            fleet.publishAndWait(MqttMessage.to(base + "big").payload(new byte[1 << 20]).build());
            fleet.publishAndWait(MqttMessage.to(base + "small").payload("ok").build());
            MqttMessage first = inbox.await(m -> true, "any");
            assertThat(first.topic()).isEqualTo(base + "small");
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void certificateFromAnotherCaIsRefusedAndRetriedWithBackoff(MosquittoBroker broker) throws Exception {
        TlsMaterial.Authority stranger = TlsMaterial.newAuthority("not the broker's CA");
        TlsMaterial.Issued cert = stranger.issueClient("dev-x");
        // trust the broker, present a certificate it does not trust
        javax.net.ssl.SSLContext ctx = dev.porthole.provisioning.pki.TlsContexts.clientContext(cert.privateKey(),
                cert.chain(), List.of(broker.ca().certificate()));
        LinkedBlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        MqttLink device = new MqttLink(client.connector(), settings(broker, "dev-x", ctx).build());
        device.addListener(new LinkListener() {
            @Override
            public void connectFailed(int attempt, Throwable cause) {
                failures.add(cause);
            }
        });
        device.start();
        try {
            Throwable first = failures.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Throwable second = failures.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(first).isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining(broker.uri());
            assertThat(second).as("it keeps trying").isNotNull();
            assertThat(device.isConnected()).isFalse();
        } finally {
            device.close();
        }
    }
}
