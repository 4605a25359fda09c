package dev.porthole.hw.evdev;

import java.util.BitSet;

/**
 * Where an {@link EvdevReader} gets its bytes: a real {@link EvdevDevice}, or a {@link RecordedInputSource}
 * replaying a captured stream in tests.
 */
public interface InputSource extends AutoCloseable {

    /** The device's description. */
    DeviceInfo info();

    /**
     * Reads available {@code input_event} bytes into {@code buffer}, waiting up to {@code timeoutMillis}.
     * Returns the count, 0 on timeout, or -1 when the device is gone (unplugged, or the stream ended).
     */
    int read(byte[] buffer, int timeoutMillis);

    /** The keys the device reports as down now ({@code EVIOCGKEY}), used after {@code SYN_DROPPED}. */
    BitSet keyState();

    /** Closes the source; a blocked {@link #read} returns soon after. */
    @Override
    void close();
}
