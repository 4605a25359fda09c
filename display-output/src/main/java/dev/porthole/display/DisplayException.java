package dev.porthole.display;

/** The one unchecked exception of display-output; the kind says whether another backend may work. */
public final class DisplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Coarse failure kinds. */
    public enum Kind {
        /** The backend's device is absent or unusable here: try the next backend. */
        UNAVAILABLE,
        /** A request the backend cannot honour (a mode it does not offer). */
        INVALID,
        /** The display failed while in use. */
        FAILED
    }

    private final Kind kind;

    /** An error of {@code kind}. */
    public DisplayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An error of {@code kind} without a cause. */
    public DisplayException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }
}
