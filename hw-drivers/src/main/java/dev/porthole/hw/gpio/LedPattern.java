package dev.porthole.hw.gpio;

/**
 * Blink patterns of the status LED, one per device state, as a cycle of on/off durations in
 * milliseconds (starting with on).
 */
public enum LedPattern {
    /** Dark. */
    OFF(new long[] {0, 1}),
    /** Slow blink while the device boots. */
    BOOTING(new long[] {500, 500}),
    /** Fast blink while connecting to the host. */
    CONNECTING(new long[] {150, 150}),
    /** Steady on: a session is up. */
    IN_SESSION(new long[] {1, 0}),
    /** Double flash: something needs attention. */
    ERROR(new long[] {100, 100, 100, 700});

    private final long[] cycle;
    private final long period;

    LedPattern(long[] cycle) {
        this.cycle = cycle;
        long p = 0;
        for (long c : cycle) {
            p += c;
        }
        this.period = p;
    }

    /** Whether the LED is lit {@code millis} after the pattern started. */
    public boolean litAt(long millis) {
        if (this == OFF) {
            return false;
        }
        if (this == IN_SESSION) {
            return true;
        }
        long t = Math.floorMod(millis, period);
        for (int i = 0; i < cycle.length; i++) {
            if (t < cycle[i]) {
                return i % 2 == 0;
            }
            t -= cycle[i];
        }
        return false;
    }
}
