package dev.porthole.hw.input;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.tinylog.TaggedLogger;

import dev.porthole.hw.evdev.AbsInfo;
import dev.porthole.hw.evdev.DeviceClass;
import dev.porthole.hw.evdev.DeviceInfo;
import dev.porthole.hw.evdev.InputFrame;
import dev.porthole.hw.evdev.RawInputEvent;

import static dev.porthole.hw.evdev.EvdevCodes.*;

/**
 * Turns evdev frames from any number of devices into protocol-neutral {@link InputEvent}s:
 * keys become set-1 scancodes (autorepeat dropped: the remote side repeats), relative mice move one
 * absolute pointer clamped to the desktop, touch screens and tablets place it directly, buttons 1-5
 * and both wheels are reported at the pointer, multi-touch screens (evdev MT protocol B: slots and
 * tracking ids) report every contact as {@link InputEvent.Touch} while their first contact still drives
 * the pointer, and reserved {@link Hotkey}s become
 * {@link InputEvent.LocalAction}s whose keys never reach the output. Keys and buttons still held by a
 * device that goes away, or that a {@code SYN_DROPPED} resync shows released, are released.
 *
 * <p>Thread-safe: readers of different devices may call it concurrently; output is serialised.
 */
public final class InputPipeline {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");
    private static final int MAX_DEVICES = 64;

    private final Consumer<InputEvent> out;
    private final List<Hotkey> hotkeys;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final EnumMap<Hotkey.Modifier, Integer> modifiersDown = new EnumMap<>(Hotkey.Modifier.class);
    private final Set<Integer> suppressed = new HashSet<>();
    private int width;
    private int height;
    private int x;
    private int y;

    /** A pipeline for a {@code width}x{@code height} desktop with {@code hotkeys}, writing to {@code out}. */
    public InputPipeline(int width, int height, List<Hotkey> hotkeys, Consumer<InputEvent> out) {
        this.out = out;
        this.hotkeys = List.copyOf(hotkeys);
        setDesktopSize(width, height);
        this.x = this.width / 2;
        this.y = this.height / 2;
    }

    /** The desktop changed size (a new session or a resize): the pointer stays inside it. */
    public synchronized void setDesktopSize(int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("desktop " + newWidth + "x" + newHeight);
        }
        width = newWidth;
        height = newHeight;
        x = clamp(x, width);
        y = clamp(y, height);
    }

    /** The pointer position {x, y}. */
    public synchronized int[] pointer() {
        return new int[] {x, y};
    }

    /** Starts tracking a device (idempotent); frames of unknown devices are ignored. */
    public synchronized void deviceAdded(DeviceInfo info) {
        if (devices.size() >= MAX_DEVICES && !devices.containsKey(info.node())) {
            LOG.warn("input device ignored node={}: already {} devices", info.node(), MAX_DEVICES);
            return;
        }
        devices.computeIfAbsent(info.node(), n -> new DeviceState(info));
    }

    /** A device went away: whatever it still held is released. */
    public synchronized void deviceRemoved(String node) {
        DeviceState d = devices.remove(node);
        if (d != null) {
            releaseAll(d, new BitSet());
        }
    }

    /** Processes one frame of device {@code node}. */
    public synchronized void frame(String node, InputFrame frame) {
        DeviceState d = devices.get(node);
        if (d == null) {
            return;
        }
        if (frame.resync()) {
            releaseAll(d, frame.keysDown());
            return;
        }
        int dx = 0;
        int dy = 0;
        int wheel = 0;
        int hwheel = 0;
        Integer absX = null;
        Integer absY = null;
        List<int[]> buttons = new ArrayList<>();
        for (RawInputEvent e : frame.events()) {
            switch (e.type()) {
                case EV_KEY -> {
                    if (e.code() >= BTN_MISC && e.code() < 0x160) {
                        int b = buttonOf(e.code());
                        if (b > 0 && e.value() != 2) {
                            buttons.add(new int[] {b, e.value()});
                        }
                    } else if (e.value() != 2) {
                        key(d, e.code(), e.value() != 0);
                    }
                }
                case EV_REL -> {
                    switch (e.code()) {
                        case REL_X -> dx += e.value();
                        case REL_Y -> dy += e.value();
                        case REL_WHEEL -> wheel += d.hiResWheel ? 0 : e.value() * 120;
                        case REL_HWHEEL -> hwheel += d.hiResHWheel ? 0 : e.value() * 120;
                        case REL_WHEEL_HI_RES -> wheel += e.value();
                        case REL_HWHEEL_HI_RES -> hwheel += e.value();
                        default -> { }
                    }
                }
                case EV_ABS -> {
                    switch (e.code()) {
                        case ABS_MT_SLOT -> d.slot = e.value();
                        case ABS_MT_TRACKING_ID -> {
                            if (d.touch != null) {
                                d.touch.trackingId(d.slot, e.value());
                            }
                        }
                        case ABS_X -> absX = d.scaleX(ABS_X, e.value(), width);
                        case ABS_Y -> absY = d.scaleY(ABS_Y, e.value(), height);
                        case ABS_MT_POSITION_X -> {
                            if (d.touch != null) {
                                d.touch.position(d.slot, e.value(), true);
                            } else if (d.slot == 0 && !d.hasSingleTouchAxes) {
                                absX = d.scaleX(ABS_MT_POSITION_X, e.value(), width);
                            }
                        }
                        case ABS_MT_POSITION_Y -> {
                            if (d.touch != null) {
                                d.touch.position(d.slot, e.value(), false);
                            } else if (d.slot == 0 && !d.hasSingleTouchAxes) {
                                absY = d.scaleY(ABS_MT_POSITION_Y, e.value(), height);
                            }
                        }
                        default -> { }
                    }
                }
                default -> { }
            }
        }
        List<InputEvent.Touch.Contact> contacts = List.of();
        if (d.touch != null) {
            contacts = d.touch.endFrame(d, width, height);
            int[] primary = d.touch.primaryMoved();
            if (primary != null && !d.hasSingleTouchAxes) {
                absX = d.scaleX(ABS_MT_POSITION_X, primary[0], width);
                absY = d.scaleY(ABS_MT_POSITION_Y, primary[1], height);
            }
        }
        int nx = absX != null ? absX : clamp(x + dx, width);
        int ny = absY != null ? absY : clamp(y + dy, height);
        if (nx != x || ny != y) {
            x = nx;
            y = ny;
            out.accept(new InputEvent.PointerMove(x, y));
        }
        for (int[] b : buttons) {
            boolean pressed = b[1] != 0;
            if (pressed == d.buttons.get(b[0])) {
                continue;
            }
            d.buttons.set(b[0], pressed);
            out.accept(new InputEvent.PointerButton(b[0], pressed, x, y));
        }
        if (wheel != 0) {
            out.accept(new InputEvent.Wheel(false, wheel, x, y));
        }
        if (hwheel != 0) {
            out.accept(new InputEvent.Wheel(true, hwheel, x, y));
        }
        if (!contacts.isEmpty()) {
            out.accept(new InputEvent.Touch(contacts));
        }
    }

    private static int buttonOf(int code) {
        return switch (code) {
            case BTN_LEFT, BTN_TOUCH -> 1;
            case BTN_RIGHT -> 2;
            case BTN_MIDDLE -> 3;
            case BTN_SIDE, BTN_BACK -> 4;
            case BTN_EXTRA, BTN_FORWARD -> 5;
            default -> 0;
        };
    }

    private void key(DeviceState d, int code, boolean pressed) {
        if (code < 0 || code > KEY_MAX || pressed == d.keys.get(code)) {
            return;
        }
        d.keys.set(code, pressed);
        Hotkey.Modifier mod = Hotkey.Modifier.of(code);
        if (mod != null) {
            modifiersDown.merge(mod, pressed ? 1 : -1, Integer::sum);
            if (modifiersDown.get(mod) <= 0) {
                modifiersDown.remove(mod);
            }
        }
        if (pressed) {
            for (Hotkey h : hotkeys) {
                if (h.keycode() == code && modifiersDown.keySet().containsAll(h.modifiers())) {
                    suppressed.add(code);
                    LOG.info("local hotkey action={}", h.action());
                    out.accept(new InputEvent.LocalAction(h.action()));
                    return;
                }
            }
        } else if (suppressed.remove(code)) {
            return;
        }
        ScancodeMap.of(code).ifPresent(s -> out.accept(new InputEvent.Key(code, s, pressed)));
    }

    private void releaseAll(DeviceState d, BitSet stillDown) {
        if (d.touch != null) {
            List<InputEvent.Touch.Contact> lifted = d.touch.liftAll(d, width, height);
            if (!lifted.isEmpty()) {
                out.accept(new InputEvent.Touch(lifted));
            }
        }
        for (int k = d.keys.nextSetBit(0); k >= 0; k = d.keys.nextSetBit(k + 1)) {
            if (!stillDown.get(k)) {
                key(d, k, false);
            }
        }
        for (int b = d.buttons.nextSetBit(0); b >= 0; b = d.buttons.nextSetBit(b + 1)) {
            d.buttons.clear(b);
            out.accept(new InputEvent.PointerButton(b, false, x, y));
        }
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    private static final class DeviceState implements TouchSlots.Scaler {
        final DeviceInfo info;
        final BitSet keys = new BitSet();
        final BitSet buttons = new BitSet();
        final boolean hiResWheel;
        final boolean hiResHWheel;
        final boolean hasSingleTouchAxes;
        final TouchSlots touch;
        int slot;

        DeviceState(DeviceInfo info) {
            this.info = info;
            this.hiResWheel = info.capabilities().rel().get(REL_WHEEL_HI_RES);
            this.hiResHWheel = info.capabilities().rel().get(REL_HWHEEL_HI_RES);
            this.hasSingleTouchAxes = info.absAxes().containsKey(ABS_X) && info.absAxes().containsKey(ABS_Y);
            AbsInfo slots = info.absAxes().get(ABS_MT_SLOT);
            this.touch = slots != null && info.absAxes().containsKey(ABS_MT_POSITION_X) && info.absAxes().containsKey(ABS_MT_POSITION_Y)
                    ? new TouchSlots(slots) : null;
        }

        int scaleX(int axis, int raw, int size) {
            AbsInfo a = info.absAxes().get(axis);
            return a == null ? clamp(raw, size) : a.scale(raw, size);
        }

        int scaleY(int axis, int raw, int size) {
            return scaleX(axis, raw, size);
        }

        @Override
        public int scale(int axis, int raw, int size) {
            return scaleX(axis, raw, size);
        }

        @Override
        public String toString() {
            return info + (info.is(DeviceClass.OTHER) ? " (ignored)" : "");
        }
    }
}
