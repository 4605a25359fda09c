package dev.porthole.hw.evdev;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static dev.porthole.hw.evdev.EvdevFixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void typicalDevicesAreClassified() {
        assertThat(EvdevFixtures.keyboard("k").classes()).containsExactly(DeviceClass.KEYBOARD);
        assertThat(EvdevFixtures.mouse("m", false).classes()).containsExactly(DeviceClass.MOUSE);
        assertThat(EvdevFixtures.touchscreen("t").classes()).containsExactly(DeviceClass.TOUCHSCREEN);
    }

    @Test
    void mediaKeysPowerButtonTouchpadTabletAndSwitches() {
        assertThat(new Capabilities(bits(EV_KEY), bits(113, 114, 115, 164), null, null, null, null).classify())
                .containsExactly(DeviceClass.KEYS);
        assertThat(new Capabilities(bits(EV_KEY), bits(116), null, null, null, null).classify()).containsExactly(DeviceClass.KEYS);
        assertThat(new Capabilities(bits(EV_KEY, EV_ABS), bits(BTN_LEFT, BTN_TOOL_FINGER, BTN_TOUCH), null, bits(ABS_X, ABS_Y), null, null)
                .classify()).containsExactly(DeviceClass.TOUCHPAD);
        assertThat(new Capabilities(bits(EV_KEY, EV_ABS), bits(BTN_LEFT, BTN_RIGHT), null, bits(ABS_X, ABS_Y), null, null).classify())
                .containsExactly(DeviceClass.TABLET);
        assertThat(new Capabilities(bits(EV_SW), null, null, null, null, null).classify()).containsExactly(DeviceClass.OTHER);
    }

    @Test
    void aKeyboardWithAPointingStickIsBoth() {
        java.util.BitSet keys = new java.util.BitSet();
        keys.set(1, 128);
        keys.set(BTN_LEFT);
        assertThat(new Capabilities(bits(EV_KEY, EV_REL), keys, bits(REL_X, REL_Y), null, null, null).classify())
                .containsExactlyInAnyOrder(DeviceClass.KEYBOARD, DeviceClass.MOUSE);
    }

    @Test
    void absAxisScalingClampsToTheScreen() {
        AbsInfo a = AbsInfo.range(100, 1100);
        assertThat(a.scale(100, 1920)).isZero();
        assertThat(a.scale(1100, 1920)).isEqualTo(1919);
        assertThat(a.scale(600, 1001)).isEqualTo(500);
        assertThat(a.scale(-5000, 1920)).isZero();
        assertThat(a.scale(99999, 1920)).isEqualTo(1919);
    }
}
