package dev.porthole.provisioning.device;

import dev.porthole.provisioning.config.ConfigDocument;

/**
 * Puts a verified configuration document into force; implemented by the device agent. Called on one thread at a
 * time. A change that would interrupt a live session should return {@link ApplyResult.Pending} (unless the
 * document says otherwise); non-disruptive changes never restart the session.
 */
public interface ConfigApplier {

    /** Why {@link #apply} is called. */
    enum Reason {
        /** A new document arrived from the fleet. */
        NEW,
        /** The agent starts (possibly offline) with the last good document. */
        BOOT,
        /** A pending document is tried again (the session ended, or at boot). */
        PENDING,
        /** The previous good document is restored after a failed apply or health check. */
        REVERT,
    }

    /** Applies {@code document}; exceptions count as {@link ApplyResult.Failed}. */
    ApplyResult apply(ConfigDocument document, Reason reason);

    /** Checks the device after {@code document} was applied; the default says healthy. */
    default HealthResult healthCheck(ConfigDocument document) {
        return HealthResult.ok();
    }
}
