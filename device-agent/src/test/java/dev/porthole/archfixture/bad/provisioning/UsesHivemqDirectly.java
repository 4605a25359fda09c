package dev.porthole.archfixture.bad.provisioning;

/** Violates the HiveMQ rule: provisioning code outside provisioning.mqtt.hivemq uses the HiveMQ client. */
public class UsesHivemqDirectly {
    public Object client() {
        return com.hivemq.client.mqtt.mqtt5.Mqtt5Client.builder();
    }
}
