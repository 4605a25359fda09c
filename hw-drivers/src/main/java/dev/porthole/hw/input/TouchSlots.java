package dev.porthole.hw.input;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.hw.evdev.AbsInfo;

import static dev.porthole.hw.evdev.EvdevCodes.ABS_MT_POSITION_X;
import static dev.porthole.hw.evdev.EvdevCodes.ABS_MT_POSITION_Y;

/**
 * The contact slots of one evdev multi-touch device (linux/Documentation/input/multi-touch-protocol.rst,
 * protocol B): {@code ABS_MT_SLOT} selects a slot, {@code ABS_MT_TRACKING_ID} starts a contact in it
 * (a new id replaces the old contact) or ends it (-1), {@code ABS_MT_POSITION_X/Y} move it. Values
 * persist per slot: the kernel sends only what changed, so a new contact may inherit a coordinate.
 * Slot numbers come from the device and are untrusted: those outside the device's advertised range
 * (capped at {@link #MAX_SLOTS}) are ignored, so memory stays bounded.
 */
final class TouchSlots {

    /** At most this many slots per device (real panels have 10 or fewer). */
    static final int MAX_SLOTS = 64;

    private final int[] tracking;
    private final int[] rawX;
    private final int[] rawY;
    private final boolean[] began;
    private final boolean[] moved;
    private final List<int[]> ended = new ArrayList<>(); // {slot, id, rawX, rawY, beganThisFrame}
    private int primary = -1;
    private boolean primaryMoved;

    TouchSlots(AbsInfo slotAxis) {
        int n = (int) Math.max(1, Math.min(MAX_SLOTS, (long) slotAxis.maximum() + 1));
        tracking = new int[n];
        java.util.Arrays.fill(tracking, -1);
        rawX = new int[n];
        rawY = new int[n];
        began = new boolean[n];
        moved = new boolean[n];
    }

    private boolean valid(int slot) {
        return slot >= 0 && slot < tracking.length;
    }

    void trackingId(int slot, int id) {
        if (!valid(slot)) {
            return;
        }
        if (tracking[slot] >= 0 && tracking[slot] != id) {
            end(slot);
        }
        if (id >= 0 && tracking[slot] < 0) {
            tracking[slot] = id;
            began[slot] = true;
            moved[slot] = false;
            if (primary < 0) {
                primary = slot;
                primaryMoved = true;
            }
        }
    }

    private void end(int slot) {
        ended.add(new int[] {slot, tracking[slot], rawX[slot], rawY[slot], began[slot] ? 1 : 0});
        tracking[slot] = -1;
        began[slot] = false;
        moved[slot] = false;
        if (primary == slot) {
            primary = -1;
        }
    }

    void position(int slot, int value, boolean xAxis) {
        if (!valid(slot)) {
            return;
        }
        if (xAxis) {
            rawX[slot] = value;
        } else {
            rawY[slot] = value;
        }
        if (tracking[slot] >= 0) {
            moved[slot] = true;
            if (slot == primary) {
                primaryMoved = true;
            }
        }
    }

    /** Closes a report: the contacts that went down, moved or lifted in it, in desktop pixels. */
    List<InputEvent.Touch.Contact> endFrame(Scaler s, int width, int height) {
        List<InputEvent.Touch.Contact> out = new ArrayList<>();
        ended.sort((a, b) -> Integer.compare(a[0], b[0]));
        int e = 0;
        for (int slot = 0; slot < tracking.length; slot++) {
            for (; e < ended.size() && ended.get(e)[0] <= slot; e++) {
                int[] c = ended.get(e);
                int x = s.scale(ABS_MT_POSITION_X, c[2], width);
                int y = s.scale(ABS_MT_POSITION_Y, c[3], height);
                if (c[4] == 1) {
                    out.add(new InputEvent.Touch.Contact(c[0], c[1], InputEvent.Touch.Phase.DOWN, x, y));
                }
                out.add(new InputEvent.Touch.Contact(c[0], c[1], InputEvent.Touch.Phase.UP, x, y));
            }
            if (tracking[slot] >= 0 && (began[slot] || moved[slot])) {
                out.add(new InputEvent.Touch.Contact(slot, tracking[slot],
                        began[slot] ? InputEvent.Touch.Phase.DOWN : InputEvent.Touch.Phase.MOVE,
                        s.scale(ABS_MT_POSITION_X, rawX[slot], width), s.scale(ABS_MT_POSITION_Y, rawY[slot], height)));
            }
            began[slot] = false;
            moved[slot] = false;
        }
        ended.clear();
        return out;
    }

    /**
     * The raw position {x, y} of the first contact (the one that went down while no other was down)
     * when it went down or moved in the report just closed, else null. Resets the flag.
     */
    int[] primaryMoved() {
        if (!primaryMoved || primary < 0) {
            primaryMoved = false;
            return null;
        }
        primaryMoved = false;
        return new int[] {rawX[primary], rawY[primary]};
    }

    /** Lifts every contact (the device went away or its events were dropped): their UP contacts. */
    List<InputEvent.Touch.Contact> liftAll(Scaler s, int width, int height) {
        for (int slot = 0; slot < tracking.length; slot++) {
            if (tracking[slot] >= 0) {
                end(slot);
            }
        }
        List<InputEvent.Touch.Contact> out = new ArrayList<>();
        for (int[] c : ended) {
            out.add(new InputEvent.Touch.Contact(c[0], c[1], InputEvent.Touch.Phase.UP,
                    s.scale(ABS_MT_POSITION_X, c[2], width), s.scale(ABS_MT_POSITION_Y, c[3], height)));
        }
        ended.clear();
        primary = -1;
        primaryMoved = false;
        return out;
    }

    /** Maps a raw axis value to desktop pixels. */
    interface Scaler {
        int scale(int axis, int raw, int size);
    }
}
