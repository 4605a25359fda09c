package dev.porthole.display;

import java.time.Duration;
import java.util.List;

import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;

/**
 * The panel as the rest of Porthole sees it. {@link #present} never blocks on the device: it copies
 * the damaged pixels and returns; a presentation thread coalesces damage, converts it into the
 * panel's format and shows it (page flip, pan or flush). Cursor calls are cheap too.
 */
public interface Display extends AutoCloseable {

    /** The backend name: {@code drm}, {@code fbdev}, {@code window} or {@code headless}. */
    String backend();

    /** The current panel mode. */
    Mode mode();

    /** The modes the panel offers (at least the current one). */
    List<Mode> modes();

    /** The size surfaces should have to fill the panel without scaling (the mode, turned by the rotation). */
    Mode logicalSize();

    /** Presents {@code damage} of {@code surface}; returns at once. An empty list means nothing changed. */
    void present(Surface surface, List<Rect> damage);

    /** Sets the pointer image, or hides the pointer with {@code null}. */
    void setCursor(CursorImage image);

    /** Moves the pointer's hotspot to ({@code x}, {@code y}) in surface coordinates. */
    void moveCursor(int x, int y);

    /**
     * Switches the panel to {@code mode} (see {@link #modes()}; fbdev drivers may accept sizes they do not
     * list, or refuse any change). Blocks until the presentation thread has applied it: afterwards
     * {@link #mode()} and {@link #logicalSize()} are the new ones and the last presented surface is shown
     * again, fitted to the new panel. Present surfaces of the new {@link #logicalSize()} to fill it unscaled.
     *
     * @throws DisplayException INVALID when the panel does not offer {@code mode}, UNAVAILABLE when the
     *         driver refuses it (the old mode stays); the default (a display without modes to change)
     *         always refuses
     */
    default void setMode(Mode mode) {
        throw new DisplayException(DisplayException.Kind.UNAVAILABLE, backend() + " display cannot change its mode to " + mode);
    }

    /**
     * The panel may have been plugged, unplugged or changed (a DRM hotplug uevent): the output is probed
     * again on the presentation thread. A vanished mode is replaced by the panel's preferred one; while no
     * panel is connected, frames are kept and shown in full once it returns. Returns at once. The
     * default does nothing (no hotplug).
     */
    default void reprobe() {}

    /**
     * {@code listener} is told the new panel mode after every mode change (asked for or from a hotplug),
     * on the presentation thread; it should return quickly (e.g. ask the session for a resize). The
     * default ignores it (the mode never changes).
     */
    default void onModeChange(java.util.function.Consumer<Mode> listener) {}

    /** Blanks (powers down) or unblanks the panel. */
    void blank(boolean blanked);

    /** Waits until everything presented so far is on the panel; false on timeout. */
    boolean awaitIdle(Duration timeout);

    /** Frames shown so far (flips, pans or flushes). */
    long framesShown();

    /** Stops presenting and releases the device. */
    @Override
    void close();
}
