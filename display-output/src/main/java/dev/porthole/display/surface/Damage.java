package dev.porthole.display.surface;

import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces damage rectangles: overlapping or touching ones merge, and past a limit everything
 * collapses into the bounding box, so memory stays bounded however fast damage arrives.
 */
public final class Damage {

    /** Most rectangles kept before collapsing into one. */
    public static final int MAX_RECTS = 32;

    private final List<Rect> rects = new ArrayList<>();

    /** Adds {@code r} (clipped to {@code w} x {@code h}). */
    public void add(Rect r, int w, int h) {
        Rect c = r.clip(w, h);
        if (c.isEmpty()) {
            return;
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < rects.size(); i++) {
                if (rects.get(i).touches(c)) {
                    c = c.union(rects.remove(i));
                    merged = true;
                    break;
                }
            }
        }
        rects.add(c);
        if (rects.size() > MAX_RECTS) {
            Rect all = rects.getFirst();
            for (Rect x : rects) {
                all = all.union(x);
            }
            rects.clear();
            rects.add(all);
        }
    }

    /** Adds all of {@code other}. */
    public void addAll(List<Rect> other, int w, int h) {
        for (Rect r : other) {
            add(r, w, h);
        }
    }

    /** Whether nothing is damaged. */
    public boolean isEmpty() {
        return rects.isEmpty();
    }

    /** The rectangles (a copy). */
    public List<Rect> rects() {
        return List.copyOf(rects);
    }

    /** Returns the rectangles and empties this. */
    public List<Rect> drain() {
        List<Rect> r = List.copyOf(rects);
        rects.clear();
        return r;
    }

    /** Empties. */
    public void clear() {
        rects.clear();
    }
}
