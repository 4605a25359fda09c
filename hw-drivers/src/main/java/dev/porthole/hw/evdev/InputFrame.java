package dev.porthole.hw.evdev;

import java.util.BitSet;
import java.util.List;

/**
 * The events of one device between two {@code SYN_REPORT}s (the report itself is not included), or,
 * after the kernel dropped events ({@code SYN_DROPPED}), a resynchronisation marker: no events, and
 * the set of keys the device reports as down now, so consumers can release keys they missed.
 */
public record InputFrame(List<RawInputEvent> events, boolean resync, BitSet keysDown) {

    /** Copies the event list; {@code keysDown} is only meaningful for a resync. */
    public InputFrame {
        events = List.copyOf(events);
        keysDown = keysDown == null ? new BitSet() : (BitSet) keysDown.clone();
    }

    /** A normal frame. */
    public static InputFrame of(List<RawInputEvent> events) {
        return new InputFrame(events, false, null);
    }

    /** A resync marker with the device's current key state ({@code null}: unknown, treat as all up). */
    public static InputFrame resync(BitSet keysDown) {
        return new InputFrame(List.of(), true, keysDown);
    }

    @Override
    public BitSet keysDown() {
        return (BitSet) keysDown.clone();
    }
}
