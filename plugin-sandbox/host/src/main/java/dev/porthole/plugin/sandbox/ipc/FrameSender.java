package dev.porthole.plugin.sandbox.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends IPC frames from any thread, in order. On an idle connection the caller writes its frame
 * directly (lowest latency); while a write is in progress, frames queue up and one writer thread
 * writes whatever has accumulated in a single write (up to 256 KiB per batch), so bursts of small
 * frames cost one system call per batch. Memory stays bounded by what the protocol allows in flight
 * (data by credit, control frames by rate).
 */
public final class FrameSender implements AutoCloseable {

    private static final IpcMessage STOP = new IpcMessage.Log(0, "stop");
    private static final int BATCH = 256 * 1024;

    private final LinkedBlockingQueue<IpcMessage> queue = new LinkedBlockingQueue<>();
    /** Frames queued or being written; a caller may write directly only when it is 0. */
    private final AtomicInteger pending = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final Consumer<Exception> onError;
    private final Thread thread;
    private volatile boolean failed;

    /**
     * @param out     the stream (a socket)
     * @param name    the writer thread's name
     * @param onError called once if writing fails (the peer is gone)
     */
    public FrameSender(OutputStream out, String name, Consumer<Exception> onError) {
        this.out = out;
        this.onError = onError;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Sends a message: directly when the connection is idle, else through the writer thread. */
    public void send(IpcMessage m) {
        if (failed) {
            return;
        }
        if (lock.tryLock()) {
            try {
                if (pending.compareAndSet(0, 1)) {
                    try {
                        out.write(m.toFrame());
                        out.flush();
                    } catch (IOException | RuntimeException e) {
                        fail(e);
                    } finally {
                        pending.decrementAndGet();
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        pending.incrementAndGet();
        queue.add(m);
    }

    private void loop() {
        List<IpcMessage> batch = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, 1024);
                boolean stop = false;
                lock.lock();
                try {
                    buf.reset();
                    for (IpcMessage m : batch) {
                        if (m == STOP) {
                            stop = true;
                            break;
                        }
                        byte[] f = m.toFrame();
                        if (buf.size() > 0 && buf.size() + f.length > BATCH) {
                            buf.writeTo(out);
                            buf.reset();
                        }
                        if (f.length >= BATCH) {
                            out.write(f);
                        } else {
                            buf.write(f);
                        }
                    }
                    buf.writeTo(out);
                    out.flush();
                } finally {
                    pending.addAndGet(-batch.size());
                    lock.unlock();
                }
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        if (!failed) {
            failed = true;
            onError.accept(e);
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        pending.incrementAndGet();
        queue.add(STOP);
    }

    /** Waits for the writer thread to finish (after {@link #close()}). */
    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
