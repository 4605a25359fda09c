package dev.porthole.display.backend;

import java.nio.ByteBuffer;
import java.util.List;

import org.tinylog.TaggedLogger;

import dev.porthole.display.DisplayException;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.surface.Rect;
import dev.porthole.hw.HwException;
import dev.porthole.hw.fbdev.FbVarScreenInfo;
import dev.porthole.hw.fbdev.Framebuffer;

/**
 * A Linux framebuffer as a {@link Scanout}: the pixel format comes from its bitfields, lines are
 * {@code line_length} apart, and when the driver grants a virtual height of two pages, frames are
 * drawn off-screen and shown by panning ({@code FBIOPAN_DISPLAY}).
 */
public final class FbdevScanout implements Scanout {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("display");

    private final Framebuffer fb;
    private final boolean doubleBuffer;
    private PixelFormat format;

    /** Wraps {@code fb}; asks for a second page when {@code doubleBuffer}. */
    public FbdevScanout(Framebuffer fb, boolean doubleBuffer) {
        this.fb = fb;
        this.doubleBuffer = doubleBuffer;
        FbVarScreenInfo v = fb.variable();
        if (doubleBuffer && fb.pages() < 2) {
            try {
                fb.setVariable(v.withMode(v.xres(), v.yres(), v.xresVirtual(), v.yres() * 2, v.bitsPerPixel()));
            } catch (HwException e) {
                LOG.info("fbdev double buffering unavailable device={} reason={}", fb.name(), e.getMessage());
            }
        }
        v = fb.variable();
        try {
            this.format = PixelFormat.fromBitfields(v.bitsPerPixel(), v.red().offset(), v.red().length(), v.green().offset(),
                    v.green().length(), v.blue().offset(), v.blue().length());
        } catch (IllegalArgumentException e) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "fbdev " + fb.name() + ": unsupported pixel layout " + v, e);
        }
        if (fb.pages() > 1 && fb.visiblePage() != 0) {
            fb.showPage(0);
        }
    }

    @Override
    public String name() {
        return "fbdev";
    }

    /** The framebuffer. */
    public Framebuffer framebuffer() {
        return fb;
    }

    @Override
    public Mode mode() {
        FbVarScreenInfo v = fb.variable();
        return new Mode(v.xres(), v.yres(), 0);
    }

    @Override
    public List<Mode> modes() {
        return List.of(mode());
    }

    /**
     * Asks the driver for {@code wanted}'s resolution with {@code FBIOPUT_VSCREENINFO} (two pages high
     * when double buffering was asked for and fits, else one). Many drivers refuse or adjust a resolution
     * change; a mode other than the one asked for is refused and the old mode restored.
     */
    @Override
    public void setMode(Mode wanted) {
        FbVarScreenInfo before = fb.variable();
        int bpp = before.bitsPerPixel();
        FbVarScreenInfo applied = null;
        HwException refused = null;
        for (int pages = doubleBuffer ? 2 : 1; pages >= 1 && applied == null; pages--) {
            try {
                applied = fb.setVariable(before.withMode(wanted.width(), wanted.height(), wanted.width(), wanted.height() * pages, bpp)
                        .withYoffset(0));
            } catch (HwException e) {
                refused = e;
            }
        }
        if (applied == null || applied.xres() != wanted.width() || applied.yres() != wanted.height()) {
            String what = applied == null ? refused.getMessage() : "the driver set " + applied.xres() + "x" + applied.yres();
            try {
                fb.setVariable(before.withYoffset(0));
            } catch (HwException e) {
                LOG.warn("fbdev could not restore mode device={} mode={}x{} error={}", fb.name(), before.xres(), before.yres(),
                        e.getMessage());
            }
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "fbdev " + fb.name() + ": mode " + wanted
                    + " refused: " + what, refused);
        }
        FbVarScreenInfo v = fb.variable();
        format = PixelFormat.fromBitfields(v.bitsPerPixel(), v.red().offset(), v.red().length(), v.green().offset(),
                v.green().length(), v.blue().offset(), v.blue().length());
        if (fb.pages() > 1 && fb.visiblePage() != 0) {
            fb.showPage(0);
        }
        LOG.info("fbdev mode change device={} mode={}x{} pages={}", fb.name(), v.xres(), v.yres(), fb.pages());
    }

    @Override
    public PixelFormat format() {
        return format;
    }

    @Override
    public int stride() {
        return fb.fixed().lineLength();
    }

    @Override
    public int bufferCount() {
        return Math.min(2, fb.pages());
    }

    @Override
    public ByteBuffer buffer(int index) {
        return fb.memory();
    }

    @Override
    public int bufferOffset(int index) {
        return fb.pageOffset(index);
    }

    @Override
    public int backBuffer() {
        return bufferCount() == 1 ? 0 : 1 - Math.min(1, fb.visiblePage());
    }

    @Override
    public void show(int index, List<Rect> damage) {
        if (bufferCount() > 1) {
            fb.showPage(index);
        }
    }

    @Override
    public void blank(boolean blanked) {
        fb.blank(blanked);
    }

    @Override
    public void close() {
        fb.close();
    }
}
