package dev.porthole.agent.boot;

import static dev.porthole.hw.evdev.EvdevCodes.EV_KEY;
import static dev.porthole.hw.evdev.EvdevCodes.EV_LED;
import static dev.porthole.hw.evdev.EvdevCodes.EV_REP;
import static dev.porthole.hw.evdev.EvdevCodes.EV_SYN;
import static dev.porthole.hw.evdev.EvdevCodes.SYN_REPORT;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.porthole.hw.evdev.Capabilities;
import dev.porthole.hw.evdev.DeviceInfo;
import dev.porthole.hw.evdev.EvdevReader;
import dev.porthole.hw.evdev.InputEventDecoder;
import dev.porthole.hw.evdev.InputId;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.evdev.RecordedInputSource;
import dev.porthole.hw.input.InputPipeline;
import dev.porthole.hw.input.KeyChars;

/** A fake evdev keyboard: text becomes recorded {@code input_event} bytes replayed through the real reader. */
final class FakeKeyboard {

    static final int KEY_LEFTSHIFT = 42;
    static final int KEY_ENTER = 28;

    private FakeKeyboard() {}

    static DeviceInfo info() {
        BitSet types = new BitSet();
        types.set(EV_SYN);
        types.set(EV_KEY);
        types.set(EV_LED);
        types.set(EV_REP);
        BitSet keys = new BitSet();
        keys.set(1, 128);
        return DeviceInfo.of("/dev/input/event7", "fake keyboard", new InputId(3, 1, 2, 1),
                new Capabilities(types, keys, null, null, new BitSet(), null), Map.of());
    }

    /** Key presses typing {@code text} (US layout), each a frame. */
    static byte[] typing(String text) {
        List<RawInputEvent> events = new ArrayList<>();
        for (char c : text.toCharArray()) {
            int[] k = keyOf(c);
            if (k[1] == 1) {
                press(events, KEY_LEFTSHIFT, 1);
            }
            press(events, k[0], 1);
            press(events, k[0], 0);
            if (k[1] == 1) {
                press(events, KEY_LEFTSHIFT, 0);
            }
        }
        return InputEventDecoder.encode(events);
    }

    /** One key pressed and released. */
    static byte[] key(int keycode) {
        List<RawInputEvent> events = new ArrayList<>();
        press(events, keycode, 1);
        press(events, keycode, 0);
        return InputEventDecoder.encode(events);
    }

    private static void press(List<RawInputEvent> events, int code, int value) {
        events.add(RawInputEvent.of(EV_KEY, code, value));
        events.add(RawInputEvent.of(EV_SYN, SYN_REPORT, 0));
    }

    private static int[] keyOf(char c) {
        for (int code = 0; code < 128; code++) {
            if (KeyChars.of(code, false) == c) {
                return new int[] {code, 0};
            }
            if (KeyChars.of(code, true) == c) {
                return new int[] {code, 1};
            }
        }
        throw new IllegalArgumentException("no key types '" + c + "'");
    }

    /** Replays {@code bytes} from a fake keyboard into {@code pipeline} and waits for the stream to end. */
    static void play(InputPipeline pipeline, byte[] bytes) throws InterruptedException {
        DeviceInfo info = info();
        pipeline.deviceAdded(info);
        CountDownLatch gone = new CountDownLatch(1);
        EvdevReader r = EvdevReader.start(new RecordedInputSource(info, bytes, 24, null), f -> pipeline.frame(info.node(), f),
                (src, err) -> gone.countDown());
        if (!gone.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("fake keyboard stream did not end");
        }
        r.close();
        pipeline.deviceRemoved(info.node());
    }
}
