package dev.porthole.hw.fbdev;

import java.nio.ByteBuffer;

import org.tinylog.TaggedLogger;

import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.LibC;

/** A real {@code /dev/fbN}: ioctls and {@code mmap} through JNA. */
public final class FbdevFramebuffer implements Framebuffer {

    /** FBIOGET_VSCREENINFO. */
    public static final long FBIOGET_VSCREENINFO = 0x4600;
    /** FBIOPUT_VSCREENINFO. */
    public static final long FBIOPUT_VSCREENINFO = 0x4601;
    /** FBIOGET_FSCREENINFO. */
    public static final long FBIOGET_FSCREENINFO = 0x4602;
    /** FBIOPAN_DISPLAY. */
    public static final long FBIOPAN_DISPLAY = 0x4606;
    /** FBIOBLANK. */
    public static final long FBIOBLANK = 0x4611;
    /** FB_BLANK_UNBLANK. */
    public static final int FB_BLANK_UNBLANK = 0;
    /** FB_BLANK_POWERDOWN. */
    public static final int FB_BLANK_POWERDOWN = 4;

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final DeviceFile file;
    private FbVarScreenInfo var;
    private FbFixScreenInfo fix;
    private DeviceFile.Mapping mapping;

    private FbdevFramebuffer(DeviceFile file) {
        this.file = file;
        this.var = readVar();
        this.fix = readFix();
        this.mapping = map();
    }

    /** Opens {@code device} (for example {@code /dev/fb0}) read-write and maps its memory. */
    public static FbdevFramebuffer open(String device) {
        DeviceFile f = DeviceFile.open(device, LibC.O_RDWR);
        try {
            FbdevFramebuffer fb = new FbdevFramebuffer(f);
            LOG.info("fbdev opened device={} id={} mode={} line_length={} smem_len={}", device, fb.fix.id(), fb.var,
                    fb.fix.lineLength(), fb.fix.smemLength());
            return fb;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * Asks for a virtual height of two pages (double buffering by panning); keeps the single page when
     * the driver refuses. Returns the number of pages in force.
     */
    public int requestDoubleBuffering() {
        if (pages() >= 2) {
            return pages();
        }
        FbVarScreenInfo want = var.withMode(var.xres(), var.yres(), var.xresVirtual(), var.yres() * 2, var.bitsPerPixel());
        try {
            setVariable(want);
        } catch (HwException e) {
            LOG.debug("fbdev double buffering refused device={} error={}", file.path(), e.getMessage());
        }
        return pages();
    }

    private FbVarScreenInfo readVar() {
        try (Memory m = new Memory(FbVarScreenInfo.SIZE)) {
            m.clear();
            file.ioctl("FBIOGET_VSCREENINFO", FBIOGET_VSCREENINFO, m);
            return decodeVar(m.getByteBuffer(0, FbVarScreenInfo.SIZE));
        }
    }

    private FbVarScreenInfo decodeVar(ByteBuffer b) {
        try {
            return FbVarScreenInfo.decode(b);
        } catch (IllegalArgumentException e) {
            throw new HwException(HwException.Kind.UNSUPPORTED, file.path() + ": " + e.getMessage(), e);
        }
    }

    private FbFixScreenInfo readFix() {
        try (Memory m = new Memory(FbFixScreenInfo.SIZE)) {
            m.clear();
            file.ioctl("FBIOGET_FSCREENINFO", FBIOGET_FSCREENINFO, m);
            try {
                return FbFixScreenInfo.decode(m.getByteBuffer(0, FbFixScreenInfo.SIZE));
            } catch (IllegalArgumentException e) {
                throw new HwException(HwException.Kind.UNSUPPORTED, file.path() + ": " + e.getMessage(), e);
            }
        }
    }

    private DeviceFile.Mapping map() {
        long need = (long) fix.lineLength() * var.yresVirtual();
        if (need > fix.smemLength()) {
            throw new HwException(HwException.Kind.INVALID, file.path() + ": line_length " + fix.lineLength() + " x yres_virtual "
                    + var.yresVirtual() + " = " + need + " exceeds smem_len " + fix.smemLength());
        }
        return file.map(fix.smemLength(), 0);
    }

    @Override
    public String name() {
        return file.path();
    }

    @Override
    public synchronized FbVarScreenInfo variable() {
        return var;
    }

    @Override
    public synchronized FbFixScreenInfo fixed() {
        return fix;
    }

    @Override
    public synchronized FbVarScreenInfo setVariable(FbVarScreenInfo requested) {
        try (Memory m = new Memory(FbVarScreenInfo.SIZE)) {
            m.write(0, requested.encode(), 0, FbVarScreenInfo.SIZE);
            file.ioctl("FBIOPUT_VSCREENINFO(" + requested.xres() + "x" + requested.yres() + " virtual "
                    + requested.xresVirtual() + "x" + requested.yresVirtual() + " " + requested.bitsPerPixel() + "bpp)",
                    FBIOPUT_VSCREENINFO, m);
        }
        FbFixScreenInfo oldFix = fix;
        var = readVar();
        fix = readFix();
        if (oldFix.smemLength() != fix.smemLength() || oldFix.lineLength() != fix.lineLength()) {
            mapping.close();
            mapping = map();
        }
        LOG.info("fbdev mode set device={} mode={} line_length={}", file.path(), var, fix.lineLength());
        return var;
    }

    @Override
    public synchronized ByteBuffer memory() {
        return mapping.buffer();
    }

    @Override
    public synchronized void showPage(int page) {
        int yoffset = pageOffset(page) / fix.lineLength();
        if (yoffset == var.yoffset()) {
            return;
        }
        FbVarScreenInfo panned = var.withYoffset(yoffset);
        try (Memory m = new Memory(FbVarScreenInfo.SIZE)) {
            m.write(0, panned.encode(), 0, FbVarScreenInfo.SIZE);
            file.ioctl("FBIOPAN_DISPLAY(yoffset=" + yoffset + ")", FBIOPAN_DISPLAY, m);
        }
        var = panned;
    }

    @Override
    public void blank(boolean blanked) {
        file.ioctl(blanked ? "FBIOBLANK(POWERDOWN)" : "FBIOBLANK(UNBLANK)", FBIOBLANK,
                blanked ? FB_BLANK_POWERDOWN : FB_BLANK_UNBLANK);
    }

    @Override
    public synchronized void close() {
        try {
            mapping.close();
        } finally {
            file.close();
        }
    }

    @Override
    public String toString() {
        return "fbdev " + file.path() + " " + var;
    }
}
