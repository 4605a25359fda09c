package dev.porthole.hw.drm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.porthole.hw.HwException;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.Ioctl;
import dev.porthole.hw.linux.LibC;

/**
 * A DRM card ({@code /dev/dri/cardN}) through its legacy KMS ioctls (drm.h, drm_mode.h): resources,
 * connectors, encoders, CRTCs, dumb buffers, framebuffers, mode-set, page flips with their vblank
 * events, DIRTYFB for virtual GPUs and the cursor ioctl. Struct layouts are the LP64 ones.
 */
public final class DrmDevice implements AutoCloseable {

    public static final long DRM_IOCTL_VERSION = Ioctl.iowr('d', 0x00, 64);
    public static final long DRM_IOCTL_GET_CAP = Ioctl.iowr('d', 0x0c, 16);
    public static final long DRM_IOCTL_SET_MASTER = Ioctl.io('d', 0x1e);
    public static final long DRM_IOCTL_DROP_MASTER = Ioctl.io('d', 0x1f);
    public static final long DRM_IOCTL_MODE_GETRESOURCES = Ioctl.iowr('d', 0xa0, 64);
    public static final long DRM_IOCTL_MODE_GETCRTC = Ioctl.iowr('d', 0xa1, 104);
    public static final long DRM_IOCTL_MODE_SETCRTC = Ioctl.iowr('d', 0xa2, 104);
    public static final long DRM_IOCTL_MODE_CURSOR = Ioctl.iowr('d', 0xa3, 28);
    public static final long DRM_IOCTL_MODE_GETENCODER = Ioctl.iowr('d', 0xa6, 20);
    public static final long DRM_IOCTL_MODE_GETCONNECTOR = Ioctl.iowr('d', 0xa7, 80);
    public static final long DRM_IOCTL_MODE_ADDFB = Ioctl.iowr('d', 0xae, 28);
    public static final long DRM_IOCTL_MODE_RMFB = Ioctl.iowr('d', 0xaf, 4);
    public static final long DRM_IOCTL_MODE_PAGE_FLIP = Ioctl.iowr('d', 0xb0, 24);
    public static final long DRM_IOCTL_MODE_DIRTYFB = Ioctl.iowr('d', 0xb1, 24);
    public static final long DRM_IOCTL_MODE_CREATE_DUMB = Ioctl.iowr('d', 0xb2, 32);
    public static final long DRM_IOCTL_MODE_MAP_DUMB = Ioctl.iowr('d', 0xb3, 16);
    public static final long DRM_IOCTL_MODE_DESTROY_DUMB = Ioctl.iowr('d', 0xb4, 4);

    public static final int DRM_CAP_DUMB_BUFFER = 0x1;
    public static final int DRM_CAP_CURSOR_WIDTH = 0x8;
    public static final int DRM_CAP_CURSOR_HEIGHT = 0x9;
    public static final int DRM_MODE_PAGE_FLIP_EVENT = 0x01;
    public static final int DRM_EVENT_FLIP_COMPLETE = 0x02;
    public static final int DRM_MODE_CURSOR_BO = 0x01;
    public static final int DRM_MODE_CURSOR_MOVE = 0x02;
    public static final int DRM_MODE_CONNECTED = 1;

    private final DeviceFile file;
    private final String driver;

    private DrmDevice(DeviceFile file) {
        this.file = file;
        this.driver = queryDriver();
    }

    /** Opens {@code card} (for example {@code /dev/dri/card0}) read-write. */
    public static DrmDevice open(String card) {
        DeviceFile f = DeviceFile.open(card, LibC.O_RDWR);
        try {
            return new DrmDevice(f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** The device path. */
    public String path() {
        return file.path();
    }

    /** The kernel driver name ({@code bochs-drm}, {@code vc4}, {@code i915}…). */
    public String driver() {
        return driver;
    }

    private String queryDriver() {
        try (Memory ver = new Memory(64); Memory name = new Memory(64)) {
            ver.clear();
            name.clear();
            ver.setLong(16, 63);
            ver.setLong(24, Pointer.nativeValue(name));
            file.ioctl("DRM_IOCTL_VERSION", DRM_IOCTL_VERSION, ver);
            return name.getString(0, "US-ASCII");
        }
    }

    /** {@code DRM_IOCTL_GET_CAP}; empty when the kernel does not know the capability. */
    public Optional<Long> capability(int cap) {
        try (Memory m = new Memory(16)) {
            m.clear();
            m.setLong(0, cap);
            if (file.tryIoctl(DRM_IOCTL_GET_CAP, m) != 0) {
                return Optional.empty();
            }
            return Optional.of(m.getLong(8));
        }
    }

    /** Becomes DRM master (needed for mode-setting); false when another process holds it. */
    public boolean becomeMaster() {
        return file.tryIoctl(DRM_IOCTL_SET_MASTER, null) == 0;
    }

    /** Gives up DRM master (a VT switch away). */
    public void dropMaster() {
        file.tryIoctl(DRM_IOCTL_DROP_MASTER, null);
    }

    /** The card's object ids. */
    public DrmResources resources() {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Memory res = new Memory(64)) {
                res.clear();
                file.ioctl("DRM_IOCTL_MODE_GETRESOURCES", DRM_IOCTL_MODE_GETRESOURCES, res);
                int fbs = res.getInt(32);
                int crtcs = res.getInt(36);
                int conns = res.getInt(40);
                int encs = res.getInt(44);
                try (Memory a = ids(fbs); Memory b = ids(crtcs); Memory c = ids(conns); Memory d = ids(encs)) {
                    res.setLong(0, Pointer.nativeValue(a));
                    res.setLong(8, Pointer.nativeValue(b));
                    res.setLong(16, Pointer.nativeValue(c));
                    res.setLong(24, Pointer.nativeValue(d));
                    file.ioctl("DRM_IOCTL_MODE_GETRESOURCES", DRM_IOCTL_MODE_GETRESOURCES, res);
                    if (res.getInt(32) > fbs || res.getInt(36) > crtcs || res.getInt(40) > conns || res.getInt(44) > encs) {
                        continue; // something was hot-plugged in between; ask again
                    }
                    return new DrmResources(list(a, res.getInt(32)), list(b, res.getInt(36)), list(c, res.getInt(40)),
                            list(d, res.getInt(44)), res.getInt(48), res.getInt(52), res.getInt(56), res.getInt(60));
                }
            }
        }
        throw new HwException(HwException.Kind.IO, "DRM_IOCTL_MODE_GETRESOURCES on " + path() + ": counts kept changing");
    }

    private static Memory ids(int count) {
        Memory m = new Memory(Math.max(4, 4L * count));
        m.clear();
        return m;
    }

    private static List<Integer> list(Memory m, int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(m.getInt(4L * i));
        }
        return out;
    }

    /** A connector with its modes (probing it, which may take a moment on real hardware). */
    public DrmConnector connector(int id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Memory c = new Memory(80)) {
                c.clear();
                c.setInt(48, id);
                file.ioctl("DRM_IOCTL_MODE_GETCONNECTOR(" + id + ")", DRM_IOCTL_MODE_GETCONNECTOR, c);
                int modes = c.getInt(32);
                int encs = c.getInt(40);
                try (Memory m = new Memory(Math.max(DrmModeInfo.SIZE, (long) DrmModeInfo.SIZE * modes)); Memory e = ids(encs);
                     Memory props = new Memory(Math.max(4, 4L * c.getInt(36))); Memory vals = new Memory(Math.max(8, 8L * c.getInt(36)))) {
                    c.setLong(0, Pointer.nativeValue(e));
                    c.setLong(8, Pointer.nativeValue(m));
                    c.setLong(16, Pointer.nativeValue(props));
                    c.setLong(24, Pointer.nativeValue(vals));
                    file.ioctl("DRM_IOCTL_MODE_GETCONNECTOR(" + id + ")", DRM_IOCTL_MODE_GETCONNECTOR, c);
                    if (c.getInt(32) > modes || c.getInt(40) > encs) {
                        continue;
                    }
                    ByteBuffer mb = m.getByteBuffer(0, m.size()).order(ByteOrder.LITTLE_ENDIAN);
                    List<DrmModeInfo> modeList = new ArrayList<>();
                    for (int i = 0; i < c.getInt(32); i++) {
                        modeList.add(DrmModeInfo.decode(mb, i * DrmModeInfo.SIZE));
                    }
                    return new DrmConnector(id, c.getInt(52), c.getInt(56), c.getInt(60) == DRM_MODE_CONNECTED,
                            c.getInt(44), list(e, c.getInt(40)), modeList, c.getInt(64), c.getInt(68));
                }
            }
        }
        throw new HwException(HwException.Kind.IO, "DRM_IOCTL_MODE_GETCONNECTOR(" + id + ") on " + path() + ": counts kept changing");
    }

    /** {@code DRM_IOCTL_MODE_GETENCODER}: {crtc_id, possible_crtcs}. */
    public int[] encoder(int id) {
        try (Memory e = new Memory(20)) {
            e.clear();
            e.setInt(0, id);
            file.ioctl("DRM_IOCTL_MODE_GETENCODER(" + id + ")", DRM_IOCTL_MODE_GETENCODER, e);
            return new int[] {e.getInt(8), e.getInt(12)};
        }
    }

    /** Creates a dumb buffer of {@code width}x{@code height} at 32 bpp, maps it and (if {@code addFb}) adds a framebuffer for it. */
    public DumbBuffer createDumb(int width, int height, boolean addFb) {
        int handle;
        int pitch;
        long size;
        try (Memory cd = new Memory(32)) {
            cd.clear();
            cd.setInt(0, height);
            cd.setInt(4, width);
            cd.setInt(8, 32);
            file.ioctl("DRM_IOCTL_MODE_CREATE_DUMB(" + width + "x" + height + "x32)", DRM_IOCTL_MODE_CREATE_DUMB, cd);
            handle = cd.getInt(16);
            pitch = cd.getInt(20);
            size = cd.getLong(24);
        }
        try {
            long offset;
            try (Memory md = new Memory(16)) {
                md.clear();
                md.setInt(0, handle);
                file.ioctl("DRM_IOCTL_MODE_MAP_DUMB(" + handle + ")", DRM_IOCTL_MODE_MAP_DUMB, md);
                offset = md.getLong(8);
            }
            DeviceFile.Mapping mapping = file.map(size, offset);
            int fb = 0;
            if (addFb) {
                try (Memory cmd = new Memory(28)) {
                    cmd.clear();
                    cmd.setInt(4, width);
                    cmd.setInt(8, height);
                    cmd.setInt(12, pitch);
                    cmd.setInt(16, 32);
                    cmd.setInt(20, 24);
                    cmd.setInt(24, handle);
                    file.ioctl("DRM_IOCTL_MODE_ADDFB(handle " + handle + ")", DRM_IOCTL_MODE_ADDFB, cmd);
                    fb = cmd.getInt(0);
                } catch (RuntimeException e) {
                    mapping.close();
                    throw e;
                }
            }
            return new DumbBuffer(handle, width, height, pitch, size, fb, mapping);
        } catch (RuntimeException e) {
            destroyHandle(handle);
            throw e;
        }
    }

    /** Removes the framebuffer, unmaps and destroys a dumb buffer. */
    public void destroy(DumbBuffer buffer) {
        try {
            if (buffer.fbId() != 0) {
                try (Memory m = new Memory(4)) {
                    m.setInt(0, buffer.fbId());
                    file.tryIoctl(DRM_IOCTL_MODE_RMFB, m);
                }
            }
            buffer.mapping().close();
        } finally {
            destroyHandle(buffer.handle());
        }
    }

    private void destroyHandle(int handle) {
        try (Memory m = new Memory(4)) {
            m.setInt(0, handle);
            file.tryIoctl(DRM_IOCTL_MODE_DESTROY_DUMB, m);
        }
    }

    /** {@code GETCRTC}: {fb_id, x, y, mode_valid} and the mode (null when invalid). */
    public CrtcState crtc(int crtcId) {
        try (Memory c = new Memory(104)) {
            c.clear();
            c.setInt(12, crtcId);
            file.ioctl("DRM_IOCTL_MODE_GETCRTC(" + crtcId + ")", DRM_IOCTL_MODE_GETCRTC, c);
            DrmModeInfo mode = c.getInt(32) != 0 ? DrmModeInfo.decode(c.getByteBuffer(0, 104), 36) : null;
            return new CrtcState(crtcId, c.getInt(16), c.getInt(20), c.getInt(24), mode);
        }
    }

    /** A CRTC's current configuration. */
    public record CrtcState(int crtcId, int fbId, int x, int y, DrmModeInfo mode) {}

    /** {@code SETCRTC}: shows framebuffer {@code fbId} on {@code crtcId} driving {@code connectorId} in {@code mode}. */
    public void setCrtc(int crtcId, int fbId, int connectorId, DrmModeInfo mode) {
        try (Memory c = new Memory(104); Memory conns = new Memory(4)) {
            c.clear();
            conns.setInt(0, connectorId);
            c.setLong(0, Pointer.nativeValue(conns));
            c.setInt(8, 1);
            c.setInt(12, crtcId);
            c.setInt(16, fbId);
            c.setInt(32, 1);
            c.write(36, mode.raw(), 0, DrmModeInfo.SIZE);
            file.ioctl("DRM_IOCTL_MODE_SETCRTC(crtc " + crtcId + ", fb " + fbId + ", connector " + connectorId + ", " + mode + ")",
                    DRM_IOCTL_MODE_SETCRTC, c);
        }
    }

    /** {@code SETCRTC} with no framebuffer and no mode: switches the CRTC (and the panel) off. */
    public void setCrtcOff(int crtcId) {
        try (Memory c = new Memory(104)) {
            c.clear();
            c.setInt(12, crtcId);
            file.ioctl("DRM_IOCTL_MODE_SETCRTC(crtc " + crtcId + ", off)", DRM_IOCTL_MODE_SETCRTC, c);
        }
    }

    /** Queues a flip of {@code crtcId} to {@code fbId} at the next vblank, asking for a completion event. */
    public void pageFlip(int crtcId, int fbId, long userData) {
        try (Memory f = new Memory(24)) {
            f.clear();
            f.setInt(0, crtcId);
            f.setInt(4, fbId);
            f.setInt(8, DRM_MODE_PAGE_FLIP_EVENT);
            f.setLong(16, userData);
            file.ioctl("DRM_IOCTL_MODE_PAGE_FLIP(crtc " + crtcId + ", fb " + fbId + ")", DRM_IOCTL_MODE_PAGE_FLIP, f);
        }
    }

    /**
     * Reads DRM events from the descriptor until a flip completion for {@code userData} arrives;
     * returns its vblank sequence number, or -1 after {@code timeoutMillis}.
     */
    public long awaitFlip(long userData, int timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Memory buf = new Memory(1024)) {
            while (true) {
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                if (!file.awaitReadable(left)) {
                    return -1;
                }
                int n = file.read(buf, 1024);
                int at = 0;
                while (n - at >= 8) {
                    int type = buf.getInt(at);
                    int length = buf.getInt(at + 4);
                    if (length < 8 || at + length > n) {
                        break;
                    }
                    if (type == DRM_EVENT_FLIP_COMPLETE && length >= 32 && buf.getLong(at + 8) == userData) {
                        return Integer.toUnsignedLong(buf.getInt(at + 24));
                    }
                    at += length;
                }
            }
        }
    }

    /**
     * {@code DIRTYFB}: tells a virtual or self-refreshing GPU which rectangles ({x1,y1,x2,y2}, exclusive)
     * changed. Returns false when the driver does not need or support it.
     */
    public boolean dirty(int fbId, List<int[]> clips) {
        int n = Math.max(1, clips.size());
        try (Memory rects = new Memory(8L * n); Memory cmd = new Memory(24)) {
            rects.clear();
            for (int i = 0; i < clips.size(); i++) {
                int[] r = clips.get(i);
                rects.setShort(8L * i, (short) r[0]);
                rects.setShort(8L * i + 2, (short) r[1]);
                rects.setShort(8L * i + 4, (short) r[2]);
                rects.setShort(8L * i + 6, (short) r[3]);
            }
            cmd.clear();
            cmd.setInt(0, fbId);
            cmd.setInt(12, clips.size());
            cmd.setLong(16, clips.isEmpty() ? 0 : Pointer.nativeValue(rects));
            int errno = file.tryIoctl(DRM_IOCTL_MODE_DIRTYFB, cmd);
            if (errno == 0) {
                return true;
            }
            if (errno == 38 || errno == 22 || errno == 95 || errno == 25) {
                return false;
            }
            throw HwException.syscall(path(), "ioctl DRM_IOCTL_MODE_DIRTYFB(fb " + fbId + ")", errno, LibC.get().strerror(errno), null);
        }
    }

    /**
     * {@code DRM_IOCTL_MODE_CURSOR} with a buffer handle (0 hides it). Returns the errno (0 = done), so
     * callers can fall back to a software cursor when the CRTC has none.
     */
    public int setCursor(int crtcId, int handle, int width, int height) {
        try (Memory c = new Memory(28)) {
            c.clear();
            c.setInt(0, DRM_MODE_CURSOR_BO);
            c.setInt(4, crtcId);
            c.setInt(16, width);
            c.setInt(20, height);
            c.setInt(24, handle);
            return file.tryIoctl(DRM_IOCTL_MODE_CURSOR, c);
        }
    }

    /** Moves the hardware cursor; returns the errno (0 = done). */
    public int moveCursor(int crtcId, int x, int y) {
        try (Memory c = new Memory(28)) {
            c.clear();
            c.setInt(0, DRM_MODE_CURSOR_MOVE);
            c.setInt(4, crtcId);
            c.setInt(8, x);
            c.setInt(12, y);
            return file.tryIoctl(DRM_IOCTL_MODE_CURSOR, c);
        }
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "drm " + path() + " (" + driver + ")";
    }
}
