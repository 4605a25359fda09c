package dev.porthole.hw.evdev;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the byte stream read from {@code /dev/input/eventN} into {@link InputFrame}s framed by
 * {@code SYN_REPORT}. Bytes may arrive in any chunking. After {@code SYN_DROPPED} (the kernel's queue
 * overflowed), the partial frame and every event up to and including the next {@code SYN_REPORT} are
 * discarded and a resync marker is emitted, as linux/Documentation/input/event-codes.rst prescribes.
 * A frame longer than the limit is treated the same way, so a misbehaving device cannot grow memory.
 *
 * <p>The byte stream is untrusted input: any content is accepted without exceptions.
 */
public final class InputEventDecoder {

    /** {@code sizeof(struct input_event)} on 64-bit Linux (timeval of two longs). */
    public static final int EVENT_SIZE_64 = 24;
    /** {@code sizeof(struct input_event)} on 32-bit Linux with a 32-bit time_t. */
    public static final int EVENT_SIZE_32 = 16;
    /** Default frame limit: far above any real report (a full multi-touch frame is under 100 events). */
    public static final int DEFAULT_MAX_EVENTS_PER_FRAME = 1024;

    private final int eventSize;
    private final int maxEvents;
    private final byte[] partial;
    private int partialLength;
    private final List<RawInputEvent> frame = new ArrayList<>();
    private boolean dropping;
    private long droppedFrames;

    /** A decoder for 64-bit kernels with the default frame limit. */
    public InputEventDecoder() {
        this(EVENT_SIZE_64, DEFAULT_MAX_EVENTS_PER_FRAME);
    }

    /** A decoder for {@code eventSize} (16 or 24) byte events with at most {@code maxEventsPerFrame} per frame. */
    public InputEventDecoder(int eventSize, int maxEventsPerFrame) {
        if (eventSize != EVENT_SIZE_64 && eventSize != EVENT_SIZE_32) {
            throw new IllegalArgumentException("input_event size " + eventSize + " (16 or 24)");
        }
        if (maxEventsPerFrame < 1) {
            throw new IllegalArgumentException("maxEventsPerFrame " + maxEventsPerFrame);
        }
        this.eventSize = eventSize;
        this.maxEvents = maxEventsPerFrame;
        this.partial = new byte[eventSize];
    }

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}; complete frames go to {@code out}. */
    public void feed(byte[] bytes, int offset, int length, Consumer<InputFrame> out) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " of " + bytes.length);
        }
        int i = offset;
        int end = offset + length;
        if (partialLength > 0) {
            int take = Math.min(eventSize - partialLength, end - i);
            System.arraycopy(bytes, i, partial, partialLength, take);
            partialLength += take;
            i += take;
            if (partialLength < eventSize) {
                return;
            }
            event(ByteBuffer.wrap(partial).order(ByteOrder.LITTLE_ENDIAN), 0, out);
            partialLength = 0;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (end - i >= eventSize) {
            event(in, i, out);
            i += eventSize;
        }
        partialLength = end - i;
        System.arraycopy(bytes, i, partial, 0, partialLength);
    }

    private void event(ByteBuffer in, int at, Consumer<InputFrame> out) {
        long sec;
        long usec;
        int p;
        if (eventSize == EVENT_SIZE_64) {
            sec = in.getLong(at);
            usec = in.getLong(at + 8);
            p = at + 16;
        } else {
            sec = Integer.toUnsignedLong(in.getInt(at));
            usec = Integer.toUnsignedLong(in.getInt(at + 4));
            p = at + 8;
        }
        int type = Short.toUnsignedInt(in.getShort(p));
        int code = Short.toUnsignedInt(in.getShort(p + 2));
        int value = in.getInt(p + 4);
        if (type == EvdevCodes.EV_SYN && code == EvdevCodes.SYN_DROPPED) {
            startDropping();
            return;
        }
        boolean report = type == EvdevCodes.EV_SYN && code == EvdevCodes.SYN_REPORT;
        if (dropping) {
            if (report) {
                dropping = false;
                out.accept(InputFrame.resync(null));
            }
            return;
        }
        if (report) {
            out.accept(InputFrame.of(frame));
            frame.clear();
            return;
        }
        if (frame.size() >= maxEvents) {
            startDropping();
            return;
        }
        frame.add(new RawInputEvent(saturatingMicros(sec, usec), type, code, value));
    }

    private static long saturatingMicros(long sec, long usec) {
        long s = Math.max(0, Math.min(sec, Long.MAX_VALUE / 2_000_000L));
        long u = Math.max(0, Math.min(usec, 999_999_999L));
        return s * 1_000_000L + u;
    }

    private void startDropping() {
        frame.clear();
        if (!dropping) {
            droppedFrames++;
        }
        dropping = true;
    }

    /** Events decoded into the frame still open (not yet reported). */
    public int pendingEvents() {
        return frame.size();
    }

    /** How many times events were dropped (SYN_DROPPED or an over-long frame). */
    public long dropCount() {
        return droppedFrames;
    }

    /** Whether the decoder is discarding events until the next SYN_REPORT. */
    public boolean isDropping() {
        return dropping;
    }

    /** Encodes {@code events} as a 64-bit kernel would deliver them (for fakes, uinput and tests). */
    public static byte[] encode(List<RawInputEvent> events) {
        ByteBuffer out = ByteBuffer.allocate(events.size() * EVENT_SIZE_64).order(ByteOrder.LITTLE_ENDIAN);
        for (RawInputEvent e : events) {
            out.putLong(e.timeMicros() / 1_000_000L).putLong(e.timeMicros() % 1_000_000L)
                    .putShort((short) e.type()).putShort((short) e.code()).putInt(e.value());
        }
        return out.array();
    }
}
