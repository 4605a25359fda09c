package dev.porthole.display.backend;

import java.nio.ByteBuffer;
import java.util.List;

import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.surface.Rect;

/**
 * What a backend offers the presentation thread: one or more mapped buffers in the panel's pixel
 * format, and a way to show one. Called from the presentation thread only.
 */
public interface Scanout extends AutoCloseable {

    /** Backend name. */
    String name();

    /** The current mode. */
    Mode mode();

    /** Offered modes. */
    List<Mode> modes();

    /** The panel's pixel format. */
    PixelFormat format();

    /** Bytes per line. */
    int stride();

    /** Number of buffers (2 or more: page flipping). */
    int bufferCount();

    /** Buffer {@code index}'s memory (little-endian). */
    ByteBuffer buffer(int index);

    /** Byte offset of the first pixel of buffer {@code index} in {@link #buffer(int)}. */
    default int bufferOffset(int index) {
        return 0;
    }

    /** The buffer to draw the next frame into (not the one being scanned out, when there are two). */
    int backBuffer();

    /** Shows buffer {@code index}, whose pixels in {@code damage} (panel coordinates) changed. */
    void show(int index, List<Rect> damage);

    /** Powers the panel down or up. */
    void blank(boolean blanked);

    /** Shows a hardware cursor; false when there is none (the caller composes a software cursor). */
    default boolean setHardwareCursor(CursorImage image) {
        return false;
    }

    /** Moves the hardware cursor's top-left corner to panel ({@code x}, {@code y}). */
    default void moveHardwareCursor(int x, int y) {}

    /** Hides the hardware cursor. */
    default void hideHardwareCursor() {}

    /**
     * Switches the output to {@code mode} (one of {@link #modes()}, or any size the driver may accept
     * where the list is not known). Afterwards {@link #mode()}, {@link #stride()} and the buffers
     * describe the new geometry; every buffer's content is undefined. Called between frames only.
     *
     * @throws dev.porthole.display.DisplayException INVALID when the mode is not offered, UNAVAILABLE
     *         when the driver refuses it (the old mode stays in force)
     */
    default void setMode(Mode mode) {
        throw new dev.porthole.display.DisplayException(dev.porthole.display.DisplayException.Kind.UNAVAILABLE,
                name() + " cannot change its mode");
    }

    /** What a {@link #reprobe()} found. */
    enum Probe {
        /** Nothing changed. */
        UNCHANGED,
        /** Connected with a different mode (or buffers): repaint everything. */
        CHANGED,
        /** No panel connected: nothing can be shown until it returns. */
        DISCONNECTED
    }

    /** Reads the output's state again (after a hotplug event); the default has no hotplug. */
    default Probe reprobe() {
        return Probe.UNCHANGED;
    }

    /** Releases the device. */
    @Override
    void close();
}
