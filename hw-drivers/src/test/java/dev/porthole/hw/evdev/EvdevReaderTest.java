package dev.porthole.hw.evdev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.porthole.hw.HwException;
import dev.porthole.hw.evdev.InputFrame;

class EvdevReaderTest {

    @Test
    void framesAreDeliveredAndResyncCarriesTheDeviceKeyState() throws Exception {
        BitSet down = new BitSet();
        down.set(30); // KEY_A still down, KEY_LEFTSHIFT released meanwhile
        RecordedInputSource src = new RecordedInputSource(EvdevFixtures.keyboard("/dev/input/event9"),
                InputEventDecoderTest.RECORDED, 7, down);
        List<InputFrame> frames = new CopyOnWriteArrayList<>();
        CountDownLatch gone = new CountDownLatch(1);
        List<HwException> errors = new CopyOnWriteArrayList<>();
        EvdevReader r = EvdevReader.start(src, frames::add, (s, e) -> {
            if (e != null) {
                errors.add(e);
            }
            gone.countDown();
        });
        assertThat(gone.await(5, TimeUnit.SECONDS)).as("end of stream reported as gone").isTrue();
        r.close();
        assertThat(errors).isEmpty();
        assertThat(frames).hasSize(5);
        assertThat(frames.get(3).resync()).isTrue();
        assertThat(frames.get(3).keysDown()).isEqualTo(down);
        assertThat(r.running()).isFalse();
    }
}
