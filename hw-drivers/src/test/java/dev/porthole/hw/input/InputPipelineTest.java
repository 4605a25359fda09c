package dev.porthole.hw.input;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.porthole.hw.evdev.EvdevFixtures;
import dev.porthole.hw.evdev.InputFrame;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.input.InputEvent.Key;
import dev.porthole.hw.input.InputEvent.LocalAction;
import dev.porthole.hw.input.InputEvent.PointerButton;
import dev.porthole.hw.input.InputEvent.PointerMove;
import dev.porthole.hw.input.InputEvent.Wheel;

class InputPipelineTest {

    static final String KBD = "/dev/input/event1";
    static final String MOUSE = "/dev/input/event2";
    static final String HIRES = "/dev/input/event3";
    static final String TOUCH = "/dev/input/event4";

    List<InputEvent> out;
    InputPipeline p;

    @BeforeEach
    void setUp() {
        out = new ArrayList<>();
        p = new InputPipeline(1024, 768, List.of(Hotkey.disconnect()), out::add);
        p.deviceAdded(EvdevFixtures.keyboard(KBD));
        p.deviceAdded(EvdevFixtures.mouse(MOUSE, false));
        p.deviceAdded(EvdevFixtures.mouse(HIRES, true));
        p.deviceAdded(EvdevFixtures.touchscreen(TOUCH));
    }

    static InputFrame frame(int... tcv) {
        List<RawInputEvent> e = new ArrayList<>();
        for (int i = 0; i < tcv.length; i += 3) {
            e.add(RawInputEvent.of(tcv[i], tcv[i + 1], tcv[i + 2]));
        }
        return InputFrame.of(e);
    }

    @Test
    void keysBecomeScancodesAndAutorepeatIsLeftToTheServer() {
        p.frame(KBD, frame(EV_MSC, 4, 0x70004, EV_KEY, 30, 1));
        p.frame(KBD, frame(EV_KEY, 30, 2));
        p.frame(KBD, frame(EV_KEY, 30, 2));
        p.frame(KBD, frame(EV_KEY, 30, 0));
        p.frame(KBD, frame(EV_KEY, 97, 1, EV_KEY, 97, 0));
        assertThat(out).containsExactly(new Key(30, Scancode.of(0x1e), true), new Key(30, Scancode.of(0x1e), false),
                new Key(97, Scancode.e0(0x1d), true), new Key(97, Scancode.e0(0x1d), false));
    }

    @Test
    void reservedHotkeyNeverLeaksIntoTheOutput() {
        p.frame(KBD, frame(EV_KEY, 29, 1));  // left Ctrl
        p.frame(KBD, frame(EV_KEY, 100, 1)); // right Alt
        p.frame(KBD, frame(EV_KEY, 107, 1)); // End
        p.frame(KBD, frame(EV_KEY, 107, 2));
        p.frame(KBD, frame(EV_KEY, 107, 0));
        p.frame(KBD, frame(EV_KEY, 100, 0));
        p.frame(KBD, frame(EV_KEY, 29, 0));
        assertThat(out).contains(new LocalAction("disconnect"));
        assertThat(out).noneMatch(e -> e instanceof Key k && k.keycode() == 107);
        // End alone is an ordinary key
        out.clear();
        p.frame(KBD, frame(EV_KEY, 107, 1, EV_KEY, 107, 0));
        assertThat(out).containsExactly(new Key(107, Scancode.e0(0x4f), true), new Key(107, Scancode.e0(0x4f), false));
    }

    @Test
    void relativeMotionIsClampedToTheDesktop() {
        assertThat(p.pointer()).containsExactly(512, 384);
        p.frame(MOUSE, frame(EV_REL, REL_X, 10, EV_REL, REL_Y, -4));
        p.frame(MOUSE, frame(EV_REL, REL_X, -5000, EV_REL, REL_Y, -5000));
        p.frame(MOUSE, frame(EV_REL, REL_X, 99999, EV_REL, REL_Y, 99999));
        p.frame(MOUSE, frame(EV_REL, REL_X, 5)); // already at the edge: nothing new
        assertThat(out).containsExactly(new PointerMove(522, 380), new PointerMove(0, 0), new PointerMove(1023, 767));
        p.setDesktopSize(800, 600);
        assertThat(p.pointer()).containsExactly(799, 599);
    }

    @Test
    void fiveButtonsAndBothWheelsAtThePointer() {
        p.frame(MOUSE, frame(EV_REL, REL_X, 1, EV_KEY, BTN_LEFT, 1));
        p.frame(MOUSE, frame(EV_KEY, BTN_LEFT, 0, EV_KEY, BTN_RIGHT, 1, EV_KEY, BTN_RIGHT, 0));
        p.frame(MOUSE, frame(EV_KEY, BTN_MIDDLE, 1, EV_KEY, BTN_SIDE, 1, EV_KEY, BTN_EXTRA, 1));
        p.frame(MOUSE, frame(EV_REL, REL_WHEEL, -1, EV_REL, REL_HWHEEL, 2));
        assertThat(out).containsExactly(new PointerMove(513, 384), new PointerButton(1, true, 513, 384),
                new PointerButton(1, false, 513, 384), new PointerButton(2, true, 513, 384), new PointerButton(2, false, 513, 384),
                new PointerButton(3, true, 513, 384), new PointerButton(4, true, 513, 384), new PointerButton(5, true, 513, 384),
                new Wheel(false, -120, 513, 384), new Wheel(true, 240, 513, 384));
    }

    @Test
    void hiResWheelsAreNotCountedTwice() {
        p.frame(HIRES, frame(EV_REL, REL_WHEEL, 1, EV_REL, REL_WHEEL_HI_RES, 120));
        p.frame(HIRES, frame(EV_REL, REL_WHEEL_HI_RES, 30));
        assertThat(out).containsExactly(new Wheel(false, 120, 512, 384), new Wheel(false, 30, 512, 384));
    }

    @Test
    void touchPlacesThePointerAndTouchIsButtonOne() {
        p.frame(TOUCH, frame(EV_ABS, ABS_MT_SLOT, 0, EV_ABS, ABS_MT_TRACKING_ID, 5, EV_ABS, ABS_MT_POSITION_X, 4095,
                EV_ABS, ABS_MT_POSITION_Y, 0, EV_ABS, ABS_X, 4095, EV_ABS, ABS_Y, 0, EV_KEY, BTN_TOUCH, 1));
        p.frame(TOUCH, frame(EV_ABS, ABS_X, 2048, EV_ABS, ABS_Y, 2048));
        p.frame(TOUCH, frame(EV_KEY, BTN_TOUCH, 0));
        assertThat(out).containsExactly(new PointerMove(1023, 0), new PointerButton(1, true, 1023, 0),
                new PointerMove(511, 383), new PointerButton(1, false, 511, 383));
    }

    @Test
    void resyncAfterSynDroppedReleasesWhatTheDeviceNoLongerHolds() {
        p.frame(KBD, frame(EV_KEY, 30, 1, EV_KEY, 42, 1));
        out.clear();
        BitSet stillDown = new BitSet();
        stillDown.set(30);
        p.frame(KBD, InputFrame.resync(stillDown));
        assertThat(out).containsExactly(new Key(42, Scancode.of(0x2a), false));
    }

    @Test
    void unpluggedDeviceReleasesItsKeysAndButtons() {
        p.frame(KBD, frame(EV_KEY, 29, 1));
        p.frame(MOUSE, frame(EV_KEY, BTN_LEFT, 1));
        out.clear();
        p.deviceRemoved(KBD);
        p.deviceRemoved(MOUSE);
        assertThat(out).containsExactly(new Key(29, Scancode.of(0x1d), false), new PointerButton(1, false, 512, 384));
        p.frame(KBD, frame(EV_KEY, 30, 1));
        assertThat(out).hasSize(2);
    }

    @Test
    void keyCharsForLocalTextEntry() {
        assertThat(KeyChars.of(30, false)).isEqualTo('a');
        assertThat(KeyChars.of(30, true)).isEqualTo('A');
        assertThat(KeyChars.of(2, true)).isEqualTo('!');
        assertThat(KeyChars.of(57, false)).isEqualTo(' ');
        assertThat(KeyChars.of(28, false)).isEqualTo((char) 0);
        assertThat(KeyChars.of(9999, false)).isEqualTo((char) 0);
    }
}
