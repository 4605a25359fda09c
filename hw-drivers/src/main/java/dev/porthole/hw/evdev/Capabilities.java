package dev.porthole.hw.evdev;

import java.util.BitSet;
import java.util.EnumSet;
import java.util.Set;

import static dev.porthole.hw.evdev.EvdevCodes.*;

/**
 * The capability bits of an evdev device ({@code EVIOCGBIT} for the event types, keys, relative and
 * absolute axes, LEDs, and {@code EVIOCGPROP}) and the {@link DeviceClass}es derived from them.
 */
public record Capabilities(BitSet types, BitSet keys, BitSet rel, BitSet abs, BitSet leds, BitSet props) {

    /** Defensive copies. */
    public Capabilities {
        types = copy(types);
        keys = copy(keys);
        rel = copy(rel);
        abs = copy(abs);
        leds = copy(leds);
        props = copy(props);
    }

    private static BitSet copy(BitSet b) {
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** Whether the device reports key {@code code}. */
    public boolean hasKey(int code) {
        return types.get(EV_KEY) && keys.get(code);
    }

    /** Classifies the device. */
    public Set<DeviceClass> classify() {
        EnumSet<DeviceClass> c = EnumSet.noneOf(DeviceClass.class);
        boolean anyKey = types.get(EV_KEY) && keys.nextSetBit(0) >= 0 && keys.nextSetBit(0) < BTN_MISC;
        int letters = 0;
        for (int k = KEY_A; k <= KEY_Z; k++) {
            letters += hasKey(k) ? 1 : 0;
        }
        // the letter row codes 16..25, 30..38, 44..50: a real keyboard has (almost) all of them
        letters += hasKey(16) ? 1 : 0;
        if (letters >= 10 && hasKey(KEY_ENTER) && hasKey(KEY_SPACE)) {
            c.add(DeviceClass.KEYBOARD);
        } else if (anyKey || hasKeysAbove(0x160)) {
            c.add(DeviceClass.KEYS);
        }
        boolean absXy = types.get(EV_ABS) && ((abs.get(ABS_X) && abs.get(ABS_Y))
                || (abs.get(ABS_MT_POSITION_X) && abs.get(ABS_MT_POSITION_Y)));
        if (types.get(EV_REL) && rel.get(REL_X) && rel.get(REL_Y) && hasKey(BTN_LEFT)) {
            c.add(DeviceClass.MOUSE);
        }
        if (absXy) {
            if (hasKey(BTN_TOOL_FINGER) && !props.get(INPUT_PROP_DIRECT)) {
                c.add(DeviceClass.TOUCHPAD);
            } else if (hasKey(BTN_TOUCH) || props.get(INPUT_PROP_DIRECT)) {
                c.add(DeviceClass.TOUCHSCREEN);
            } else if (hasKey(BTN_LEFT) || hasKey(BTN_TOOL_PEN)) {
                c.add(DeviceClass.TABLET);
            }
        }
        if (c.isEmpty()) {
            c.add(DeviceClass.OTHER);
        }
        return c;
    }

    private boolean hasKeysAbove(int from) {
        return types.get(EV_KEY) && keys.nextSetBit(from) >= 0;
    }
}
