package dev.porthole.hw.drm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tinylog.TaggedLogger;

import dev.porthole.hw.HwException;

/**
 * One lit display on a DRM card: a connected connector, its CRTC, a mode, and one or two dumb
 * buffers. With two buffers, {@link #show(int)} flips at vblank (the completion event is read from the
 * card) so the panel never shows a half-drawn frame; drivers without page flips fall back to SETCRTC.
 * Virtual GPUs get DIRTYFB after every change. A hardware cursor is used when the CRTC has one.
 */
public final class KmsOutput implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");
    private static final int FLIP_TIMEOUT_MILLIS = 200;

    private final DrmDevice device;
    private volatile DrmConnector connector;
    private final List<DumbBuffer> retired = new ArrayList<>();
    private boolean disconnected;
    private final int crtcId;
    private volatile DrmModeInfo mode;
    private final List<DumbBuffer> buffers = new ArrayList<>();
    private final int bufferCount;
    private int front = -1;
    private boolean flips = true;
    private boolean dirtyNeeded = true;
    private long flipSeq;
    private DumbBuffer cursor;
    private boolean cursorSupported = true;

    private KmsOutput(DrmDevice device, DrmConnector connector, int crtcId, DrmModeInfo mode, int bufferCount) {
        this.device = device;
        this.connector = connector;
        this.crtcId = crtcId;
        this.mode = mode;
        this.bufferCount = bufferCount;
    }

    /**
     * Picks the first connected connector with modes, its preferred mode (or the mode
     * {@code width}x{@code height} when both are positive and offered), a CRTC its encoder can drive,
     * and allocates {@code bufferCount} (1 or 2) buffers. Does not mode-set yet: call {@link #show(int)}.
     */
    public static KmsOutput open(DrmDevice device, int width, int height, int bufferCount) {
        if (bufferCount < 1 || bufferCount > 2) {
            throw new IllegalArgumentException("bufferCount " + bufferCount + " (1 or 2)");
        }
        if (device.capability(DrmDevice.DRM_CAP_DUMB_BUFFER).orElse(0L) == 0) {
            throw new HwException(HwException.Kind.UNSUPPORTED, device.path() + " (" + device.driver() + ") has no dumb buffers");
        }
        if (!device.becomeMaster()) {
            LOG.debug("drm SET_MASTER refused on {} (another master?); mode-set may fail", device.path());
        }
        DrmResources res = device.resources();
        for (int connId : res.connectors()) {
            DrmConnector c = device.connector(connId);
            if (!c.connected() || c.modes().isEmpty()) {
                continue;
            }
            Optional<Integer> crtc = pickCrtc(device, res, c);
            if (crtc.isEmpty()) {
                continue;
            }
            DrmModeInfo m = c.preferredMode().orElseThrow();
            if (width > 0 && height > 0) {
                m = c.modes().stream().filter(x -> x.hdisplay() == width && x.vdisplay() == height).findFirst().orElse(m);
            }
            KmsOutput out = new KmsOutput(device, c, crtc.get(), m, bufferCount);
            out.allocate();
            LOG.info("drm output device={} driver={} connector={} crtc={} mode={} buffers={}", device.path(), device.driver(),
                    connId, crtc.get(), m, bufferCount);
            return out;
        }
        throw new HwException(HwException.Kind.NOT_FOUND, device.path() + " (" + device.driver()
                + "): no connected connector with modes and a usable CRTC among " + res.connectors());
    }

    private static Optional<Integer> pickCrtc(DrmDevice device, DrmResources res, DrmConnector c) {
        if (c.encoderId() != 0) {
            int current = device.encoder(c.encoderId())[0];
            if (current != 0) {
                return Optional.of(current);
            }
        }
        for (int enc : c.encoders()) {
            int possible = device.encoder(enc)[1];
            for (int i = 0; i < res.crtcs().size(); i++) {
                if ((possible & (1 << i)) != 0) {
                    return Optional.of(res.crtcs().get(i));
                }
            }
        }
        return Optional.empty();
    }

    private void allocate() {
        for (int i = 0; i < bufferCount; i++) {
            buffers.add(device.createDumb(mode.hdisplay(), mode.vdisplay(), true));
        }
        front = -1;
    }

    private void release() {
        for (DumbBuffer b : buffers) {
            device.destroy(b);
        }
        buffers.clear();
        for (DumbBuffer b : retired) {
            device.destroy(b);
        }
        retired.clear();
    }

    /** The connector driven. */
    public DrmConnector connector() {
        return connector;
    }

    /** The CRTC id. */
    public int crtcId() {
        return crtcId;
    }

    /** The mode in use. */
    public DrmModeInfo mode() {
        return mode;
    }

    /** The card. */
    public DrmDevice device() {
        return device;
    }

    /** Number of buffers (1 or 2). */
    public int bufferCount() {
        return buffers.size();
    }

    /** Buffer {@code i}. */
    public DumbBuffer buffer(int i) {
        return buffers.get(i);
    }

    /** The buffer being scanned out, -1 before the first {@link #show(int)}. */
    public int front() {
        return front;
    }

    /** The buffer to draw next: the one not shown (or the only one). */
    public int back() {
        return buffers.size() == 1 ? 0 : (front == 0 ? 1 : 0);
    }

    /** Whether page flips work on this driver (false after a fallback to SETCRTC). */
    public boolean pageFlips() {
        return flips;
    }

    /**
     * Switches to another of the connector's modes: new buffers of the new size are allocated now, the
     * next {@link #show} mode-sets with them, and the old buffers are freed after that mode-set (so the
     * panel keeps showing the old frame until the new one is ready).
     */
    public void setMode(DrmModeInfo newMode) {
        if (!connector.modes().contains(newMode)) {
            throw new HwException(HwException.Kind.INVALID, "mode " + newMode + " is not offered by " + connector);
        }
        retired.addAll(buffers);
        buffers.clear();
        mode = newMode;
        allocate();
        LOG.info("drm mode change device={} connector={} mode={}", device.path(), connector.id(), newMode);
    }

    /** What a {@link #reprobe()} found. */
    public enum Probe {
        /** Still connected with the current mode offered. */
        UNCHANGED,
        /** Still or again connected, but the current mode is gone: switched to the preferred mode (new buffers). */
        MODE_CHANGED,
        /** Connected again after being disconnected, the mode still offered: the next show mode-sets. */
        RECONNECTED,
        /** The connector is disconnected (or offers no modes): nothing can be shown until it comes back. */
        DISCONNECTED
    }

    /**
     * Reads the connector again (after a hotplug uevent): its state and modes. When the current mode is
     * no longer offered, switches to the connector's preferred mode.
     */
    public Probe reprobe() {
        DrmConnector c = device.connector(connector.id());
        connector = c;
        if (!c.connected() || c.modes().isEmpty()) {
            if (!disconnected) {
                LOG.info("drm connector disconnected device={} connector={}", device.path(), c.id());
            }
            disconnected = true;
            return Probe.DISCONNECTED;
        }
        boolean wasDisconnected = disconnected;
        disconnected = false;
        if (!c.modes().contains(mode)) {
            setMode(c.preferredMode().orElseThrow());
            return Probe.MODE_CHANGED;
        }
        if (wasDisconnected) {
            front = -1;
            LOG.info("drm connector reconnected device={} connector={} mode={}", device.path(), c.id(), mode);
            return Probe.RECONNECTED;
        }
        return Probe.UNCHANGED;
    }

    /**
     * Shows buffer {@code index}: a mode-set the first time, then a vblank-paced page flip (waiting for
     * its completion event), or SETCRTC where flips are unsupported. {@code clips} ({x1,y1,x2,y2})
     * go to DIRTYFB for virtual GPUs; null means the whole buffer.
     */
    public void show(int index, List<int[]> clips) {
        DumbBuffer b = buffers.get(index);
        if (front < 0) {
            device.setCrtc(crtcId, b.fbId(), connector.id(), mode);
        } else if (index != front) {
            if (flips) {
                try {
                    long token = ++flipSeq;
                    device.pageFlip(crtcId, b.fbId(), token);
                    if (device.awaitFlip(token, FLIP_TIMEOUT_MILLIS) < 0) {
                        LOG.debug("drm flip event late on {} (no vblank interrupt?)", device.path());
                    }
                } catch (HwException e) {
                    LOG.info("drm page flip unavailable device={} error={}; using SETCRTC", device.path(), e.getMessage());
                    flips = false;
                    device.setCrtc(crtcId, b.fbId(), connector.id(), mode);
                }
            } else {
                device.setCrtc(crtcId, b.fbId(), connector.id(), mode);
            }
        }
        front = index;
        for (DumbBuffer old : retired) {
            device.destroy(old);
        }
        retired.clear();
        if (dirtyNeeded) {
            List<int[]> rects = clips == null ? List.of(new int[] {0, 0, b.width(), b.height()}) : clips;
            dirtyNeeded = device.dirty(b.fbId(), rects);
        }
    }

    /** {@link #show(int, List)} with the whole buffer dirty. */
    public void show(int index) {
        show(index, null);
    }

    /** Blanks (disables the CRTC) or unblanks (shows the front buffer again). */
    public void blank(boolean blanked) {
        if (blanked) {
            device.setCrtcOff(crtcId);
        } else if (front >= 0) {
            device.setCrtc(crtcId, buffers.get(front).fbId(), connector.id(), mode);
        }
    }

    /**
     * Sets a hardware cursor image ({@code argb}, {@code width}x{@code height}, at most the CRTC's
     * cursor size). Returns false when the CRTC has no cursor plane (use a software cursor).
     */
    public boolean setCursor(int[] argb, int width, int height) {
        if (!cursorSupported) {
            return false;
        }
        int cw = (int) (long) device.capability(DrmDevice.DRM_CAP_CURSOR_WIDTH).orElse(64L);
        int ch = (int) (long) device.capability(DrmDevice.DRM_CAP_CURSOR_HEIGHT).orElse(64L);
        if (width > cw || height > ch) {
            return false;
        }
        if (cursor == null) {
            cursor = device.createDumb(cw, ch, false);
        }
        var mem = cursor.memory();
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                mem.putInt(y * cursor.pitch() + x * 4, x < width && y < height ? argb[y * width + x] : 0);
            }
        }
        int errno = device.setCursor(crtcId, cursor.handle(), cw, ch);
        if (errno != 0) {
            LOG.info("drm hardware cursor unavailable device={} errno={}; software cursor", device.path(),
                    HwException.errnoName(errno));
            cursorSupported = false;
            device.destroy(cursor);
            cursor = null;
            return false;
        }
        return true;
    }

    /** Moves the hardware cursor's top-left corner; false when there is none. */
    public boolean moveCursor(int x, int y) {
        return cursorSupported && cursor != null && device.moveCursor(crtcId, x, y) == 0;
    }

    /** Whether a hardware cursor is in use. */
    public boolean hardwareCursor() {
        return cursorSupported && cursor != null;
    }

    /** Frees the buffers (the kernel restores the console when the card is closed). */
    @Override
    public void close() {
        if (cursor != null) {
            device.setCursor(crtcId, 0, 0, 0);
            device.destroy(cursor);
            cursor = null;
        }
        release();
    }
}
