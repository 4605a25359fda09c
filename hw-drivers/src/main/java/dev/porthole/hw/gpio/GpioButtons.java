package dev.porthole.hw.gpio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tinylog.TaggedLogger;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * Hardware buttons on GPIO lines through Pi4J (the gpiod provider on the device, the mock provider in
 * tests), with software debounce and hold detection ({@link ButtonLogic}) and device actions
 * delivered to a consumer. A virtual thread ticks every few milliseconds to detect holds.
 */
public final class GpioButtons implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");
    private static final long TICK_MILLIS = 5;

    private final List<ButtonLogic> logic = new ArrayList<>();
    private final List<DigitalInput> inputs = new ArrayList<>();
    private final List<com.pi4j.io.gpio.digital.DigitalStateChangeListener> listeners = new ArrayList<>();
    private final Thread ticker;
    private volatile boolean running = true;

    private GpioButtons(Context pi4j, List<ButtonSpec> buttons, Duration debounce, Consumer<String> actions) {
        Consumer<String> safe = a -> {
            LOG.info("button action={}", a);
            try {
                actions.accept(a);
            } catch (RuntimeException e) {
                LOG.error(e, "button action handler failed action={}", a);
            }
        };
        for (ButtonSpec b : buttons) {
            ButtonLogic l = new ButtonLogic(b, debounce.toNanos(), safe);
            DigitalInput in = pi4j.din().create(DigitalInput.newConfigBuilder(pi4j).id("button-" + b.id()).name(b.id())
                    .address(b.address()).pull(b.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN).build());
            com.pi4j.io.gpio.digital.DigitalStateChangeListener listener =
                    e -> l.input(pressed(e.state(), b.activeLow()), System.nanoTime());
            in.addListener(listener);
            listeners.add(listener);
            l.initial(pressed(in.state(), b.activeLow()), System.nanoTime());
            logic.add(l);
            inputs.add(in);
        }
        ticker = Thread.ofVirtual().name("gpio-buttons").start(this::tick);
    }

    /** Starts watching {@code buttons} on {@code pi4j}; actions go to {@code actions}. */
    public static GpioButtons start(Context pi4j, List<ButtonSpec> buttons, Duration debounce, Consumer<String> actions) {
        return new GpioButtons(pi4j, buttons, debounce, actions);
    }

    private static boolean pressed(DigitalState s, boolean activeLow) {
        return activeLow ? s == DigitalState.LOW : s == DigitalState.HIGH;
    }

    private void tick() {
        while (running) {
            long now = System.nanoTime();
            for (ButtonLogic l : logic) {
                l.tick(now);
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The debounced state of button {@code id}. */
    public boolean pressed(String id) {
        return logic.stream().filter(l -> l.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no button " + id)).pressed();
    }

    /** Stops the ticker and releases the inputs' listeners. */
    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).removeListener(listeners.get(i));
        }
    }
}
