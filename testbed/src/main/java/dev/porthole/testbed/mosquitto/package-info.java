/**
 * The Mosquitto real peer: a private MQTT 5 broker with mutual TLS and a per-device ACL on loopback
 * ({@link dev.porthole.testbed.mosquitto.MosquittoBroker}), its JUnit 5 extension
 * ({@link dev.porthole.testbed.mosquitto.MosquittoExtension}) and the ACL and option types it is configured with.
 */
package dev.porthole.testbed.mosquitto;
