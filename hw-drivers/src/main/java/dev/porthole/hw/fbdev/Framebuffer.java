package dev.porthole.hw.fbdev;

import java.nio.ByteBuffer;

/**
 * A Linux framebuffer: its mode, its memory and its controls. Implemented by {@link FbdevFramebuffer}
 * (a real {@code /dev/fbN}) and {@link FileBackedFramebuffer} (a memory-mapped temp file for tests).
 *
 * <p>The memory holds {@link #pages()} pages of {@code yres} lines each, one above the other in the
 * virtual screen. Lines are {@code fixed().lineLength()} bytes apart. Pixels are little-endian with
 * the channel positions of {@code variable().red()/green()/blue()}.
 */
public interface Framebuffer extends AutoCloseable {

    /** The device (path or fake name), for messages. */
    String name();

    /** The current variable screen info (mode, virtual size, pan offset, pixel layout). */
    FbVarScreenInfo variable();

    /** The current fixed screen info (line length, memory size). */
    FbFixScreenInfo fixed();

    /**
     * Asks for a mode with {@code FBIOPUT_VSCREENINFO}. The kernel may adjust it; the mode actually in
     * force is returned (and from then on reported by {@link #variable()}); the memory is remapped
     * when its layout changed.
     */
    FbVarScreenInfo setVariable(FbVarScreenInfo requested);

    /** The whole mapped framebuffer memory (little-endian). Invalid after a mode change or close. */
    ByteBuffer memory();

    /** How many full pages fit in the virtual height (1 = single buffered). */
    default int pages() {
        return Math.max(1, variable().yresVirtual() / variable().yres());
    }

    /** Byte offset of page {@code page} in {@link #memory()}. */
    default int pageOffset(int page) {
        if (page < 0 || page >= pages()) {
            throw new IllegalArgumentException("page " + page + " of " + name() + " (it has " + pages() + ")");
        }
        return page * variable().yres() * fixed().lineLength();
    }

    /** The page currently scanned out (from the pan offset). */
    default int visiblePage() {
        return variable().yoffset() / variable().yres();
    }

    /** Makes {@code page} visible with {@code FBIOPAN_DISPLAY} (no-op for a single page already shown). */
    void showPage(int page);

    /** {@code FBIOBLANK}: powers the panel down ({@code true}) or up. */
    void blank(boolean blanked);

    /** Unmaps and closes. */
    @Override
    void close();
}
