package dev.porthole.hw.gpio;

import java.time.Duration;

/**
 * One hardware button: its GPIO line (BCM number), polarity, and the device actions for a short
 * press and for holding it (either may be null). Action names are the device agent's
 * (for example {@code reconnect}, {@code power-off}, {@code factory-reset}).
 */
public record ButtonSpec(String id, int address, boolean activeLow, String pressAction, String holdAction, Duration hold) {

    /** Validates. */
    public ButtonSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("button id is empty");
        }
        if (address < 0) {
            throw new IllegalArgumentException("button " + id + ": GPIO address " + address);
        }
        if (holdAction != null && (hold == null || hold.isNegative() || hold.isZero())) {
            throw new IllegalArgumentException("button " + id + ": hold action '" + holdAction + "' needs a positive hold time");
        }
        if (pressAction == null && holdAction == null) {
            throw new IllegalArgumentException("button " + id + " has no action");
        }
    }
}
