package dev.porthole.provisioning.config;

/**
 * Why a device refused a configuration document; {@link #code()} is what it reports on {@code config/reported}.
 */
public enum RejectReason {
    /** Larger than the device accepts. */
    TOO_LARGE("too-large"),
    /** Not a JWS compact serialization, or its header or payload is not the JSON expected. */
    MALFORMED("malformed"),
    /** The JWS {@code alg} is not {@code EdDSA}, or it has {@code crit} extensions. */
    UNSUPPORTED_ALGORITHM("unsupported-algorithm"),
    /** The JWS {@code typ} or {@code cty} is not the configuration document's. */
    WRONG_TYPE("wrong-type"),
    /** The JWS {@code kid} names no trusted config-signing key. */
    UNKNOWN_KEY("unknown-key"),
    /** The signature does not verify. */
    BAD_SIGNATURE("bad-signature"),
    /** The payload's schema id is not one this device understands. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** The payload violates the schema (missing or wrongly typed member, unknown member). */
    INVALID_DOCUMENT("invalid-document"),
    /** The document is for another tenant. */
    WRONG_TENANT("wrong-tenant"),
    /** The document is for another device. */
    WRONG_DEVICE("wrong-device"),
    /** The version is not greater than the last one applied (a replay or a downgrade). */
    NOT_NEWER("not-newer"),
    /** Its {@code notAfter} has passed. */
    EXPIRED("expired"),
    /** The device agent could not apply it. */
    APPLY_FAILED("apply-failed"),
    /** It was applied but the health check failed; the previous good document was restored. */
    HEALTH_CHECK_FAILED("health-check-failed");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The reported code, for example {@code bad-signature}. */
    public String code() {
        return code;
    }
}
