package dev.porthole.provisioning.device;

import java.util.Objects;

/** What a {@link ConfigApplier} did with a document. */
public sealed interface ApplyResult {

    /** The document is in force now (non-disruptive change, or no session running). */
    record Applied() implements ApplyResult {}

    /**
     * The document needs a moment without a live session (for example another RDP host); it will be applied when
     * the session ends ({@link ConfigAgent#retryPending()}) or at the next boot.
     *
     * @param reason why it waits, for people
     */
    record Pending(String reason) implements ApplyResult {
        public Pending {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The document could not be applied; the previous document is restored.
     *
     * @param reason what failed, for people
     */
    record Failed(String reason) implements ApplyResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static ApplyResult applied() {
        return new Applied();
    }

    static ApplyResult pending(String reason) {
        return new Pending(reason);
    }

    static ApplyResult failed(String reason) {
        return new Failed(reason);
    }
}
