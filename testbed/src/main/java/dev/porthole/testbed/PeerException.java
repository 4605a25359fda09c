package dev.porthole.testbed;

/** A real peer could not be installed, started or queried. The message names what to do about it. */
public class PeerException extends RuntimeException {

    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The peer's program is missing. Tests fail (never skip) with this, naming the Debian package;
     * {@code testbed/bin/install-peers} installs all of them.
     */
    public static PeerException missing(String program, String debianPackage) {
        return new PeerException("real peer program '" + program + "' not found: install the Debian package '"
                + debianPackage + "' (testbed/bin/install-peers installs every peer package)");
    }
}
