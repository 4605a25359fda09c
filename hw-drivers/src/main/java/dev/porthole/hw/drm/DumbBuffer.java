package dev.porthole.hw.drm;

import java.nio.ByteBuffer;

import dev.porthole.hw.linux.DeviceFile;

/**
 * A DRM dumb buffer: a linear XRGB8888 scanout buffer in video memory, mapped into the process, with
 * the framebuffer object that lets a CRTC show it.
 */
public final class DumbBuffer {

    private final int handle;
    private final int width;
    private final int height;
    private final int pitch;
    private final long size;
    private final int fbId;
    private final DeviceFile.Mapping mapping;

    DumbBuffer(int handle, int width, int height, int pitch, long size, int fbId, DeviceFile.Mapping mapping) {
        this.handle = handle;
        this.width = width;
        this.height = height;
        this.pitch = pitch;
        this.size = size;
        this.fbId = fbId;
        this.mapping = mapping;
    }

    /** GEM handle. */
    public int handle() {
        return handle;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Bytes per line (may exceed width * 4). */
    public int pitch() {
        return pitch;
    }

    /** Allocated size in bytes. */
    public long size() {
        return size;
    }

    /** The framebuffer object id (ADDFB), 0 when none. */
    public int fbId() {
        return fbId;
    }

    /** The mapped pixels (little-endian XRGB8888). */
    public ByteBuffer memory() {
        return mapping.buffer();
    }

    DeviceFile.Mapping mapping() {
        return mapping;
    }

    @Override
    public String toString() {
        return "dumb buffer handle=" + handle + " fb=" + fbId + " " + width + "x" + height + " pitch=" + pitch;
    }
}
