package dev.porthole.provisioning.mqtt.hivemq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.mqtt.ConnectSpec;
import dev.porthole.provisioning.mqtt.MqttConnection;
import dev.porthole.provisioning.mqtt.MqttMessage;

/** What the HiveMQ connector does without a broker: refusals with clear errors, and the message mapping. */
class HivemqConnectorTest {

    private static final MqttConnection.Listener IGNORE = new MqttConnection.Listener() {
        @Override
        public void messageArrived(MqttMessage message) {}

        @Override
        public void connectionLost(Throwable cause) {}
    };

    @Test
    void aTlsContextWithoutItsManagersIsRefusedWithWhatIsNeeded() throws Exception {
        ConnectSpec spec = new ConnectSpec(URI.create("ssl://127.0.0.1:1"), "dev-1", SSLContext.getDefault(), true,
                Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), null, 1 << 20, 16);
        assertThatThrownBy(() -> new HivemqConnector().connect(spec, IGNORE))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.USAGE))
                .hasMessageContaining("MutualTlsContext");
    }

    @Test
    void negativeThreadCountsAreRefused() {
        assertThatThrownBy(() -> new HivemqConnector(-1)).hasMessageContaining("nettyThreads");
    }

    @Test
    void everyPropertyWeUseSurvivesTheMappingBothWays() {
        MqttMessage m = MqttMessage.to("porthole/v1/t/d/cmd/ping").payload("{}").qos(1).retained(true)
                .contentType("application/json").responseTopic("porthole/v1/t/d/rsp")
                .correlationData(new byte[] {0, 1, (byte) 0xfe}).messageExpirySeconds(30)
                .userProperty("schema", "porthole.cmd/v1").userProperty("schema", "again").build();
        assertThat(HivemqConnector.fromHivemq(HivemqConnector.toHivemq(m))).isEqualTo(m);
        MqttMessage bare = MqttMessage.to("a/b").qos(0).build();
        assertThat(HivemqConnector.fromHivemq(HivemqConnector.toHivemq(bare))).isEqualTo(bare);
    }
}
