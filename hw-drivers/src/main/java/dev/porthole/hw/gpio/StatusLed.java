package dev.porthole.hw.gpio;

import org.tinylog.TaggedLogger;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** The status LED on a GPIO line, showing a {@link LedPattern} from a virtual thread. */
public final class StatusLed implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");
    private static final long STEP_MILLIS = 10;

    private final DigitalOutput out;
    private final boolean activeLow;
    private final Thread thread;
    private volatile LedPattern pattern = LedPattern.OFF;
    private volatile long since = System.nanoTime();
    private volatile boolean running = true;

    private StatusLed(DigitalOutput out, boolean activeLow) {
        this.out = out;
        this.activeLow = activeLow;
        this.thread = Thread.ofVirtual().name("status-led").start(this::run);
    }

    /** Drives the LED on GPIO {@code address} ({@code activeLow}: lit when the line is low). */
    public static StatusLed start(Context pi4j, int address, boolean activeLow) {
        DigitalOutput o = pi4j.dout().create(DigitalOutput.newConfigBuilder(pi4j).id("status-led").name("status LED")
                .address(address).initial(activeLow ? DigitalState.HIGH : DigitalState.LOW)
                .shutdown(activeLow ? DigitalState.HIGH : DigitalState.LOW).build());
        return new StatusLed(o, activeLow);
    }

    /** Shows {@code p} from now on (its cycle restarts). */
    public void show(LedPattern p) {
        if (p != pattern) {
            LOG.debug("status LED pattern={}", p);
            since = System.nanoTime();
            pattern = p;
            apply(p.litAt(0));
            thread.interrupt();
        }
    }

    /** The pattern shown. */
    public LedPattern pattern() {
        return pattern;
    }

    private void run() {
        while (running) {
            apply(pattern.litAt((System.nanoTime() - since) / 1_000_000L));
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                // pattern changed or closing
            }
        }
    }

    private synchronized void apply(boolean lit) {
        DigitalState want = lit != activeLow ? DigitalState.HIGH : DigitalState.LOW;
        if (out.state() != want) {
            out.state(want);
        }
    }

    /** Stops the pattern and switches the LED off. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(java.time.Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        apply(false);
    }
}
