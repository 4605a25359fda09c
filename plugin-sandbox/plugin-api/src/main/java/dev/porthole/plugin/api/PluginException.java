package dev.porthole.plugin.api;

/** The SDK's one unchecked exception; {@link #reason()} says what went wrong. */
public class PluginException extends RuntimeException {

    /** Why an SDK call failed. */
    public enum Reason {
        /** The channel name is not declared in the package manifest. */
        NOT_DECLARED,
        /** The channel is closed. */
        CLOSED,
        /** Too many bytes are queued on the channel; the caller should slow down. */
        BACKPRESSURE,
        /** The message exceeds the host's message size limit. */
        TOO_LARGE,
        /** The call is not allowed in the current state (duplicate listener, after termination, …). */
        ILLEGAL_STATE
    }

    private final Reason reason;

    /**
     * @param reason  why the call failed
     * @param message what was wrong, naming the channel or value
     */
    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the call failed. */
    public Reason reason() {
        return reason;
    }
}
