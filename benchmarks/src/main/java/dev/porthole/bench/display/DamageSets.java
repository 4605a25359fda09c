package dev.porthole.bench.display;

import java.util.List;

import dev.porthole.display.surface.Rect;

/**
 * The damage sets the presentation benchmark replays on a 1920x1080 surface: what a remote desktop
 * typically repaints. Sizes are in surface pixels; the names are the {@code damage} parameter.
 */
public final class DamageSets {

    /** Surface size of every set. */
    public static final int WIDTH = 1920;
    /** Surface size of every set. */
    public static final int HEIGHT = 1080;

    private DamageSets() {}

    /** The rectangles of set {@code name}. */
    public static List<Rect> of(String name) {
        return switch (name) {
            // the whole frame (a session start, a full-screen video or a desktop switch)
            case "full" -> List.of(new Rect(0, 0, WIDTH, HEIGHT));
            // a blinking text cursor
            case "cursor-blink" -> List.of(new Rect(612, 404, 16, 32));
            // a line of text being typed
            case "typing-line" -> List.of(new Rect(200, 500, 800, 20));
            // a 640x480 window dragged 8 px right and down: its new place and the two uncovered strips
            case "window-drag" -> List.of(new Rect(408, 208, 640, 480), new Rect(400, 200, 8, 480), new Rect(400, 200, 640, 8));
            // a 640x360 video playing in a window
            case "video" -> List.of(new Rect(640, 360, 640, 360));
            default -> throw new IllegalArgumentException("damage set " + name
                    + " (full, cursor-blink, typing-line, window-drag, video)");
        };
    }

    /** Surface pixels in set {@code name}. */
    public static long pixels(String name) {
        long n = 0;
        for (Rect r : of(name)) {
            n += (long) r.width() * r.height();
        }
        return n;
    }
}
