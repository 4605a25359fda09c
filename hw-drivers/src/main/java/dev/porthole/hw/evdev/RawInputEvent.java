package dev.porthole.hw.evdev;

/** One {@code struct input_event}: kernel timestamp in microseconds, type, code and value. */
public record RawInputEvent(long timeMicros, int type, int code, int value) {

    /** An event without a timestamp (tests, uinput). */
    public static RawInputEvent of(int type, int code, int value) {
        return new RawInputEvent(0, type, code, value);
    }

    /** Whether this is {@code EV_SYN/SYN_REPORT}. */
    public boolean isReport() {
        return type == EvdevCodes.EV_SYN && code == EvdevCodes.SYN_REPORT;
    }

    @Override
    public String toString() {
        return "[type=" + type + " code=" + code + " value=" + value + "]";
    }
}
