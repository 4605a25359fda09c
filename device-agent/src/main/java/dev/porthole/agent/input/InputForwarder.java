package dev.porthole.agent.input;

import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.Scancode;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * Maps the input pipeline's protocol-neutral events onto a {@link RemoteInput}: keys as set-1
 * scancodes with the extended flag, the pointer clamped to the session's desktop, buttons 1-5 and
 * both wheels; the lock keys' state is tracked and synchronised when a session starts, and follows the
 * server's indicators (which also drive the keyboard LEDs). Local actions never reach the session.
 * Thread-safe.
 */
public final class InputForwarder {

    private static final TaggedLogger LOG = Logger.tag("agent");
    private static final int KEY_CAPSLOCK = 58;
    private static final int KEY_NUMLOCK = 69;
    private static final int KEY_SCROLLLOCK = 70;

    private final KeyboardLeds leds;
    private RemoteInput target;
    private int width = 1;
    private int height = 1;
    private int lockFlags;

    /** A forwarder with no session yet; {@code leds} follow the lock state. */
    public InputForwarder(KeyboardLeds leds) {
        this.leds = leds;
    }

    /** Input goes to {@code input}, a {@code width}x{@code height} desktop; the lock keys are synchronised. */
    public synchronized void attach(RemoteInput input, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("desktop " + width + "x" + height);
        }
        this.target = input;
        this.width = width;
        this.height = height;
        input.sendSynchronize(lockFlags);
    }

    /** No session: input stops here. */
    public synchronized void detach() {
        target = null;
    }

    /** The server's lock-key state (TS_SYNC_* flags): adopted, and shown on the LEDs. */
    public synchronized void serverIndicators(int flags) {
        lockFlags = flags & 0xF;
        showLeds();
    }

    /** The lock state as TS_SYNC_* flags. */
    public synchronized int lockFlags() {
        return lockFlags;
    }

    /** Forwards {@code event} to the session (if any); returns whether it was sent. */
    public synchronized boolean accept(InputEvent event) {
        if (event instanceof InputEvent.Key k && k.pressed()) {
            int toggled = switch (k.keycode()) {
                case KEY_CAPSLOCK -> RemoteInput.CAPS_LOCK;
                case KEY_NUMLOCK -> RemoteInput.NUM_LOCK;
                case KEY_SCROLLLOCK -> RemoteInput.SCROLL_LOCK;
                default -> 0;
            };
            if (toggled != 0) {
                lockFlags ^= toggled;
                showLeds();
            }
        }
        RemoteInput to = target;
        if (to == null) {
            return false;
        }
        switch (event) {
            case InputEvent.Key k -> {
                Scancode s = k.scancode();
                if (s.extended1()) {
                    // Pause (E1 1D 45) has no release: the whole sequence goes on the press, nothing on the release
                    if (!k.pressed()) {
                        return false;
                    }
                    to.sendPause();
                } else {
                    to.sendKey(s.code(), s.extended(), k.pressed());
                }
            }
            case InputEvent.PointerMove m -> to.sendPointerMove(clampX(m.x()), clampY(m.y()));
            case InputEvent.PointerButton b -> {
                if (b.button() < 1 || b.button() > 5) {
                    return false;
                }
                to.sendPointerButton(b.button(), b.pressed(), clampX(b.x()), clampY(b.y()));
            }
            case InputEvent.Wheel w -> {
                if (w.delta() == 0) {
                    return false;
                }
                to.sendWheel(w.horizontal(), w.delta(), clampX(w.x()), clampY(w.y()));
            }
            case InputEvent.LocalAction a -> {
                LOG.debug("local action kept on the device action={}", a.action());
                return false;
            }
            case InputEvent.Touch t -> {
                // multi-touch contacts need MS-RDPEI, not wired yet; the first contact already moved the pointer
                return false;
            }
        }
        return true;
    }

    private int clampX(int x) {
        return Math.max(0, Math.min(width - 1, x));
    }

    private int clampY(int y) {
        return Math.max(0, Math.min(height - 1, y));
    }

    private void showLeds() {
        leds.set((lockFlags & RemoteInput.CAPS_LOCK) != 0, (lockFlags & RemoteInput.NUM_LOCK) != 0,
                (lockFlags & RemoteInput.SCROLL_LOCK) != 0);
    }
}
