package dev.porthole.display.status;

/** What the device tells the person in front of it when no remote desktop is on the screen. */
public sealed interface Status {

    /** Power-on until the first connection attempt. */
    record Booting() implements Status {}

    /** Connecting to {@code host}. */
    record Connecting(String host) implements Status {}

    /** No network link or address. */
    record NetworkDown() implements Status {}

    /** The host refused the credentials; {@code reason} says why in words for a person. */
    record AuthenticationFailed(String reason) implements Status {}

    /**
     * The session dropped; attempt {@code attempt} to get it back is under way. {@code reason} is the
     * server's explanation of the loss when it gave one (a sentence for a person), else empty.
     */
    record Reconnecting(String host, int attempt, String reason) implements Status {
        /** Validates. */
        public Reconnecting {
            if (attempt < 1) {
                throw new IllegalArgumentException("reconnect attempt " + attempt);
            }
            reason = reason == null ? "" : reason;
        }

        /** Without a server explanation. */
        public Reconnecting(String host, int attempt) {
            this(host, attempt, "");
        }
    }

    /** The device is shutting down (the agent stops; the session was closed). */
    record ShuttingDown() implements Status {}

    /** The sign-in screen with its form. */
    record SignIn(SignInForm form) implements Status {}
}
