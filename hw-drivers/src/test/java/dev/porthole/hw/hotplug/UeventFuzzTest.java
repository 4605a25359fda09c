package dev.porthole.hw.hotplug;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the uevent parser (invariant 4: netlink messages are untrusted bytes). Any input
 * parses to a uevent or to nothing, never an exception, with at most {@link Uevent#MAX_KEYS} keys.
 * The saved corpus in {@code UeventFuzzTestInputs/} replays in every build.
 */
class UeventFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        Uevent.parse(data, data.length).ifPresent(e -> {
            if (e.env().size() > Uevent.MAX_KEYS) {
                throw new IllegalStateException(e.env().size() + " keys");
            }
            if (e.action() == null || e.devpath() == null) {
                throw new IllegalStateException("null action or devpath");
            }
        });
    }
}
