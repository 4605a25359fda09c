package dev.porthole.hw.input;

/**
 * The characters of the US keyboard's Linux keycodes, for local text entry (the sign-in screen) where
 * no remote side applies a layout. Letters, digits, punctuation and space; Shift gives the upper row.
 */
public final class KeyChars {

    private static final char[] PLAIN = new char[128];
    private static final char[] SHIFTED = new char[128];

    static {
        row(2, "1234567890-=", "!@#$%^&*()_+");
        row(16, "qwertyuiop[]", "QWERTYUIOP{}");
        row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~");
        row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?");
        PLAIN[57] = ' ';
        SHIFTED[57] = ' ';
    }

    private KeyChars() {}

    private static void row(int first, String plain, String shifted) {
        for (int i = 0; i < plain.length(); i++) {
            PLAIN[first + i] = plain.charAt(i);
            SHIFTED[first + i] = shifted.charAt(i);
        }
    }

    /** The character of {@code keycode}, or 0 when it types none. */
    public static char of(int keycode, boolean shift) {
        if (keycode < 0 || keycode >= PLAIN.length) {
            return 0;
        }
        return shift ? SHIFTED[keycode] : PLAIN[keycode];
    }
}
