package dev.porthole.display.qemu;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.porthole.hw.evdev.AbsInfo;
import dev.porthole.hw.evdev.EvdevDevice;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.input.Hotkey;
import dev.porthole.hw.input.InputDevices;
import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.InputEvent.Touch.Contact;
import dev.porthole.hw.input.InputEvent.Touch.Phase;
import dev.porthole.hw.input.InputPipeline;
import dev.porthole.hw.input.Scancode;
import dev.porthole.hw.input.ScancodeMap;
import dev.porthole.hw.uinput.UinputDevice;

/** In the guest: uinput devices → /dev/input/eventN (found by inotify hotplug) → evdev reader → pipeline. */
@Tag("guest")
class InputGuestTest {

    final LinkedBlockingQueue<InputEvent> events = new LinkedBlockingQueue<>();

    InputEvent next() throws InterruptedException {
        InputEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an input event within 10 s").isNotNull();
        return e;
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void uinputKeysAndMotionComeOutAsScancodesAndClampedPointer() throws Exception {
        InputPipeline pipeline = new InputPipeline(800, 600, List.of(Hotkey.disconnect()), events::add);
        try (InputDevices devices = InputDevices.start(Path.of("/dev/input"), pipeline, true)) {
            List<Integer> keys = new ArrayList<>(IntStream.of(ScancodeMap.mappedKeycodes()).boxed().toList());
            UinputDevice kbd = UinputDevice.builder("porthole test keyboard").keys(keys).leds(LED_NUML, LED_CAPSL, LED_SCROLLL)
                    .create("/dev/uinput");
            UinputDevice mouse = UinputDevice.builder("porthole test mouse")
                    .keys(List.of(BTN_LEFT, BTN_RIGHT, BTN_MIDDLE, BTN_SIDE, BTN_EXTRA)).rel(REL_X, REL_Y, REL_WHEEL, REL_HWHEEL)
                    .create("/dev/uinput");
            Path kbdNode = kbd.eventNode(Path.of("/sys/class/input"), Path.of("/dev/input"), Duration.ofSeconds(10));
            Path mouseNode = mouse.eventNode(Path.of("/sys/class/input"), Path.of("/dev/input"), Duration.ofSeconds(10));
            await(() -> devices.nodes().contains(kbdNode) && devices.nodes().contains(mouseNode), "hotplug attach");

            kbd.tap(KEY_A);
            assertThat(next()).isEqualTo(new InputEvent.Key(KEY_A, Scancode.of(0x1e), true));
            assertThat(next()).isEqualTo(new InputEvent.Key(KEY_A, Scancode.of(0x1e), false));
            kbd.tap(97); // right Ctrl
            assertThat(next()).isEqualTo(new InputEvent.Key(97, Scancode.e0(0x1d), true));
            assertThat(next()).isEqualTo(new InputEvent.Key(97, Scancode.e0(0x1d), false));
            kbd.tap(115); // volume up
            assertThat(next()).isEqualTo(new InputEvent.Key(115, Scancode.e0(0x30), true));
            assertThat(next()).isEqualTo(new InputEvent.Key(115, Scancode.e0(0x30), false));

            // Ctrl+Alt+End: a local action; End never reaches the output
            kbd.emitAndSync(EV_KEY, 29, 1);
            kbd.emitAndSync(EV_KEY, 56, 1);
            kbd.tap(107);
            kbd.emitAndSync(EV_KEY, 56, 0);
            kbd.emitAndSync(EV_KEY, 29, 0);
            List<InputEvent> combo = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                combo.add(next());
            }
            assertThat(combo).containsExactly(new InputEvent.Key(29, Scancode.of(0x1d), true),
                    new InputEvent.Key(56, Scancode.of(0x38), true), new InputEvent.LocalAction("disconnect"),
                    new InputEvent.Key(56, Scancode.of(0x38), false), new InputEvent.Key(29, Scancode.of(0x1d), false));

            mouse.move(50, 20);
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(450, 320));
            mouse.move(-10_000, -10_000);
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(0, 0));
            mouse.move(5000, 5000);
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(799, 599));
            mouse.emitAndSync(EV_KEY, BTN_LEFT, 1);
            assertThat(next()).isEqualTo(new InputEvent.PointerButton(1, true, 799, 599));
            mouse.emitAndSync(EV_KEY, BTN_LEFT, 0);
            assertThat(next()).isEqualTo(new InputEvent.PointerButton(1, false, 799, 599));
            mouse.emitAndSync(EV_REL, REL_WHEEL, -2);
            assertThat(next()).isEqualTo(new InputEvent.Wheel(false, -240, 799, 599));

            // keyboard LEDs reach the device
            devices.setLockLeds(true, false, false);
            try (EvdevDevice probe = EvdevDevice.open(kbdNode.toString())) {
                await(() -> probe.ledState().get(LED_CAPSL), "Caps Lock LED on");
                assertThat(probe.ledState().get(LED_NUML)).isFalse();
            }

            // unplug while a key is held: the pipeline releases it
            kbd.emitAndSync(EV_KEY, 42, 1);
            assertThat(next()).isEqualTo(new InputEvent.Key(42, Scancode.of(0x2a), true));
            kbd.close();
            assertThat(next()).isEqualTo(new InputEvent.Key(42, Scancode.of(0x2a), false));
            await(() -> !devices.nodes().contains(kbdNode), "hotplug detach");
            mouse.close();
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void uinputMultiTouchComesOutAsContactsAndTheFirstDrivesThePointer() throws Exception {
        InputPipeline pipeline = new InputPipeline(800, 600, List.of(), events::add);
        try (InputDevices devices = InputDevices.start(Path.of("/dev/input"), pipeline, true)) {
            UinputDevice touch = UinputDevice.builder("porthole test touch").keys(List.of(BTN_TOUCH))
                    .abs(ABS_MT_SLOT, AbsInfo.range(0, 9)).abs(ABS_MT_TRACKING_ID, AbsInfo.range(0, 65535))
                    .abs(ABS_MT_POSITION_X, AbsInfo.range(0, 4095)).abs(ABS_MT_POSITION_Y, AbsInfo.range(0, 4095))
                    .props(INPUT_PROP_DIRECT).create("/dev/uinput");
            Path node = touch.eventNode(Path.of("/sys/class/input"), Path.of("/dev/input"), Duration.ofSeconds(10));
            await(() -> devices.nodes().contains(node), "hotplug attach of the touch screen");
            touch.emit(report(EV_ABS, ABS_MT_SLOT, 0, EV_ABS, ABS_MT_TRACKING_ID, 100, EV_ABS, ABS_MT_POSITION_X, 4095,
                    EV_ABS, ABS_MT_POSITION_Y, 4095, EV_KEY, BTN_TOUCH, 1));
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(799, 599));
            assertThat(next()).isEqualTo(new InputEvent.PointerButton(1, true, 799, 599));
            assertThat(next()).isEqualTo(touch(new Contact(0, 100, Phase.DOWN, 799, 599)));
            touch.emit(report(EV_ABS, ABS_MT_SLOT, 1, EV_ABS, ABS_MT_TRACKING_ID, 101, EV_ABS, ABS_MT_POSITION_X, 2048,
                    EV_ABS, ABS_MT_POSITION_Y, 1024));
            assertThat(next()).isEqualTo(touch(new Contact(1, 101, Phase.DOWN, 399, 149)));
            touch.emit(report(EV_ABS, ABS_MT_SLOT, 0, EV_ABS, ABS_MT_POSITION_X, 0, EV_ABS, ABS_MT_SLOT, 1,
                    EV_ABS, ABS_MT_POSITION_Y, 4095));
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(0, 599));
            assertThat(next()).isEqualTo(touch(new Contact(0, 100, Phase.MOVE, 0, 599), new Contact(1, 101, Phase.MOVE, 399, 599)));
            touch.emit(report(EV_ABS, ABS_MT_SLOT, 0, EV_ABS, ABS_MT_TRACKING_ID, -1, EV_ABS, ABS_MT_SLOT, 1,
                    EV_ABS, ABS_MT_TRACKING_ID, -1, EV_KEY, BTN_TOUCH, 0));
            assertThat(next()).isEqualTo(new InputEvent.PointerButton(1, false, 0, 599));
            assertThat(next()).isEqualTo(touch(new Contact(0, 100, Phase.UP, 0, 599), new Contact(1, 101, Phase.UP, 399, 599)));
            // a finger left down when the device goes away is lifted; slot 1 is still selected and keeps its Y;
            // being the only contact, it is the first one and moves the pointer
            touch.emit(report(EV_ABS, ABS_MT_TRACKING_ID, 102, EV_ABS, ABS_MT_POSITION_X, 4095));
            assertThat(next()).isEqualTo(new InputEvent.PointerMove(799, 599));
            assertThat(next()).isEqualTo(touch(new Contact(1, 102, Phase.DOWN, 799, 599)));
            touch.close();
            assertThat(next()).isEqualTo(touch(new Contact(1, 102, Phase.UP, 799, 599)));
            await(() -> !devices.nodes().contains(node), "hotplug detach of the touch screen");
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    static List<RawInputEvent> report(int... tcv) {
        List<RawInputEvent> e = new ArrayList<>();
        for (int i = 0; i < tcv.length; i += 3) {
            e.add(RawInputEvent.of(tcv[i], tcv[i + 1], tcv[i + 2]));
        }
        e.add(RawInputEvent.of(EV_SYN, SYN_REPORT, 0));
        return e;
    }

    static InputEvent.Touch touch(Contact... c) {
        return new InputEvent.Touch(List.of(c));
    }
}
