package dev.porthole.display.backend;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.tinylog.TaggedLogger;

import dev.porthole.display.Display;
import dev.porthole.display.DisplayException;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.convert.FrameWriter;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.convert.SoftwareCursor;
import dev.porthole.display.surface.Damage;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;

/**
 * The {@link Display} on top of any {@link Scanout}. Callers' {@link #present} copies only the damaged
 * pixels into a staging surface under a short lock; a presentation thread takes the coalesced damage,
 * converts it into the back buffer (each buffer also catches up on damage it missed while the other
 * was shown), and shows it. The cursor is the scanout's hardware cursor when it has one and the image
 * is neither rotated nor scaled, else composed in software.
 */
public final class PresentingDisplay implements Display {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("display");
    private static final Duration MODE_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    private final Scanout scanout;
    private final Rotation rotation;
    private final Scaling scaling;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Thread thread;

    // guarded by lock
    private Surface staging;
    private final Damage pending = new Damage();
    private boolean resized;
    private CursorImage cursorImage;
    private boolean cursorImageChanged;
    private int cursorX;
    private int cursorY;
    private boolean cursorMoved;
    private Boolean blankRequest;
    private Mode modeRequest;
    private java.util.concurrent.CompletableFuture<Mode> modeDone;
    private boolean reprobeRequest;
    private boolean busy;
    private boolean closed;
    private long submitted;
    private long completed;

    // presentation thread only
    private Surface front;
    private FrameWriter writer;
    private Damage[] stale;
    private boolean[] needsFull;
    private SoftwareCursor softCursor;
    private boolean hardwareCursor;
    private boolean disconnected;
    private volatile long shown;
    private volatile long failures;
    private final List<AutoCloseable> companions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Mode currentMode;
    private volatile List<Mode> currentModes;
    private volatile java.util.function.Consumer<Mode> modeListener = m -> { };

    /** Presents onto {@code scanout} with {@code rotation} and {@code scaling}; starts the presentation thread. */
    public PresentingDisplay(Scanout scanout, Rotation rotation, Scaling scaling) {
        this.scanout = scanout;
        this.rotation = rotation;
        this.scaling = scaling;
        this.currentMode = scanout.mode();
        this.currentModes = scanout.modes();
        this.thread = Thread.ofPlatform().daemon().name("display-" + scanout.name()).start(this::run);
        LOG.info("display ready backend={} mode={} format={} buffers={} rotation={} scaling={}", scanout.name(),
                scanout.mode(), scanout.format(), scanout.bufferCount(), rotation, scaling);
    }

    @Override
    public String backend() {
        return scanout.name();
    }

    @Override
    public Mode mode() {
        return currentMode;
    }

    @Override
    public List<Mode> modes() {
        return currentModes;
    }

    @Override
    public Mode logicalSize() {
        Mode m = currentMode;
        return rotation.swapsAxes() ? new Mode(m.height(), m.width(), m.refreshHz()) : m;
    }

    /** Closes {@code resource} (e.g. a hotplug watch) when this display closes, before the scanout. */
    public void closeWith(AutoCloseable resource) {
        companions.add(resource);
    }

    /** Frames whose presentation failed with an exception (logged); 0 on a healthy display. */
    public long failures() {
        return failures;
    }

    /** The scanout (tests and the headless snapshot). */
    public Scanout scanout() {
        return scanout;
    }

    @Override
    public void present(Surface surface, List<Rect> damage) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (staging == null || staging.width() != surface.width() || staging.height() != surface.height()) {
                staging = new Surface(surface.width(), surface.height());
                staging.copyFrom(surface, surface.bounds());
                pending.clear();
                pending.add(surface.bounds(), surface.width(), surface.height());
                resized = true;
            } else {
                for (Rect r : damage) {
                    staging.copyFrom(surface, r);
                    pending.add(r, surface.width(), surface.height());
                }
            }
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setCursor(CursorImage image) {
        lock.lock();
        try {
            cursorImage = image;
            cursorImageChanged = true;
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void moveCursor(int x, int y) {
        lock.lock();
        try {
            if (x == cursorX && y == cursorY) {
                return;
            }
            cursorX = x;
            cursorY = y;
            cursorMoved = true;
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setMode(Mode mode) {
        java.util.concurrent.CompletableFuture<Mode> done = new java.util.concurrent.CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "display " + scanout.name() + " is closed");
            }
            if (modeDone != null) {
                modeDone.completeExceptionally(new DisplayException(DisplayException.Kind.INVALID, "mode " + modeRequest
                        + " superseded by " + mode));
            }
            modeRequest = mode;
            modeDone = done;
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            done.get(MODE_CHANGE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DisplayException d) {
                throw new DisplayException(d.kind(), d.getMessage(), d);
            }
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "mode " + mode + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "mode " + mode + " not applied within "
                    + MODE_CHANGE_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "interrupted while changing to mode " + mode, e);
        }
    }

    @Override
    public void reprobe() {
        lock.lock();
        try {
            reprobeRequest = true;
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onModeChange(java.util.function.Consumer<Mode> listener) {
        modeListener = listener == null ? m -> { } : listener;
    }

    @Override
    public void blank(boolean blanked) {
        lock.lock();
        try {
            blankRequest = blanked;
            submitted++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (completed < submitted || busy) {
                if (nanos <= 0 || closed) {
                    return completed >= submitted && !busy;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long framesShown() {
        return shown;
    }

    private boolean hasWork() {
        return !pending.isEmpty() || resized || cursorImageChanged || cursorMoved || blankRequest != null || modeRequest != null
                || reprobeRequest;
    }

    private void run() {
        while (true) {
            List<Rect> damage;
            boolean resize;
            CursorImage image;
            boolean imageChanged;
            boolean moved;
            int cx;
            int cy;
            Boolean blankNow;
            Mode newMode;
            java.util.concurrent.CompletableFuture<Mode> modeFuture;
            boolean probe;
            long upTo;
            lock.lock();
            try {
                while (!closed && !hasWork()) {
                    work.awaitUninterruptibly();
                }
                if (closed) {
                    idle.signalAll();
                    return;
                }
                busy = true;
                resize = resized;
                resized = false;
                if (staging != null) {
                    if (resize || front == null) {
                        front = new Surface(staging.width(), staging.height());
                        front.copyFrom(staging, staging.bounds());
                        damage = List.of(staging.bounds());
                        pending.clear();
                    } else {
                        damage = pending.drain();
                        for (Rect r : damage) {
                            front.copyFrom(staging, r);
                        }
                    }
                } else {
                    damage = List.of();
                }
                image = cursorImage;
                imageChanged = cursorImageChanged;
                cursorImageChanged = false;
                moved = cursorMoved;
                cursorMoved = false;
                cx = cursorX;
                cy = cursorY;
                blankNow = blankRequest;
                blankRequest = null;
                newMode = modeRequest;
                modeFuture = modeDone;
                modeRequest = null;
                modeDone = null;
                probe = reprobeRequest;
                reprobeRequest = false;
                upTo = submitted;
            } finally {
                lock.unlock();
            }
            boolean geometry = false;
            if (newMode != null) {
                try {
                    scanout.setMode(newMode);
                    geometry = true;
                    newGeometry();
                    modeFuture.complete(scanout.mode());
                } catch (RuntimeException e) {
                    // a refused change may have remapped or cleared the buffers: repaint them all anyway
                    geometry = true;
                    newGeometry();
                    modeFuture.completeExceptionally(e);
                }
            }
            if (probe) {
                try {
                    switch (scanout.reprobe()) {
                        case CHANGED -> {
                            geometry = true;
                            disconnected = false;
                            newGeometry();
                        }
                        case DISCONNECTED -> disconnected = true;
                        case UNCHANGED -> { }
                    }
                } catch (RuntimeException e) {
                    LOG.error(e, "display re-probe failed backend={}", scanout.name());
                }
            }
            try {
                if (!disconnected) {
                    render(damage, resize || geometry, image, imageChanged || geometry, moved, cx, cy, blankNow);
                } else if (blankNow != null) {
                    scanout.blank(blankNow);
                }
            } catch (RuntimeException e) {
                failures++;
                LOG.error(e, "display presentation failed backend={}", scanout.name());
            }
            lock.lock();
            try {
                busy = false;
                completed = Math.max(completed, upTo);
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The scanout's geometry changed: every buffer is repainted in full and the listener told. */
    private void newGeometry() {
        Mode m = scanout.mode();
        Mode old = currentMode;
        currentMode = m;
        currentModes = scanout.modes();
        writer = null;
        if (m.equals(old)) {
            return;
        }
        LOG.info("display mode backend={} mode={} format={} buffers={}", scanout.name(), m, scanout.format(), scanout.bufferCount());
        try {
            modeListener.accept(m);
        } catch (RuntimeException e) {
            LOG.error(e, "display mode listener failed backend={}", scanout.name());
        }
    }

    private void render(List<Rect> damage, boolean resize, CursorImage image, boolean imageChanged, boolean moved, int cx, int cy,
                        Boolean blankNow) {
        if (blankNow != null) {
            scanout.blank(blankNow);
        }
        if (front == null) {
            return;
        }
        int n = scanout.bufferCount();
        if (writer == null || resize) {
            Mode m = scanout.mode();
            writer = new FrameWriter(front.width(), front.height(), m.width(), m.height(), rotation, scaling);
            stale = new Damage[n];
            needsFull = new boolean[n];
            for (int i = 0; i < n; i++) {
                stale[i] = new Damage();
                needsFull[i] = true;
            }
        }
        List<Rect> all = new ArrayList<>(damage);
        boolean identity = rotation == Rotation.R0 && writer.content().width() == front.width()
                && writer.content().height() == front.height();
        if (imageChanged) {
            if (softCursor != null) {
                all.add(softCursor.bounds());
            }
            softCursor = null;
            if (image == null) {
                if (hardwareCursor) {
                    scanout.hideHardwareCursor();
                }
                hardwareCursor = false;
            } else {
                hardwareCursor = identity && scanout.setHardwareCursor(image);
                if (hardwareCursor) {
                    scanout.moveHardwareCursor(cx - image.hotX() + writer.content().x(), cy - image.hotY() + writer.content().y());
                } else {
                    softCursor = new SoftwareCursor(image, cx, cy);
                    all.add(softCursor.bounds());
                }
            }
        } else if (moved && image != null) {
            if (hardwareCursor) {
                scanout.moveHardwareCursor(cx - image.hotX() + writer.content().x(), cy - image.hotY() + writer.content().y());
            } else if (softCursor != null) {
                all.add(softCursor.bounds());
                softCursor = new SoftwareCursor(image, cx, cy);
                all.add(softCursor.bounds());
            }
        }
        if (all.isEmpty() && !resize) {
            return;
        }
        for (int i = 0; i < n; i++) {
            stale[i].addAll(all, front.width(), front.height());
        }
        int b = scanout.backBuffer();
        ByteBuffer buf = scanout.buffer(b);
        int off = scanout.bufferOffset(b);
        List<Rect> panelDamage = new ArrayList<>();
        if (needsFull[b]) {
            Rect full = new Rect(0, 0, writer.panelWidth(), writer.panelHeight());
            writer.write(front.pixels(), full, buf, off, scanout.stride(), scanout.format(), softCursor);
            panelDamage.add(full);
            needsFull[b] = false;
            stale[b].clear();
        } else {
            for (Rect r : stale[b].drain()) {
                Rect p = writer.toPanel(r);
                if (!p.isEmpty()) {
                    writer.write(front.pixels(), p, buf, off, scanout.stride(), scanout.format(), softCursor);
                    panelDamage.add(p);
                }
            }
        }
        if (!panelDamage.isEmpty()) {
            scanout.show(b, panelDamage);
            shown++;
            LOG.trace("display frame backend={} buffer={} rects={}", scanout.name(), b, panelDamage.size());
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (modeDone != null) {
                modeDone.completeExceptionally(new DisplayException(DisplayException.Kind.UNAVAILABLE, "display closed"));
                modeDone = null;
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("display companion close failed backend={} error={}", scanout.name(), e.getMessage());
            }
        }
        scanout.close();
        LOG.info("display closed backend={} frames={}", scanout.name(), shown);
    }
}
