package dev.porthole.hw.evdev;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the evdev stream decoder (invariant 4: bytes from a USB device are untrusted).
 * Any input, in any chunking, must decode without an exception, keep the open frame within its
 * limit, and only ever emit frames whose events are not SYN_REPORT/SYN_DROPPED. The saved corpus in
 * {@code InputEventDecoderFuzzTestInputs/} replays in every build.
 */
class InputEventDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 64);
        boolean compat32 = data.consumeBoolean();
        InputEventDecoder d = new InputEventDecoder(compat32 ? 16 : 24, limit);
        List<InputFrame> out = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 100));
            d.feed(chunk, 0, chunk.length, out::add);
            if (d.pendingEvents() > limit) {
                throw new IllegalStateException("open frame grew to " + d.pendingEvents() + " over limit " + limit);
            }
        }
        for (InputFrame f : out) {
            if (f.events().size() > limit) {
                throw new IllegalStateException("frame of " + f.events().size() + " over limit " + limit);
            }
            for (RawInputEvent e : f.events()) {
                if (e.type() == EvdevCodes.EV_SYN && (e.code() == EvdevCodes.SYN_REPORT || e.code() == EvdevCodes.SYN_DROPPED)) {
                    throw new IllegalStateException("framing event leaked into a frame: " + e);
                }
                if (e.timeMicros() < 0) {
                    throw new IllegalStateException("negative timestamp " + e);
                }
            }
        }
    }
}
