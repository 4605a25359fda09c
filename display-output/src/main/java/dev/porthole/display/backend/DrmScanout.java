package dev.porthole.display.backend;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.porthole.display.DisplayException;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.surface.Rect;
import dev.porthole.hw.HwException;
import dev.porthole.hw.drm.DrmModeInfo;
import dev.porthole.hw.drm.KmsOutput;

/**
 * A DRM/KMS output as a {@link Scanout}: two XRGB8888 dumb buffers flipped at vblank, DIRTYFB rectangles
 * for virtual GPUs, and the CRTC's cursor plane when it has one.
 */
public final class DrmScanout implements Scanout {

    private final KmsOutput kms;
    private final boolean closeDevice;

    /** Wraps {@code kms}; closes its card too on {@link #close()} when {@code closeDevice}. */
    public DrmScanout(KmsOutput kms, boolean closeDevice) {
        this.kms = kms;
        this.closeDevice = closeDevice;
    }

    @Override
    public String name() {
        return "drm";
    }

    /** The KMS output. */
    public KmsOutput output() {
        return kms;
    }

    @Override
    public Mode mode() {
        DrmModeInfo m = kms.mode();
        return new Mode(m.hdisplay(), m.vdisplay(), m.vrefresh());
    }

    @Override
    public List<Mode> modes() {
        LinkedHashSet<Mode> s = new LinkedHashSet<>();
        for (DrmModeInfo m : kms.connector().modes()) {
            s.add(new Mode(m.hdisplay(), m.vdisplay(), m.vrefresh()));
        }
        return List.copyOf(s);
    }

    @Override
    public void setMode(Mode wanted) {
        for (DrmModeInfo m : kms.connector().modes()) {
            if (m.hdisplay() == wanted.width() && m.vdisplay() == wanted.height()
                    && (wanted.refreshHz() <= 0 || m.vrefresh() == wanted.refreshHz())) {
                try {
                    kms.setMode(m);
                } catch (HwException e) {
                    throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "drm: mode " + wanted + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        throw new DisplayException(DisplayException.Kind.INVALID, "drm: mode " + wanted + " is not offered by "
                + kms.connector() + " (offered: " + modes() + ")");
    }

    @Override
    public Probe reprobe() {
        try {
            return switch (kms.reprobe()) {
                case UNCHANGED -> Probe.UNCHANGED;
                case MODE_CHANGED, RECONNECTED -> Probe.CHANGED;
                case DISCONNECTED -> Probe.DISCONNECTED;
            };
        } catch (HwException e) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "drm: re-probing " + kms.connector() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PixelFormat format() {
        return PixelFormat.XRGB8888;
    }

    @Override
    public int stride() {
        return kms.buffer(0).pitch();
    }

    @Override
    public int bufferCount() {
        return kms.bufferCount();
    }

    @Override
    public ByteBuffer buffer(int index) {
        return kms.buffer(index).memory();
    }

    @Override
    public int backBuffer() {
        return kms.front() < 0 ? 0 : kms.back();
    }

    @Override
    public void show(int index, List<Rect> damage) {
        List<int[]> clips = new ArrayList<>(damage.size());
        for (Rect r : damage) {
            clips.add(new int[] {r.x(), r.y(), r.right(), r.bottom()});
        }
        kms.show(index, clips);
    }

    @Override
    public void blank(boolean blanked) {
        kms.blank(blanked);
    }

    @Override
    public boolean setHardwareCursor(CursorImage image) {
        return kms.setCursor(image.argb(), image.width(), image.height());
    }

    @Override
    public void moveHardwareCursor(int x, int y) {
        kms.moveCursor(x, y);
    }

    @Override
    public void hideHardwareCursor() {
        kms.device().setCursor(kms.crtcId(), 0, 0, 0);
    }

    @Override
    public void close() {
        kms.close();
        if (closeDevice) {
            kms.device().close();
        }
    }
}
