package dev.porthole.agent.input;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.porthole.hw.evdev.Capabilities;
import dev.porthole.hw.evdev.DeviceInfo;
import dev.porthole.hw.evdev.EvdevReader;
import dev.porthole.hw.evdev.InputEventDecoder;
import dev.porthole.hw.evdev.InputId;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.evdev.RecordedInputSource;
import dev.porthole.hw.input.Hotkey;
import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.InputPipeline;
import dev.porthole.hw.input.Scancode;
import org.junit.jupiter.api.Test;

/** Fake evdev streams through the real reader and pipeline into the router, forwarder and a recording RemoteInput. */
class InputForwardingTest {

    static final class Recorder implements RemoteInput {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void sendKey(int scancode, boolean extended, boolean down) {
            sent.add(String.format("key %s%02X %s", extended ? "E0 " : "", scancode, down ? "down" : "up"));
        }

        @Override
        public void sendPause() {
            sent.add("pause");
        }

        @Override
        public void sendUnicode(int unit, boolean down) {
            sent.add("unicode " + unit);
        }

        @Override
        public void sendPointerMove(int x, int y) {
            sent.add("move " + x + "," + y);
        }

        @Override
        public void sendPointerButton(int button, boolean down, int x, int y) {
            sent.add("button " + button + " " + (down ? "down" : "up") + " " + x + "," + y);
        }

        @Override
        public void sendWheel(boolean horizontal, int delta, int x, int y) {
            sent.add((horizontal ? "hwheel " : "wheel ") + delta + " " + x + "," + y);
        }

        @Override
        public void sendSynchronize(int lockFlags) {
            sent.add("sync " + lockFlags);
        }
    }

    static final class Local implements InputRouter.Local {
        volatile boolean session = true;
        final List<String> seen = new CopyOnWriteArrayList<>();
        int activity;

        @Override
        public boolean inSession() {
            return session;
        }

        @Override
        public synchronized void userActivity() {
            activity++;
        }

        @Override
        public void localKey(InputEvent.Key key) {
            seen.add("local key " + key.keycode() + (key.pressed() ? " down" : " up"));
        }

        @Override
        public void localAction(String action) {
            seen.add("action " + action);
        }
    }

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    static DeviceInfo keyboard() {
        BitSet keys = new BitSet();
        keys.set(1, 128);
        return DeviceInfo.of("/dev/input/event3", "fake keyboard", new InputId(3, 1, 2, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_LED, EV_REP), keys, null, null, bits(LED_NUML, LED_CAPSL, LED_SCROLLL), null),
                Map.of());
    }

    static DeviceInfo mouse() {
        return DeviceInfo.of("/dev/input/event4", "fake mouse", new InputId(3, 1, 3, 1),
                new Capabilities(bits(EV_SYN, EV_KEY, EV_REL), bits(BTN_LEFT, 0x111, 0x112), bits(REL_X, REL_Y, REL_WHEEL, REL_HWHEEL),
                        null, null, null), Map.of());
    }

    /** input_event bytes: each int[] is {type, code, value}, a SYN_REPORT after each group. */
    static byte[] stream(int[][]... frames) {
        List<RawInputEvent> events = new ArrayList<>();
        for (int[][] frame : frames) {
            for (int[] e : frame) {
                events.add(RawInputEvent.of(e[0], e[1], e[2]));
            }
            events.add(RawInputEvent.of(EV_SYN, SYN_REPORT, 0));
        }
        return InputEventDecoder.encode(events);
    }

    static int[][] key(int code, int value) {
        return new int[][] {{EV_KEY, code, value}};
    }

    static void play(InputPipeline pipeline, DeviceInfo device, byte[] bytes) throws InterruptedException {
        pipeline.deviceAdded(device);
        CountDownLatch gone = new CountDownLatch(1);
        EvdevReader r = EvdevReader.start(new RecordedInputSource(device, bytes, 13, null), f -> pipeline.frame(device.node(), f),
                (src, err) -> gone.countDown());
        assertThat(gone.await(10, TimeUnit.SECONDS)).as("the fake stream ended").isTrue();
        r.close();
    }

    @Test
    void keysPointerButtonsAndWheelsArriveAsRemoteInputAndTheHotkeyNeverLeaks() throws Exception {
        Recorder remote = new Recorder();
        Local local = new Local();
        List<String> leds = new CopyOnWriteArrayList<>();
        InputForwarder forwarder = new InputForwarder((caps, num, scroll) -> leds.add(caps + "/" + num + "/" + scroll));
        forwarder.attach(remote, 800, 600);
        InputPipeline pipeline = new InputPipeline(1920, 1080, List.of(Hotkey.disconnect()), new InputRouter(local, forwarder));

        play(pipeline, keyboard(), stream(
                key(29, 1), key(56, 1), key(107, 1), key(107, 0), key(56, 0), key(29, 0), // Ctrl+Alt+End: local disconnect
                key(30, 1), key(30, 2), key(30, 0),                                        // a, with an autorepeat
                key(106, 1), key(106, 0),                                                  // Right: E0 4D
                key(58, 1), key(58, 0)));                                                  // Caps Lock
        play(pipeline, mouse(), stream(
                new int[][] {{EV_REL, REL_X, 5000}, {EV_REL, REL_Y, -40}},
                key(BTN_LEFT, 1), key(BTN_LEFT, 0),
                new int[][] {{EV_REL, REL_WHEEL, -2}},
                new int[][] {{EV_REL, REL_HWHEEL, 1}}));

        assertThat(remote.sent).containsExactly(
                "sync 0",
                "key 1D down", "key 38 down", "key 38 up", "key 1D up",
                "key 1E down", "key 1E up",
                "key E0 4D down", "key E0 4D up",
                "key 3A down", "key 3A up",
                "move 799,500", "button 1 down 799,500", "button 1 up 799,500",
                "wheel -240 799,500", "hwheel 120 799,500");
        assertThat(local.seen).containsExactly("action disconnect");
        assertThat(forwarder.lockFlags()).isEqualTo(RemoteInput.CAPS_LOCK);
        assertThat(leds).containsExactly("true/false/false");
        assertThat(local.activity).isGreaterThanOrEqualTo(10);
    }

    @Test
    void withoutASessionKeysGoToTheDeviceAndNothingIsSent() throws Exception {
        Recorder remote = new Recorder();
        Local local = new Local();
        local.session = false;
        InputForwarder forwarder = new InputForwarder(KeyboardLeds.NONE);
        InputPipeline pipeline = new InputPipeline(1024, 768, List.of(Hotkey.disconnect()), new InputRouter(local, forwarder));
        play(pipeline, keyboard(), stream(key(30, 1), key(30, 0), key(69, 1), key(69, 0)));
        assertThat(local.seen).containsExactly("local key 30 down", "local key 30 up", "local key 69 down", "local key 69 up");
        assertThat(remote.sent).isEmpty();

        // the lock state toggled locally is synchronised when the session starts; the server's indicators win after
        forwarder.attach(remote, 1024, 768);
        forwarder.serverIndicators(RemoteInput.CAPS_LOCK | RemoteInput.SCROLL_LOCK);
        forwarder.detach();
        forwarder.accept(new InputEvent.Key(30, Scancode.of(0x1E), true));
        forwarder.attach(remote, 1024, 768);
        assertThat(remote.sent).containsExactly("sync 2", "sync 5");
    }

    @Test
    void pauseGoesAsOneSequenceOnThePressAndNothingOnTheRelease() {
        Recorder remote = new Recorder();
        InputForwarder forwarder = new InputForwarder(KeyboardLeds.NONE);
        forwarder.attach(remote, 640, 480);
        assertThat(forwarder.accept(new InputEvent.Key(119, new Scancode(0x1D, false, true), true))).isTrue();
        assertThat(forwarder.accept(new InputEvent.Key(119, new Scancode(0x1D, false, true), false))).isFalse();
        assertThat(forwarder.accept(new InputEvent.LocalAction("disconnect"))).isFalse();
        assertThat(forwarder.accept(new InputEvent.PointerMove(-5, 9999))).isTrue();
        assertThat(remote.sent).containsExactly("sync 0", "pause", "move 0,479");
    }
}
