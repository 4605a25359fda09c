package dev.porthole.hw.input;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.hw.evdev.EvdevFixtures;
import dev.porthole.hw.evdev.InputEventDecoder;

/**
 * Fuzz target for multi-touch decoding (invariant 4: a touch controller's events are untrusted): any
 * byte stream from a multi-touch screen, decoded and run through the pipeline, yields no exception,
 * contacts only in the device's slots and inside the desktop, and a pointer inside the desktop. The
 * saved corpus in {@code MultiTouchFuzzTestInputs/} (starting with the two-finger stream) replays in every build.
 */
class MultiTouchFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void frames(byte[] data) {
        List<InputEvent> out = new ArrayList<>();
        InputPipeline p = new InputPipeline(320, 200, List.of(), out::add);
        p.deviceAdded(EvdevFixtures.multiTouchScreen("/dev/input/event0", (data.length & 1) == 1));
        InputEventDecoder d = new InputEventDecoder();
        d.feed(data, 0, data.length, f -> p.frame("/dev/input/event0", f));
        p.deviceRemoved("/dev/input/event0");
        for (InputEvent e : out) {
            if (e instanceof InputEvent.Touch t) {
                for (InputEvent.Touch.Contact c : t.contacts()) {
                    if (c.slot() < 0 || c.slot() > 9 || c.x() < 0 || c.x() >= 320 || c.y() < 0 || c.y() >= 200) {
                        throw new IllegalStateException("contact out of range: " + c);
                    }
                }
            }
        }
        int[] xy = p.pointer();
        if (xy[0] < 0 || xy[0] >= 320 || xy[1] < 0 || xy[1] >= 200) {
            throw new IllegalStateException("pointer outside the desktop: " + xy[0] + "," + xy[1]);
        }
    }
}
