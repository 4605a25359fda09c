package dev.porthole.agent.boot;

/** Where the boot machine's settings come from (the agent's configuration store). */
public interface ConfigSource {

    /** Where the loaded settings came from. */
    enum Origin { CONFIG_FILE, LAST_KNOWN_GOOD, IMAGE_DEFAULT }

    /** Loaded settings; {@code problem} names what was wrong with the preferred source, or is empty. */
    record Loaded(BootSettings settings, Origin origin, String problem) {}

    /** Loads settings, falling back to last known good and the image default; throws only when none is usable. */
    Loaded load();
}
