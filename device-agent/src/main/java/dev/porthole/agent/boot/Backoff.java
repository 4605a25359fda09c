package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt {@code n} (1-based) waits a random time between half and
 * all of {@code min(max, base * 2^(n-1))}, so a fleet that lost the same server does not come back in
 * lock step, and no wait is ever shorter than half the nominal one.
 */
public record Backoff(Duration base, Duration max) {

    /** Validates. */
    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff base " + base + " must be > 0 and <= max " + max);
        }
    }

    /** The nominal (jitter-free) delay before attempt {@code attempt}. */
    public Duration nominal(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt);
        }
        long b = base.toMillis();
        int shift = Math.min(attempt - 1, 30);
        long d = b > (max.toMillis() >> shift) ? max.toMillis() : b << shift;
        return Duration.ofMillis(Math.min(d, max.toMillis()));
    }

    /** The delay before attempt {@code attempt}, jittered with {@code random} into [nominal/2, nominal]. */
    public Duration delay(int attempt, RandomGenerator random) {
        long n = nominal(attempt).toMillis();
        long half = n / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (n - half + 1)));
    }
}
