package dev.porthole.agent.boot;

import java.time.Duration;

/**
 * The boot machine's time and thread: every transition runs as a task on one thread, timers are
 * scheduled here, and "now" comes from here, so tests drive the machine with a manual clock and no
 * sleeps ({@code ManualScheduler} in the tests, {@link ExecutorScheduler} on the device).
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled (cancelling twice or after it ran is harmless). */
    interface Cancellable {
        void cancel();
    }

    /** Monotonic milliseconds (only differences mean anything). */
    long nowMillis();

    /** Runs {@code task} on the machine's thread, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the machine's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);
}
