/**
 * A small MQTT 5 interface of our own so the client library stays replaceable: {@link
 * dev.porthole.provisioning.mqtt.MqttConnector} and {@link dev.porthole.provisioning.mqtt.MqttConnection} are the
 * seam (implemented with Paho in {@link dev.porthole.provisioning.mqtt.paho}); {@link
 * dev.porthole.provisioning.mqtt.MqttLink} keeps a link up with jittered exponential {@link
 * dev.porthole.provisioning.mqtt.Backoff}.
 */
package dev.porthole.provisioning.mqtt;
