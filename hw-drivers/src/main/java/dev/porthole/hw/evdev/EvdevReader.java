package dev.porthole.hw.evdev;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.tinylog.TaggedLogger;

import dev.porthole.hw.HwException;

/**
 * Reads one {@link InputSource} on its own daemon thread (a platform thread: the native poll would pin a virtual thread's carrier), decodes its bytes into {@link InputFrame}s and
 * hands them to a listener. After {@code SYN_DROPPED} the listener gets a resync frame carrying the
 * device's current key state. When the device goes away (unplugged) or fails, {@code onGone} runs
 * once and the reader stops; {@link #close()} stops it too (within the poll interval).
 */
public final class EvdevReader implements AutoCloseable {

    private static final int POLL_MILLIS = 200;
    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final InputSource source;
    private final Consumer<InputFrame> listener;
    private final BiConsumer<InputSource, HwException> onGone;
    private final InputEventDecoder decoder = new InputEventDecoder();
    private final Thread thread;
    private volatile boolean running = true;

    private EvdevReader(InputSource source, Consumer<InputFrame> listener, BiConsumer<InputSource, HwException> onGone) {
        this.source = source;
        this.listener = listener;
        this.onGone = onGone;
        this.thread = Thread.ofPlatform().daemon().name("evdev-" + source.info().node()).unstarted(this::run);
    }

    /**
     * Starts reading {@code source}. {@code onGone} receives the source and the error (null when the
     * device simply disappeared).
     */
    public static EvdevReader start(InputSource source, Consumer<InputFrame> listener,
                                    BiConsumer<InputSource, HwException> onGone) {
        EvdevReader r = new EvdevReader(source, listener, onGone);
        r.thread.start();
        return r;
    }

    private void run() {
        byte[] buf = new byte[64 * InputEventDecoder.EVENT_SIZE_64];
        HwException failure = null;
        try {
            while (running) {
                int n = source.read(buf, POLL_MILLIS);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    decoder.feed(buf, 0, n, this::deliver);
                }
            }
        } catch (HwException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new HwException(HwException.Kind.IO, "reading " + source.info().node() + " failed: " + e, e);
        }
        if (running) {
            LOG.info("input device gone node={} name='{}' reason={}", source.info().node(), source.info().name(),
                    failure == null ? "removed" : failure.getMessage());
            running = false;
            onGone.accept(source, failure);
        }
    }

    private void deliver(InputFrame frame) {
        if (frame.resync()) {
            LOG.debug("evdev SYN_DROPPED resync node={}", source.info().node());
            listener.accept(InputFrame.resync(source.keyState()));
        } else {
            listener.accept(frame);
        }
    }

    /** The source read. */
    public InputSource source() {
        return source;
    }

    /** Whether the reader still runs. */
    public boolean running() {
        return running && thread.isAlive();
    }

    /** Waits for the reader to end (tests). */
    public boolean join(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(millis));
    }

    /** Stops reading; does not close the source. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(java.time.Duration.ofMillis(2L * POLL_MILLIS + 100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
