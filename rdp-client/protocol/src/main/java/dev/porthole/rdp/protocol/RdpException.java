package dev.porthole.rdp.protocol;

/**
 * The one unchecked exception of the RDP client. Callers branch on {@link #kind()}; the message
 * names the PDU and field that was wrong.
 */
public class RdpException extends RuntimeException {

    /** What went wrong, coarse enough to branch on. */
    public enum Kind {
        /** Bytes from the peer do not form a valid PDU (a field is out of range, lengths disagree, truncation). */
        MALFORMED,
        /** A valid PDU asks for something this client does not support. */
        UNSUPPORTED,
        /** The server refused or failed the security negotiation (RDP_NEG_FAILURE and similar). */
        NEGOTIATION,
        /** Credentials were rejected. */
        AUTHENTICATION,
        /** A certificate or key did not verify. */
        TRUST,
        /** A PDU arrived that the current state does not allow. */
        STATE,
        /** A value passed in by the caller is invalid (configuration, encode arguments). */
        ARGUMENT,
        /** The transport failed: connection refused, reset or closed by the peer. */
        TRANSPORT,
        /** A phase did not complete within its time limit. */
        TIMEOUT
    }

    private final Kind kind;

    public RdpException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RdpException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** A decode error naming the PDU and the field. */
    public static RdpException malformed(String pdu, String field, String problem) {
        return new RdpException(Kind.MALFORMED, pdu + "." + field + ": " + problem);
    }

    /** An invalid argument for an encoder or constructor, naming the field. */
    public static RdpException argument(String pdu, String field, String problem) {
        return new RdpException(Kind.ARGUMENT, pdu + "." + field + ": " + problem);
    }
}
