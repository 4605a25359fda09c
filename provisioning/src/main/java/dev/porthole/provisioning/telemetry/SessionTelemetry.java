package dev.porthole.provisioning.telemetry;

/** Session measurements, provided by the device agent (the RDP client knows them). */
@FunctionalInterface
public interface SessionTelemetry {

    /**
     * A sample of the session.
     *
     * @param state     for example {@code none}, {@code connecting}, {@code active}, {@code reconnecting}
     * @param rttMillis round-trip time to the RDP host, or null when unknown
     * @param frameRate frames presented per second, or null
     */
    record Sample(String state, Double rttMillis, Double frameRate) {}

    /** The current values; called on the telemetry thread. */
    Sample sample();
}
