package dev.porthole.provisioning;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for tests. */
public final class Await {

    private Await() {}

    /** Waits until {@code condition} holds, at most {@link BrokerFixtures#WAIT}; fails with {@code what} and {@code state}. */
    public static void until(BooleanSupplier condition, String what, Supplier<?> state) {
        until(condition, BrokerFixtures.WAIT, what, state);
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
