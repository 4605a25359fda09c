package dev.porthole.agent.boot;

/** Told of every state change (status file, systemd, fleet state, logs). */
public interface BootObserver {

    /** The machine is now in {@code state}; {@code detail} says why or what for a person. */
    void stateChanged(BootState state, String detail);

    /** A milestone for the boot-to-first-frame figure (names: config, network, connecting, active). */
    default void milestone(String name, long atMillis) {}
}
