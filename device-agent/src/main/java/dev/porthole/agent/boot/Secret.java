package dev.porthole.agent.boot;

import java.util.Arrays;

/**
 * A password held only in memory as a {@code char[]}: handed out as copies the caller wipes, wiped
 * itself with {@link #wipe()}, and never shown by {@link #toString()}.
 */
public final class Secret {

    private char[] chars;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Takes a copy of {@code chars} (the caller wipes its own array). */
    public static Secret copyOf(char[] chars) {
        return new Secret(chars == null ? new char[0] : chars.clone());
    }

    /** An empty secret. */
    public static Secret empty() {
        return new Secret(new char[0]);
    }

    /** A copy of the characters; the caller wipes it after use. Empty once wiped. */
    public synchronized char[] copy() {
        return chars.clone();
    }

    /** Whether there are no characters (never set, or wiped). */
    public synchronized boolean isEmpty() {
        return chars.length == 0;
    }

    /** Overwrites the characters; the secret is empty afterwards. */
    public synchronized void wipe() {
        Arrays.fill(chars, '\0');
        chars = new char[0];
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
