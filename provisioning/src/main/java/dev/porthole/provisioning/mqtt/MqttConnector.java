package dev.porthole.provisioning.mqtt;

/**
 * Makes MQTT 5 connections: the seam that keeps the MQTT client library replaceable. The Paho implementation is
 * {@link dev.porthole.provisioning.mqtt.paho.PahoConnector}; another client only has to implement this and
 * {@link MqttConnection}.
 */
@FunctionalInterface
public interface MqttConnector {

    /**
     * Connects once (TCP, TLS, MQTT CONNECT/CONNACK) and returns the connection, or throws a
     * {@link dev.porthole.provisioning.ProvisioningException} of kind {@code CONNECTION}, {@code NOT_AUTHORIZED} or
     * {@code TIMEOUT} naming the server and the cause.
     */
    MqttConnection connect(ConnectSpec spec, MqttConnection.Listener listener);
}
