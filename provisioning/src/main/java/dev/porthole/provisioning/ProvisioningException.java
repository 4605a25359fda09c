package dev.porthole.provisioning;

import java.util.Objects;

/**
 * The one unchecked exception of the provisioning module. {@link #kind()} says what went wrong in a way callers
 * branch on; the message names the field or the peer that was wrong, and the cause is chained.
 */
public final class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to branch on. */
    public enum Kind {
        /** The broker could not be reached, refused the connection, or the connection is down. */
        CONNECTION,
        /** An operation did not complete in time (connect, publish, subscribe, a response). */
        TIMEOUT,
        /** The broker refused an operation (reason code 0x80 or above), for example by its ACL. */
        NOT_AUTHORIZED,
        /** Bytes from the network or from disk do not follow the expected format. */
        MALFORMED,
        /** A peer refused a request (for example the enrollment responder refused a claim). */
        REFUSED,
        /** A file of the state or fleet directory could not be read or written. */
        STORAGE,
        /** A cryptographic operation failed (keys, signatures, certificates). */
        CRYPTO,
        /** A caller passed an invalid argument or used an object in the wrong state. */
        USAGE,
    }

    private final Kind kind;

    public ProvisioningException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ProvisioningException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "ProvisioningException[" + kind + "]: " + getMessage();
    }
}
