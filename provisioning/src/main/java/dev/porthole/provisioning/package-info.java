/**
 * The fleet link of a Porthole device and the fleet side that drives it, over MQTT 5.
 *
 * <ul>
 *   <li>{@link dev.porthole.provisioning.mqtt} — a small MQTT 5 link of our own (mutual TLS, retained messages,
 *       request/response properties, last will, reconnect with jittered exponential backoff); Paho lives only in
 *       {@link dev.porthole.provisioning.mqtt.paho}.</li>
 *   <li>{@link dev.porthole.provisioning.topic} — the topic tree {@code porthole/v1/<tenant>/<device>/...}.</li>
 *   <li>{@link dev.porthole.provisioning.config} — signed configuration documents (JWS, EdDSA).</li>
 *   <li>{@link dev.porthole.provisioning.store} — crash-safe files and the device's configuration store.</li>
 *   <li>{@link dev.porthole.provisioning.device} — the device side: apply flow, birth, state, the fleet link.</li>
 *   <li>{@link dev.porthole.provisioning.enroll} and {@link dev.porthole.provisioning.pki} — enrollment with a
 *       claim, key pairs, CSRs and certificates.</li>
 *   <li>{@link dev.porthole.provisioning.command} — commands over MQTT 5 request/response.</li>
 *   <li>{@link dev.porthole.provisioning.telemetry} — periodic telemetry.</li>
 *   <li>{@link dev.porthole.provisioning.fleet} — the fleet side: init, enrollment responder, push, status,
 *       command, rollback.</li>
 * </ul>
 *
 * <p>The module reads no environment variable or system property: paths, settings and collaborators are passed in
 * by the device agent. Logging uses the TinyLog tag {@code provisioning} with {@code key=value} fields.
 */
package dev.porthole.provisioning;
