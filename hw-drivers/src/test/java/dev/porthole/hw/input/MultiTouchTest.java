package dev.porthole.hw.input;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.porthole.hw.HexStreams;
import dev.porthole.hw.evdev.EvdevFixtures;
import dev.porthole.hw.evdev.InputEventDecoder;
import dev.porthole.hw.evdev.InputFrame;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.input.InputEvent.PointerButton;
import dev.porthole.hw.input.InputEvent.PointerMove;
import dev.porthole.hw.input.InputEvent.Touch;
import dev.porthole.hw.input.InputEvent.Touch.Contact;
import dev.porthole.hw.input.InputEvent.Touch.Phase;

/** Multi-touch (evdev MT protocol B) through the pipeline: per-contact events, the first contact drives the pointer. */
class MultiTouchTest {

    static final String MT = "/dev/input/event7";
    static final String MT_EMU = "/dev/input/event8";

    List<InputEvent> out;
    InputPipeline p;

    @BeforeEach
    void setUp() {
        out = new ArrayList<>();
        p = new InputPipeline(1024, 768, List.of(), out::add);
        p.deviceAdded(EvdevFixtures.multiTouchScreen(MT, false));
        p.deviceAdded(EvdevFixtures.multiTouchScreen(MT_EMU, true));
    }

    static InputFrame frame(int... tcv) {
        List<RawInputEvent> e = new ArrayList<>();
        for (int i = 0; i < tcv.length; i += 3) {
            e.add(RawInputEvent.of(tcv[i], tcv[i + 1], tcv[i + 2]));
        }
        return InputFrame.of(e);
    }

    static Touch touch(Contact... c) {
        return new Touch(List.of(c));
    }

    @Test
    void recordedTwoFingerStreamBecomesPerContactEvents() {
        byte[] stream = HexStreams.load("/evdev/touch-two-fingers.hex");
        InputEventDecoder decoder = new InputEventDecoder();
        // arbitrary chunking, as reads return it
        for (int i = 0; i < stream.length; i += 17) {
            decoder.feed(stream, i, Math.min(17, stream.length - i), f -> p.frame(MT, f));
        }
        // 0..4095 onto 1024x768: x * 1023 / 4095, y * 767 / 4095
        assertThat(out).containsExactly(
                new PointerMove(249, 93), new PointerButton(1, true, 249, 93), touch(new Contact(0, 45, Phase.DOWN, 249, 93)),
                touch(new Contact(1, 46, Phase.DOWN, 749, 374)),
                new PointerMove(274, 93), touch(new Contact(0, 45, Phase.MOVE, 274, 93), new Contact(1, 46, Phase.MOVE, 749, 393)),
                touch(new Contact(0, 45, Phase.UP, 274, 93)),
                // slot 1 reused within one report: the old contact lifts first; the new one is the first contact now
                new PointerMove(124, 393), touch(new Contact(1, 46, Phase.UP, 749, 393), new Contact(1, 47, Phase.DOWN, 124, 393)),
                new PointerButton(1, false, 124, 393), touch(new Contact(1, 47, Phase.UP, 124, 393)));
    }

    @Test
    void withSingleTouchAxesThePointerFollowsTheKernelsEmulation() {
        p.frame(MT_EMU, frame(EV_ABS, ABS_MT_TRACKING_ID, 1, EV_ABS, ABS_MT_POSITION_X, 4095, EV_ABS, ABS_MT_POSITION_Y, 0,
                EV_ABS, ABS_X, 4095, EV_ABS, ABS_Y, 0, EV_KEY, BTN_TOUCH, 1));
        p.frame(MT_EMU, frame(EV_ABS, ABS_MT_SLOT, 1, EV_ABS, ABS_MT_TRACKING_ID, 2, EV_ABS, ABS_MT_POSITION_X, 0,
                EV_ABS, ABS_MT_POSITION_Y, 4095));
        assertThat(out).containsExactly(new PointerMove(1023, 0), new PointerButton(1, true, 1023, 0),
                touch(new Contact(0, 1, Phase.DOWN, 1023, 0)), touch(new Contact(1, 2, Phase.DOWN, 0, 767)));
    }

    @Test
    void slotsOutsideTheDevicesRangeAreIgnored() {
        p.frame(MT, frame(EV_ABS, ABS_MT_SLOT, 10, EV_ABS, ABS_MT_TRACKING_ID, 9, EV_ABS, ABS_MT_POSITION_X, 100,
                EV_ABS, ABS_MT_SLOT, -1, EV_ABS, ABS_MT_TRACKING_ID, 8, EV_ABS, ABS_MT_SLOT, Integer.MAX_VALUE,
                EV_ABS, ABS_MT_TRACKING_ID, 7));
        assertThat(out).isEmpty();
        p.frame(MT, frame(EV_ABS, ABS_MT_SLOT, 9, EV_ABS, ABS_MT_TRACKING_ID, 3, EV_ABS, ABS_MT_POSITION_X, 4095,
                EV_ABS, ABS_MT_POSITION_Y, 4095));
        assertThat(out).containsExactly(new PointerMove(1023, 767), touch(new Contact(9, 3, Phase.DOWN, 1023, 767)));
    }

    @Test
    void droppedEventsAndUnplugLiftEveryContact() {
        p.frame(MT, frame(EV_ABS, ABS_MT_SLOT, 0, EV_ABS, ABS_MT_TRACKING_ID, 1, EV_ABS, ABS_MT_POSITION_X, 0,
                EV_ABS, ABS_MT_POSITION_Y, 0, EV_ABS, ABS_MT_SLOT, 2, EV_ABS, ABS_MT_TRACKING_ID, 2,
                EV_ABS, ABS_MT_POSITION_X, 4095, EV_ABS, ABS_MT_POSITION_Y, 4095, EV_KEY, BTN_TOUCH, 1));
        out.clear();
        p.frame(MT, InputFrame.resync(null));
        assertThat(out).containsExactly(touch(new Contact(0, 1, Phase.UP, 0, 0), new Contact(2, 2, Phase.UP, 1023, 767)),
                new PointerButton(1, false, 0, 0));
        // position updates of lifted slots move nothing until a contact starts again
        out.clear();
        p.frame(MT, frame(EV_ABS, ABS_MT_POSITION_X, 2000));
        assertThat(out).isEmpty();
        p.frame(MT, frame(EV_ABS, ABS_MT_TRACKING_ID, 5));
        assertThat(out).containsExactly(new PointerMove(499, 767), touch(new Contact(2, 5, Phase.DOWN, 499, 767)));
        out.clear();
        p.deviceRemoved(MT);
        assertThat(out).containsExactly(touch(new Contact(2, 5, Phase.UP, 499, 767)));
    }

    @Test
    void anyEventSequenceKeepsContactsInsideTheDesktopAndConsistent() {
        Random r = new Random(42);
        int[] codes = {ABS_MT_SLOT, ABS_MT_TRACKING_ID, ABS_MT_POSITION_X, ABS_MT_POSITION_Y, ABS_X, ABS_Y};
        // per device: slot -> tracking id of the contacts reported down and not yet up
        java.util.Map<String, java.util.Map<Integer, Integer>> down = new java.util.HashMap<>();
        int contacts = 0;
        for (int f = 0; f < 20_000; f++) {
            String node = r.nextBoolean() ? MT : MT_EMU;
            List<RawInputEvent> events = new ArrayList<>();
            for (int n = r.nextInt(8); n > 0; n--) {
                int code = codes[r.nextInt(codes.length)];
                int value = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt();
                    case 1 -> -1;
                    default -> r.nextInt(code == ABS_MT_SLOT ? 12 : 5000);
                };
                events.add(RawInputEvent.of(EV_ABS, code, value));
            }
            out.clear();
            p.frame(node, r.nextInt(200) == 0 ? InputFrame.resync(null) : InputFrame.of(events));
            for (InputEvent e : out) {
                if (e instanceof Touch t) {
                    for (Contact c : t.contacts()) {
                        contacts++;
                        assertThat(c.slot()).isBetween(0, 9);
                        assertThat(c.x()).isBetween(0, 1023);
                        assertThat(c.y()).isBetween(0, 767);
                        var active = down.computeIfAbsent(node, k -> new java.util.HashMap<>());
                        switch (c.phase()) {
                            case DOWN -> assertThat(active.put(c.slot(), c.trackingId())).as("DOWN on a free slot: %s", c).isNull();
                            case MOVE -> assertThat(active.get(c.slot())).as("MOVE of a contact that is down: %s", c)
                                    .isEqualTo(c.trackingId());
                            case UP -> assertThat(active.remove(c.slot())).as("UP of a contact that is down: %s", c)
                                    .isEqualTo(c.trackingId());
                        }
                    }
                }
            }
        }
        assertThat(contacts).as("contacts reported by the random streams").isGreaterThan(1000);
        // after unplugging both, no contact of either device is left down
        out.clear();
        p.deviceRemoved(MT);
        p.deviceRemoved(MT_EMU);
        p.frame(MT, frame(EV_ABS, ABS_MT_TRACKING_ID, 1));
        for (InputEvent e : out) {
            if (e instanceof Touch t) {
                for (Contact c : t.contacts()) {
                    assertThat(c.phase()).isEqualTo(Phase.UP);
                    down.values().forEach(m -> m.remove(c.slot(), c.trackingId()));
                }
            }
        }
        assertThat(down.values()).allMatch(java.util.Map::isEmpty);
    }
}
