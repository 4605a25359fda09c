package dev.porthole.display;

/** A display mode: panel size in pixels and refresh rate (0 when unknown). */
public record Mode(int width, int height, int refreshHz) {

    /** Validates. */
    public Mode {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("mode " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + (refreshHz > 0 ? "@" + refreshHz : "");
    }
}
