package dev.porthole.hw.drm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** {@code struct drm_mode_modeinfo} (68 bytes): one display timing. The raw bytes are kept for SETCRTC. */
public record DrmModeInfo(int clock, int hdisplay, int vdisplay, int vrefresh, int flags, int type, String name, byte[] raw) {

    /** sizeof(struct drm_mode_modeinfo). */
    public static final int SIZE = 68;
    /** DRM_MODE_TYPE_PREFERRED. */
    public static final int TYPE_PREFERRED = 1 << 3;

    /** Copies the raw bytes. */
    public DrmModeInfo {
        raw = raw.clone();
        if (raw.length != SIZE) {
            throw new IllegalArgumentException("drm_mode_modeinfo is " + SIZE + " bytes, got " + raw.length);
        }
    }

    /** Decodes {@link #SIZE} bytes at {@code at}. */
    public static DrmModeInfo decode(ByteBuffer b, int at) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] raw = new byte[SIZE];
        in.get(at, raw);
        int n = 0;
        while (n < 32 && raw[36 + n] != 0) {
            n++;
        }
        return new DrmModeInfo(in.getInt(at), Short.toUnsignedInt(in.getShort(at + 4)),
                Short.toUnsignedInt(in.getShort(at + 14)), in.getInt(at + 24), in.getInt(at + 28), in.getInt(at + 32),
                new String(raw, 36, n, StandardCharsets.US_ASCII), raw);
    }

    /** Whether the driver marks this mode preferred. */
    public boolean preferred() {
        return (type & TYPE_PREFERRED) != 0;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrmModeInfo m && java.util.Arrays.equals(raw, m.raw);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return hdisplay + "x" + vdisplay + "@" + vrefresh + (preferred() ? " (preferred)" : "");
    }
}
