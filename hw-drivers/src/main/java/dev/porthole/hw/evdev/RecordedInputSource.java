package dev.porthole.hw.evdev;

import java.util.BitSet;

/**
 * A fake {@link InputSource} replaying recorded {@code input_event} bytes in chunks of a chosen size
 * (to exercise events split across reads), then reporting the device gone.
 */
public final class RecordedInputSource implements InputSource {

    private final DeviceInfo info;
    private final byte[] stream;
    private final int chunk;
    private final BitSet keyState;
    private int position;
    private volatile boolean closed;

    /** Replays {@code stream} {@code chunk} bytes at a time; {@code keyState} answers {@link #keyState()}. */
    public RecordedInputSource(DeviceInfo info, byte[] stream, int chunk, BitSet keyState) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk " + chunk);
        }
        this.info = info;
        this.stream = stream.clone();
        this.chunk = chunk;
        this.keyState = keyState == null ? new BitSet() : (BitSet) keyState.clone();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public synchronized int read(byte[] buffer, int timeoutMillis) {
        if (closed || position >= stream.length) {
            return -1;
        }
        int n = Math.min(Math.min(chunk, buffer.length), stream.length - position);
        System.arraycopy(stream, position, buffer, 0, n);
        position += n;
        return n;
    }

    @Override
    public BitSet keyState() {
        return (BitSet) keyState.clone();
    }

    @Override
    public void close() {
        closed = true;
    }
}
