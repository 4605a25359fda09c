package dev.porthole.hw.evdev;

import static dev.porthole.hw.evdev.EvdevCodes.*;

import java.util.BitSet;
import java.util.Map;

/** Capability sets of typical devices, as EVIOCGBIT reports them. */
public final class EvdevFixtures {

    private EvdevFixtures() {}

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    public static DeviceInfo keyboard(String node) {
        BitSet keys = new BitSet();
        keys.set(1, 128);
        return DeviceInfo.of(node, "test keyboard", new InputId(3, 1, 2, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_MSC, EV_LED, EV_REP), keys, null, null, bits(LED_NUML, LED_CAPSL, LED_SCROLLL), null),
                Map.of());
    }

    public static DeviceInfo mouse(String node, boolean hiRes) {
        BitSet rel = hiRes ? bits(REL_X, REL_Y, REL_WHEEL, REL_HWHEEL, REL_WHEEL_HI_RES, REL_HWHEEL_HI_RES)
                : bits(REL_X, REL_Y, REL_WHEEL, REL_HWHEEL);
        return DeviceInfo.of(node, "test mouse", new InputId(3, 1, 3, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_REL), bits(BTN_LEFT, BTN_RIGHT, BTN_MIDDLE, BTN_SIDE, BTN_EXTRA),
                        rel, null, null, null), Map.of());
    }

    public static DeviceInfo touchscreen(String node) {
        return DeviceInfo.of(node, "test touch", new InputId(3, 1, 4, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_ABS), bits(BTN_TOUCH), null,
                        bits(ABS_X, ABS_Y, ABS_MT_SLOT, ABS_MT_POSITION_X, ABS_MT_POSITION_Y, ABS_MT_TRACKING_ID), null,
                        bits(INPUT_PROP_DIRECT)),
                Map.of(ABS_X, AbsInfo.range(0, 4095), ABS_Y, AbsInfo.range(0, 4095), ABS_MT_POSITION_X, AbsInfo.range(0, 4095),
                        ABS_MT_POSITION_Y, AbsInfo.range(0, 4095)));
    }

    /** A multi-touch screen (MT protocol B, slots 0-9), optionally with the single-touch ABS_X/ABS_Y emulation axes. */
    public static DeviceInfo multiTouchScreen(String node, boolean singleTouchAxes) {
        BitSet abs = bits(ABS_MT_SLOT, ABS_MT_POSITION_X, ABS_MT_POSITION_Y, ABS_MT_TRACKING_ID);
        Map<Integer, AbsInfo> axes = new java.util.HashMap<>(Map.of(ABS_MT_SLOT, AbsInfo.range(0, 9),
                ABS_MT_TRACKING_ID, AbsInfo.range(0, 65535), ABS_MT_POSITION_X, AbsInfo.range(0, 4095),
                ABS_MT_POSITION_Y, AbsInfo.range(0, 4095)));
        if (singleTouchAxes) {
            abs.set(ABS_X);
            abs.set(ABS_Y);
            axes.put(ABS_X, AbsInfo.range(0, 4095));
            axes.put(ABS_Y, AbsInfo.range(0, 4095));
        }
        return DeviceInfo.of(node, "test multi-touch", new InputId(3, 1, 5, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_ABS), bits(BTN_TOUCH), null, abs, null, bits(INPUT_PROP_DIRECT)), axes);
    }
}
