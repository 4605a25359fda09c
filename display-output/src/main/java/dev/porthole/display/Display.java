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
