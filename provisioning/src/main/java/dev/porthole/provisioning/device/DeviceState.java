package dev.porthole.provisioning.device;

/** What the device is doing, published retained on {@code state}; {@link #wire()} is the published word. */
public enum DeviceState {
    /** Connected, no session. */
    ONLINE("online"),
    /** A remote desktop session is running. */
    IN_SESSION("in-session"),
    /** Applying configuration or an update. */
    UPDATING("updating"),
    /** Not connected (the last will, or a clean shutdown). */
    OFFLINE("offline");

    private final String wire;

    DeviceState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The state of a published word. */
    public static DeviceState ofWire(String word) {
        for (DeviceState s : values()) {
            if (s.wire.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown device state '" + word + "'");
    }
}
