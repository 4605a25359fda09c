package dev.porthole.provisioning.device;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.RejectReason;
import dev.porthole.provisioning.config.Verdict;
import dev.porthole.provisioning.store.ConfigStore;
import dev.porthole.provisioning.topic.DeviceAddress;

/**
 * The device's configuration flow: verify → stage → apply → health check → commit, or revert, with a report after
 * every step that changes something.
 *
 * <ul>
 *   <li>{@link #boot()} (no network needed) puts the last good document in force, or a pending one, and skips
 *       documents on disk that no longer verify.</li>
 *   <li>{@link #receive(byte[])} handles a {@code config/desired} payload. The same bytes again (the broker
 *       redelivers retained messages on every connection) change nothing and report nothing new.</li>
 *   <li>{@link #retryPending()} applies a document that waited for the session to end.</li>
 * </ul>
 * {@link #receive} and {@link #retryPending} boot first when {@link #boot} was not called.
 * A rejected, failed or unhealthy document leaves the previous good document in force (re-applied with
 * {@link ConfigApplier.Reason#REVERT} when the applier may have touched anything). Thread-safe (serialized).
 */
public final class ConfigAgent {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private final DeviceAddress self;
    private final ConfigVerifier verifier;
    private final ConfigStore store;
    private final ConfigApplier applier;
    private final InstantSource clock;
    private final java.util.List<Consumer<ConfigReport>> reporters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ConfigReport last;
    private ConfigDocument current;
    private String currentSha;
    private boolean booted;

    /**
     * @param reporter receives every new report (the fleet link publishes it retained on {@code config/reported})
     */
    public ConfigAgent(DeviceAddress self, ConfigVerifier verifier, ConfigStore store, ConfigApplier applier,
                       InstantSource clock, Consumer<ConfigReport> reporter) {
        this.self = Objects.requireNonNull(self, "self");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.store = Objects.requireNonNull(store, "store");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reporters.add(Objects.requireNonNull(reporter, "reporter"));
        this.last = store.lastReport().map(r -> {
            try {
                return ConfigReport.fromJson(r);
            } catch (RuntimeException e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * Startup, online or not: a pending staged document is applied now (no session runs yet); a staged document that
     * was not pending was interrupted by a crash or power cut and is reported as failed; then the newest good
     * document that still verifies is put in force.
     *
     * @return the document in force, empty when the device has none yet
     */
    public synchronized Optional<ConfigDocument> boot() {
        booted = true;
        current = loadCurrent();
        Optional<ConfigStore.Staged> staged = store.staged();
        if (staged.isPresent()) {
            ConfigStore.Staged s = staged.get();
            Verdict v = verifier.verifyStored(s.bytes(), self);
            if (s.pending() && v instanceof Verdict.Accepted a) {
                LOG.info("config applying pending document at boot device={} version={}", self, s.version());
                tryApply(a.document(), a.sha256(), ConfigApplier.Reason.PENDING);
                return Optional.ofNullable(current);
            }
            store.discardStaged();
            report(ConfigReport.REJECTED, s.version(), RejectReason.APPLY_FAILED.code(),
                    "applying version " + s.version() + " was interrupted by a restart; version "
                            + store.currentVersion() + " stays in force", v instanceof Verdict.Accepted a ? a.sha256()
                            : null);
        }
        if (current != null) {
            ApplyResult r = safeApply(current, ConfigApplier.Reason.BOOT);
            LOG.info("config in force at boot device={} version={} result={}", self, current.version(),
                    r.getClass().getSimpleName());
        } else {
            LOG.info("config none in force at boot device={} (waiting for the fleet)", self);
        }
        return Optional.ofNullable(current);
    }

    /** The newest good document that verifies; documents that no longer verify are dropped. */
    private ConfigDocument loadCurrent() {
        while (store.currentVersion() != 0) {
            long v = store.currentVersion();
            Optional<byte[]> bytes = store.document(v);
            if (bytes.isPresent() && verifier.verifyStored(bytes.get(), self) instanceof Verdict.Accepted a
                    && a.document().version() == v) {
                currentSha = a.sha256();
                return a.document();
            }
            LOG.error("config stored document does not verify, dropped device={} version={}", self, v);
            store.dropCurrent();
        }
        return null;
    }

    /** Handles a {@code config/desired} payload; returns the report that is current afterwards (may be null). */
    public synchronized ConfigReport receive(byte[] bytes) {
        if (!booted) {
            boot();
        }
        if (bytes.length == 0) {
            LOG.debug("config desired cleared by the fleet device={}", self);
            return last;
        }
        String sha = ConfigVerifier.sha256(bytes);
        if (last != null && sha.equals(last.sha256())) {
            LOG.debug("config document seen before device={} sha256={} status={}", self, sha, last.status());
            return last;
        }
        if (sha.equals(currentSha)) {
            return report(ConfigReport.APPLIED, current.version(), null, "already in force", sha);
        }
        Verdict v = verifier.verify(bytes, self, store.floor(), clock.instant());
        if (v instanceof Verdict.Rejected r) {
            LOG.warn("config rejected device={} reason={} version={} message={}", self, r.reason().code(),
                    r.version().isPresent() ? r.version().getAsLong() : "unknown", r.message());
            return report(ConfigReport.REJECTED, r.version().orElse(0), r.reason().code(), r.message(), sha);
        }
        Verdict.Accepted a = (Verdict.Accepted) v;
        store.stage(a.document().version(), bytes);
        return tryApply(a.document(), sha, ConfigApplier.Reason.NEW);
    }

    /** Applies the pending document, if any (call when the session ended). Returns the current report. */
    public synchronized ConfigReport retryPending() {
        if (!booted) {
            boot();
        }
        Optional<ConfigStore.Staged> staged = store.staged();
        if (staged.isEmpty() || !staged.get().pending()) {
            return last;
        }
        Verdict v = verifier.verifyStored(staged.get().bytes(), self);
        if (!(v instanceof Verdict.Accepted a)) {
            store.discardStaged();
            Verdict.Rejected r = (Verdict.Rejected) v;
            return report(ConfigReport.REJECTED, staged.get().version(), r.reason().code(), r.message(), r.sha256());
        }
        return tryApply(a.document(), a.sha256(), ConfigApplier.Reason.PENDING);
    }

    private ConfigReport tryApply(ConfigDocument doc, String sha, ConfigApplier.Reason reason) {
        long v = doc.version();
        ApplyResult result = safeApply(doc, reason);
        switch (result) {
            case ApplyResult.Pending p -> {
                store.markPending(v);
                LOG.info("config pending device={} version={} reason={}", self, v, p.reason());
                return report(ConfigReport.PENDING, v, null, p.reason(), sha);
            }
            case ApplyResult.Failed f -> {
                store.discardStaged();
                revert();
                LOG.warn("config apply failed device={} version={} error={} inForce={}", self, v, f.reason(),
                        store.currentVersion());
                return report(ConfigReport.REJECTED, v, RejectReason.APPLY_FAILED.code(), f.reason(), sha);
            }
            case ApplyResult.Applied ignored -> {
                HealthResult health;
                try {
                    health = applier.healthCheck(doc);
                } catch (RuntimeException e) {
                    health = HealthResult.unhealthy("health check threw " + e);
                }
                if (!health.healthy()) {
                    store.discardStaged();
                    revert();
                    LOG.warn("config health check failed, reverted device={} version={} detail={} inForce={}", self, v,
                            health.detail(), store.currentVersion());
                    return report(ConfigReport.REJECTED, v, RejectReason.HEALTH_CHECK_FAILED.code(),
                            health.detail() + "; reverted to version " + store.currentVersion(), sha);
                }
                store.commit(v);
                current = doc;
                currentSha = sha;
                LOG.info("config applied device={} version={} good={}", self, v, store.goodVersions());
                return report(ConfigReport.APPLIED, v, null, null, sha);
            }
        }
    }

    /** Re-applies the document in force after a failed attempt (nothing to do when there is none). */
    private void revert() {
        if (current == null) {
            return;
        }
        ApplyResult r = safeApply(current, ConfigApplier.Reason.REVERT);
        if (!(r instanceof ApplyResult.Applied)) {
            LOG.error("config revert did not apply cleanly device={} version={} result={}", self, current.version(), r);
        }
    }

    private ApplyResult safeApply(ConfigDocument doc, ConfigApplier.Reason reason) {
        try {
            ApplyResult r = applier.apply(doc, reason);
            return r == null ? ApplyResult.failed("applier returned nothing") : r;
        } catch (RuntimeException e) {
            return ApplyResult.failed("applier threw " + e);
        }
    }

    private ConfigReport report(String status, long attempted, String reason, String message, String sha) {
        ConfigReport r = new ConfigReport(status, store.currentVersion(), attempted, reason, message, sha,
                List.copyOf(store.goodVersions()), clock.instant());
        last = r;
        store.saveReport(r.toJson());
        for (Consumer<ConfigReport> reporter : reporters) {
            try {
                reporter.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("config report not delivered device={} status={} error={}", self, status, e.getMessage());
            }
        }
        return r;
    }

    /** Adds a receiver of every new report (the fleet link adds itself). */
    public void addReporter(Consumer<ConfigReport> reporter) {
        reporters.add(Objects.requireNonNull(reporter, "reporter"));
    }

    /** The document in force, if any. */
    public synchronized Optional<ConfigDocument> current() {
        return Optional.ofNullable(current);
    }

    /** The last report, if any (also after a restart). */
    public synchronized Optional<ConfigReport> lastReport() {
        return Optional.ofNullable(last);
    }

    /** The store (for inspection). */
    public ConfigStore store() {
        return store;
    }
}
