package dev.porthole.plugin.sandbox;

/**
 * The one unchecked exception of the plugin sandbox. Callers branch on {@link #kind()}; the message
 * names what was wrong (the file, field, frame or syscall).
 */
public class SandboxException extends RuntimeException {

    /** What went wrong, coarse enough to branch on. */
    public enum Kind {
        /** Untrusted bytes do not form a valid manifest, package, profile or IPC frame. */
        MALFORMED,
        /** A signature is missing or does not verify, or a file does not match its signed digest. */
        SIGNATURE,
        /** The signer's certificate does not chain to a trust anchor (or is expired, or unfit). */
        TRUST,
        /** Something valid asks for what the policy refuses (undeclared channel, unknown capability, reserved name). */
        POLICY,
        /** The sandbox could not be set up (bubblewrap, seccomp, limits), or a required program or library is missing. */
        SANDBOX,
        /** A plugin broke the IPC protocol at run time (flood, credit overrun, missed heartbeat). */
        VIOLATION,
        /** A call is not allowed in the current state (not installed, already running, …). */
        STATE,
        /** An I/O operation failed. */
        IO,
        /** A value passed in by the caller is invalid. */
        ARGUMENT
    }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SandboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** A decode error naming the structure and field. */
    public static SandboxException malformed(String what, String field, String problem) {
        return new SandboxException(Kind.MALFORMED, what + "." + field + ": " + problem);
    }
}
