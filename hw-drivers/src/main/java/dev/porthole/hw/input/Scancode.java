package dev.porthole.hw.input;

/**
 * A PC/AT keyboard scancode, set 1 ("XT") make code: {@code code} (0x01..0x7F) and whether it carries
 * the {@code E0} prefix ({@code extended}) or the {@code E1} prefix ({@code extended1}, only Pause).
 */
public record Scancode(int code, boolean extended, boolean extended1) {

    /** Validates the code. */
    public Scancode {
        if (code < 1 || code > 0x7f) {
            throw new IllegalArgumentException("set-1 make code 0x" + Integer.toHexString(code) + " outside 0x01..0x7f");
        }
        if (extended && extended1) {
            throw new IllegalArgumentException("a scancode has one prefix at most");
        }
    }

    /** A code without prefix. */
    public static Scancode of(int code) {
        return new Scancode(code, false, false);
    }

    /** An {@code E0}-prefixed code. */
    public static Scancode e0(int code) {
        return new Scancode(code, true, false);
    }

    @Override
    public String toString() {
        return (extended ? "E0 " : extended1 ? "E1 " : "") + String.format("%02X", code);
    }
}
