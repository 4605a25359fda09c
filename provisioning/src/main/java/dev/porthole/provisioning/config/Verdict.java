package dev.porthole.provisioning.config;

import java.util.OptionalLong;

/** The outcome of {@link ConfigVerifier#verify}: accepted with the document, or rejected with a reason. */
public sealed interface Verdict {

    /**
     * The document passed every check.
     *
     * @param document the document
     * @param keyId    the key that signed it
     * @param sha256   SHA-256 of the exact JWS bytes, lower-case hex
     */
    record Accepted(ConfigDocument document, String keyId, String sha256) implements Verdict {}

    /**
     * The document was refused.
     *
     * @param reason  why, as a code
     * @param message what exactly was wrong, for people
     * @param version the document's version when it could be read from a signed payload
     * @param sha256  SHA-256 of the exact bytes received, lower-case hex
     */
    record Rejected(RejectReason reason, String message, OptionalLong version, String sha256) implements Verdict {}
}
