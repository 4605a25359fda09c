package dev.porthole.provisioning;

import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.hivemq.HivemqConnector;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;

/**
 * The MQTT 5 client libraries behind {@link MqttConnector}. Integration tests run once per entry
 * ({@code @ParameterizedClass @EnumSource(MqttClient.class)}), which shows that either library can carry the fleet
 * link without the rest of the code knowing which.
 */
public enum MqttClient {
    PAHO {
        @Override
        public MqttConnector connector() {
            return new PahoConnector();
        }
    },
    HIVEMQ {
        @Override
        public MqttConnector connector() {
            return new HivemqConnector();
        }
    };

    /** A connector of this library. */
    public abstract MqttConnector connector();
}
