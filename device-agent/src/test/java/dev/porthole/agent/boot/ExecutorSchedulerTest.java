package dev.porthole.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The agent's scheduler: on close, work queued to run now still runs; timers that have not fired are dropped. */
class ExecutorSchedulerTest {

    @Test
    void closeRunsQueuedWorkDropsPendingTimersAndEndsItsThread() throws Exception {
        String name = "scheduler-under-test-" + System.nanoTime();
        AtomicBoolean timerRan = new AtomicBoolean();
        CountDownLatch queuedRan = new CountDownLatch(1);
        ExecutorScheduler scheduler = new ExecutorScheduler(name);
        scheduler.schedule(Duration.ofHours(1), () -> timerRan.set(true));
        scheduler.execute(queuedRan::countDown);
        scheduler.close();
        assertThat(queuedRan.await(5, TimeUnit.SECONDS)).as("work queued before close ran").isTrue();
        assertThat(timerRan).as("a timer due in an hour was dropped, not run").isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).as("the scheduler's thread ended when close returned")
                .noneMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
