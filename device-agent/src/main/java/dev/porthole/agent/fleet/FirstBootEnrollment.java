package dev.porthole.agent.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.DeviceIdentity;
import dev.porthole.provisioning.enroll.Enrollment;
import dev.porthole.provisioning.mqtt.Backoff;
import dev.porthole.provisioning.mqtt.MqttConnector;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * First-boot enrollment: a device with provisioning enabled and no identity yet enrolls with the claim bundle
 * found at {@code provisioning.claimFile} (put into the image, or copied there by an installer; the agent looks
 * for it again when it appears or changes). Runs on the caller's (background) thread until it has an identity or
 * is interrupted:
 * <ul>
 *   <li>no claim file: waits for one (a local check every {@link Tuning#claimPoll()}, no network);</li>
 *   <li>a claim file that does not parse, has expired, names another tenant than the configuration, or that the
 *       fleet refused (wrong secret, expired, already used): a clear error, then no new attempt until the file
 *       changes &mdash; a bad claim never turns into a request storm;</li>
 *   <li>the broker or the responder not answering: jittered exponential backoff, then again.</li>
 * </ul>
 * The key pair and certificate are kept owner-only under the provisioning state directory (provisioning's
 * {@code Enrollment}); the claim file is never logged.
 */
final class FirstBootEnrollment {

    private static final TaggedLogger LOG = Logger.tag("agent");
    /** Largest claim file read. */
    static final int MAX_CLAIM_BYTES = 256 * 1024;

    /**
     * @param initial     first retry delay after a failed attempt
     * @param max         longest retry delay
     * @param attempt     how long one attempt waits for the responder
     * @param claimPoll   how often a missing or rejected claim file is looked at again
     */
    record Tuning(Duration initial, Duration max, Duration attempt, Duration claimPoll) {
        static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }

    private final AgentConfig.Provisioning config;
    private final Path stateDir;
    private final Path claimFile;
    private final MqttConnector connector;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Tuning tuning;
    private final Consumer<FleetStatus> status;

    FirstBootEnrollment(AgentConfig.Provisioning config, Path stateDir, Path claimFile, MqttConnector connector,
                        InstantSource clock, RandomGenerator random, Tuning tuning, Consumer<FleetStatus> status) {
        this.config = config;
        this.stateDir = stateDir;
        this.claimFile = claimFile;
        this.connector = connector;
        this.clock = clock;
        this.random = random;
        this.tuning = tuning;
        this.status = status;
    }

    /** Blocks until the device has an identity; {@link InterruptedException} when the agent stops. */
    DeviceIdentity run() throws InterruptedException {
        byte[] rejected = null; // digest of a claim file that cannot work; wait for another one
        boolean reportedMissing = false;
        int failures = 0;
        while (true) {
            Optional<DeviceIdentity> have = DeviceIdentity.load(stateDir);
            if (have.isPresent()) {
                return have.get();
            }
            byte[] bytes;
            try {
                bytes = readClaim();
            } catch (NoSuchFileException e) {
                if (!reportedMissing) {
                    report(FleetStatus.waiting("not enrolled; waiting for a claim file at " + claimFile));
                    reportedMissing = true;
                }
                Thread.sleep(tuning.claimPoll());
                continue;
            } catch (IOException e) {
                report(FleetStatus.failed("claim file " + claimFile + " cannot be read: " + e.getMessage()));
                Thread.sleep(tuning.claimPoll());
                continue;
            }
            reportedMissing = false;
            byte[] digest = sha256(bytes);
            if (rejected != null && Arrays.equals(rejected, digest)) {
                Thread.sleep(tuning.claimPoll());
                continue;
            }
            rejected = null;
            String problem = null;
            ClaimBundle bundle = null;
            try {
                bundle = ClaimBundle.parse(bytes);
                if (!clock.instant().isBefore(bundle.expiresAt())) {
                    problem = "claim " + bundle.claimId() + " in " + claimFile + " expired at " + bundle.expiresAt()
                            + "; ask the fleet operator for a new one";
                } else if (config.tenant() != null && !config.tenant().equals(bundle.tenant())) {
                    problem = "claim " + bundle.claimId() + " is for tenant '" + bundle.tenant()
                            + "', but provisioning.tenant is '" + config.tenant() + "'";
                } else if (bundle.boundDevice().isEmpty() && config.deviceId() == null) {
                    problem = "claim " + bundle.claimId() + " is bound to no device id and provisioning.deviceId is not set";
                }
            } catch (RuntimeException e) {
                problem = "claim file " + claimFile + " is not a claim bundle: " + e.getMessage();
            }
            if (problem != null) {
                report(FleetStatus.failed(problem + " (waiting for a new claim file)"));
                rejected = digest;
                continue;
            }
            report(FleetStatus.enrolling("enrolling with claim " + bundle.claimId() + " at " + bundle.broker()
                    + (failures > 0 ? " (attempt " + (failures + 1) + ")" : "")));
            try {
                ClaimBundle b = bundle;
                DeviceIdentity id = new Enrollment(connector, clock, Duration.ofSeconds(5)).enroll(b, config.deviceId(),
                        stateDir, s -> s.backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 2)),
                        tuning.attempt());
                report(FleetStatus.enrolled("enrolled as " + id.address() + " with claim " + b.claimId()));
                return id;
            } catch (ProvisioningException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("enrollment stopped");
                }
                if (e.kind() == ProvisioningException.Kind.REFUSED || e.kind() == ProvisioningException.Kind.USAGE
                        || e.kind() == ProvisioningException.Kind.CRYPTO || e.kind() == ProvisioningException.Kind.MALFORMED) {
                    report(FleetStatus.failed((e.kind() == ProvisioningException.Kind.REFUSED ? "" : "enrollment not possible: ")
                            + e.getMessage() + " (waiting for a new claim file)"));
                    rejected = digest;
                    failures = 0;
                    continue;
                }
                failures++;
                Duration delay = retryDelay(failures - 1);
                report(FleetStatus.failed("enrollment failed: " + e.getMessage() + "; next attempt in "
                        + delay.toSeconds() + " s"));
                Thread.sleep(delay);
            }
        }
    }

    /** Half the exponential cap plus a uniform jitter over the other half: never a tight loop, never in step. */
    Duration retryDelay(int attempt) {
        long cap = new Backoff(tuning.initial(), tuning.max(), 2).cap(attempt).toNanos();
        return Duration.ofNanos(cap / 2 + random.nextLong(cap / 2 + 1));
    }

    private byte[] readClaim() throws IOException {
        long size = Files.size(claimFile);
        if (size > MAX_CLAIM_BYTES) {
            throw new IOException(size + " bytes; a claim bundle has at most " + MAX_CLAIM_BYTES);
        }
        return Files.readAllBytes(claimFile);
    }

    private void report(FleetStatus s) {
        switch (s.phase()) {
            case "failed" -> LOG.error("fleet: {}", s.detail());
            default -> LOG.info("fleet: {}", s.detail());
        }
        status.accept(s);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
