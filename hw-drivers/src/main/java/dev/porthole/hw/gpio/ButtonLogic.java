package dev.porthole.hw.gpio;

import java.util.function.Consumer;

/**
 * Debounce and hold detection for one button, driven by explicit timestamps so it is deterministic
 * to test. Raw level changes go to {@link #input}; {@link #tick} (called periodically and after each
 * input) settles the level once it has been stable for the debounce time and fires actions:
 * with a hold action, a press shorter than the hold time fires the press action on release and a
 * longer one fires the hold action once, while still held; without a hold action the press action
 * fires as soon as the press is settled.
 */
public final class ButtonLogic {

    private final ButtonSpec spec;
    private final long debounceNanos;
    private final Consumer<String> actions;
    private boolean raw;
    private long rawSince;
    private boolean stable;
    private long pressedAt;
    private boolean holdFired;
    private boolean suppressPress;

    /** Logic for {@code spec} with {@code debounceNanos}; actions go to {@code actions}. */
    public ButtonLogic(ButtonSpec spec, long debounceNanos, Consumer<String> actions) {
        if (debounceNanos < 0) {
            throw new IllegalArgumentException("debounce " + debounceNanos);
        }
        this.spec = spec;
        this.debounceNanos = debounceNanos;
        this.actions = actions;
    }

    /**
     * The level found at start. A button already pressed then (held through boot, or a stuck line)
     * fires nothing until it has been released once.
     */
    public synchronized void initial(boolean pressed, long nowNanos) {
        raw = pressed;
        stable = pressed;
        rawSince = nowNanos;
        pressedAt = nowNanos;
        holdFired = pressed;
        suppressPress = pressed;
    }

    /** A raw level change: {@code pressed} after polarity, at {@code nowNanos}. */
    public synchronized void input(boolean pressed, long nowNanos) {
        if (pressed != raw) {
            raw = pressed;
            rawSince = nowNanos;
        }
        tick(nowNanos);
    }

    /** Settles the level and fires actions due at {@code nowNanos}. */
    public synchronized void tick(long nowNanos) {
        if (raw != stable && nowNanos - rawSince >= debounceNanos) {
            stable = raw;
            if (stable) {
                pressedAt = rawSince;
                holdFired = false;
                suppressPress = false;
                if (spec.holdAction() == null) {
                    actions.accept(spec.pressAction());
                }
            } else if (spec.holdAction() != null && !holdFired && !suppressPress && spec.pressAction() != null) {
                actions.accept(spec.pressAction());
            }
        }
        if (stable && spec.holdAction() != null && !holdFired && nowNanos - pressedAt >= spec.hold().toNanos()) {
            holdFired = true;
            actions.accept(spec.holdAction());
        }
    }

    /** The debounced state. */
    public synchronized boolean pressed() {
        return stable;
    }

    /** The button. */
    public ButtonSpec spec() {
        return spec;
    }
}
