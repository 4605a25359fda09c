package dev.porthole.archfixture.bad.provisioning;

/** Violates the Paho rule: provisioning code outside provisioning.mqtt.paho uses Paho. */
public class UsesPahoDirectly {
    public Object client() throws Exception {
        return new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence();
    }
}
