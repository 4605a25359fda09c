package dev.porthole.provisioning.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.porthole.provisioning.ProvisioningException;

/**
 * Exponential backoff with full jitter: the delay before reconnect attempt {@code n} (0-based) is uniform in
 * {@code [0, min(max, initial × multiplier^n)]}. Full jitter spreads a fleet that lost its broker at the same
 * instant over the whole window instead of having it return in waves, so a restarted broker is not stampeded.
 *
 * @param initial    the cap of the first delay
 * @param max        the largest cap
 * @param multiplier growth of the cap per attempt (at least 1)
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    /** 1 s doubling up to 2 min: a fleet of 100k devices spreads over two minutes after an outage. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 2.0);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "backoff needs 0 < initial <= max, got initial=" + initial + " max=" + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE,
                    "backoff multiplier must be a finite number >= 1, not " + multiplier);
        }
    }

    /** The upper bound of the delay before attempt {@code attempt} (0-based). */
    public Duration cap(int attempt) {
        if (attempt < 0) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "attempt must be >= 0, not " + attempt);
        }
        double nanos = initial.toNanos() * Math.pow(multiplier, attempt);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** A delay drawn uniformly from {@code [0, cap(attempt)]} with {@code random}. */
    public Duration delay(int attempt, RandomGenerator random) {
        long cap = cap(attempt).toNanos();
        return Duration.ofNanos(random.nextLong(cap + 1));
    }
}
