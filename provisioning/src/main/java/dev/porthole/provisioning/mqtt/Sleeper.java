package dev.porthole.provisioning.mqtt;

import java.time.Duration;

/** Waits; injectable so tests can record backoff delays instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing: {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    /** Sleeps for {@code duration}; must return early with {@link InterruptedException} when interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
