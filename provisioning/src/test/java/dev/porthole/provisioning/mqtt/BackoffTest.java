package dev.porthole.provisioning.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.porthole.provisioning.ProvisioningException;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);

    @Test
    void capDoublesUpToTheMaximum() {
        assertThat(backoff.cap(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.cap(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.cap(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.cap(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.cap(62)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeWindow() {
        SplittableRandom random = new SplittableRandom(42);
        long cap = backoff.cap(4).toNanos();
        int[] buckets = new int[10];
        for (int i = 0; i < 10_000; i++) {
            long d = backoff.delay(4, random).toNanos();
            assertThat(d).isBetween(0L, cap);
            buckets[(int) Math.min(9, d * 10 / cap)]++;
        }
        // uniform: each tenth of the window gets about 1,000 of 10,000 draws
        for (int b : buckets) {
            assertThat(b).isBetween(850, 1150);
        }
    }

    @Test
    void devicesWithTheirOwnRandomSourcesDoNotReturnTogether() {
        Set<Long> firstDelays = new HashSet<>();
        for (int device = 0; device < 100; device++) {
            firstDelays.add(backoff.delay(0, new SplittableRandom(device)).toMillis());
        }
        assertThat(firstDelays).hasSizeGreaterThan(50);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessageContaining("max=PT1S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> backoff.cap(-1)).hasMessageContaining("attempt");
    }
}
