/** The Eclipse Paho MQTT 5 implementation of the MQTT seam; the only package of Porthole that uses Paho. */
package dev.porthole.provisioning.mqtt.paho;
