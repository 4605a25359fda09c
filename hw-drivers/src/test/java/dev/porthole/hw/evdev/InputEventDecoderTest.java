package dev.porthole.hw.evdev;

import static dev.porthole.hw.evdev.EvdevCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.porthole.hw.HexStreams;

class InputEventDecoderTest {

    static final byte[] RECORDED = HexStreams.load("/evdev/keyboard-syn-dropped.hex");

    static List<InputFrame> decode(byte[] bytes, int chunk) {
        InputEventDecoder d = new InputEventDecoder();
        List<InputFrame> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            d.feed(bytes, i, Math.min(chunk, bytes.length - i), out::add);
        }
        return out;
    }

    @Test
    void recordedStreamFramesBySynReportAndRecoversFromSynDropped() {
        List<InputFrame> frames = decode(RECORDED, RECORDED.length);
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0).events()).containsExactly(new RawInputEvent(100_001_000L, EV_MSC, 4, 0x70004),
                new RawInputEvent(100_001_000L, EV_KEY, 30, 1));
        assertThat(frames.get(1).events()).extracting(RawInputEvent::value).containsExactly(2);
        assertThat(frames.get(2).events()).extracting(RawInputEvent::code).containsExactly(42);
        assertThat(frames.get(3).resync()).isTrue();
        assertThat(frames.get(3).events()).isEmpty();
        assertThat(frames.get(4).events()).containsExactly(new RawInputEvent(100_200_000L, EV_KEY, 30, 0));
    }

    @Test
    void everyChunkingGivesTheSameFrames() {
        List<InputFrame> whole = decode(RECORDED, RECORDED.length);
        for (int chunk = 1; chunk <= 60; chunk++) {
            assertThat(decode(RECORDED, chunk)).as("chunk %d", chunk).isEqualTo(whole);
        }
    }

    @Test
    void anOverlongFrameIsDroppedWithBoundedMemory() {
        InputEventDecoder d = new InputEventDecoder(24, 8);
        List<RawInputEvent> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            flood.add(RawInputEvent.of(EV_REL, REL_X, 1));
        }
        flood.add(RawInputEvent.of(EV_SYN, SYN_REPORT, 0));
        flood.add(RawInputEvent.of(EV_KEY, 30, 1));
        flood.add(RawInputEvent.of(EV_SYN, SYN_REPORT, 0));
        byte[] bytes = InputEventDecoder.encode(flood);
        List<InputFrame> out = new ArrayList<>();
        d.feed(bytes, 0, bytes.length - 48, f -> {
            out.add(f);
        });
        assertThat(d.pendingEvents()).isLessThanOrEqualTo(8);
        d.feed(bytes, bytes.length - 48, 48, out::add);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).resync()).isTrue();
        assertThat(out.get(1).events()).containsExactly(RawInputEvent.of(EV_KEY, 30, 1));
        assertThat(d.dropCount()).isEqualTo(1);
    }

    @Test
    void thirtyTwoBitEventsDecode() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(5).putInt(7).putShort((short) EV_KEY).putShort((short) 28).putInt(1);
        b.putInt(5).putInt(7).putShort((short) 0).putShort((short) 0).putInt(0);
        List<InputFrame> out = new ArrayList<>();
        new InputEventDecoder(16, 10).feed(b.array(), 0, 32, out::add);
        assertThat(out).containsExactly(InputFrame.of(List.of(new RawInputEvent(5_000_007L, EV_KEY, 28, 1))));
    }

    @Test
    void negativeTimestampsAndHugeValuesDoNotThrow() {
        byte[] junk = new byte[24 * 3];
        java.util.Arrays.fill(junk, (byte) 0xff);
        List<InputFrame> out = new ArrayList<>();
        new InputEventDecoder().feed(junk, 0, junk.length, out::add);
        assertThat(out).isEmpty();
    }
}
