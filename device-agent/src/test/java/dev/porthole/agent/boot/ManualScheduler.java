package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} driven by the test: tasks run on {@link #runPending()}, time moves on {@link #advance}. */
final class ManualScheduler implements Scheduler {

    private record Timer(long due, long seq, Runnable task, boolean[] cancelled) {}

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = new boolean[1];
        timers.add(new Timer(now + delay.toMillis(), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs queued tasks until none is left. */
    void runPending() {
        while (true) {
            Runnable r;
            synchronized (this) {
                r = queue.poll();
            }
            if (r == null) {
                return;
            }
            r.run();
        }
    }

    /** Moves time forward by {@code d}, running due timers in order (and what they queue). */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toMillis();
        }
        runPending();
        while (true) {
            Timer next;
            synchronized (this) {
                timers.removeIf(t -> t.cancelled()[0]);
                next = timers.stream().filter(t -> t.due() <= target)
                        .min(Comparator.comparingLong(Timer::due).thenComparingLong(Timer::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    break;
                }
                timers.remove(next);
                now = Math.max(now, next.due());
            }
            next.task().run();
            runPending();
        }
        runPending();
    }

    /** The delay until the earliest live timer, or null. */
    synchronized Duration nextTimer() {
        timers.removeIf(t -> t.cancelled()[0]);
        return timers.stream().mapToLong(Timer::due).min().stream().mapToObj(t -> Duration.ofMillis(t - now)).findFirst()
                .orElse(null);
    }
}
