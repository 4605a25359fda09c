/**
 * {@link dev.porthole.provisioning.mqtt.MqttConnector} on the HiveMQ MQTT client (Netty-based; the connections of a
 * JVM share one event loop group, so many simulated devices fit in one process). The only place in Porthole that
 * uses {@code com.hivemq.client}.
 */
package dev.porthole.provisioning.mqtt.hivemq;
