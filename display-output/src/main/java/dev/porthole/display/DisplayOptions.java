package dev.porthole.display;

import java.nio.file.Path;
import java.util.List;

import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;

/**
 * How to pick and set up the display, filled in by the device agent from its configuration.
 *
 * @param backends      backends to try, in order ({@code drm}, {@code fbdev}, {@code window}, {@code headless})
 * @param drmCards      DRM card nodes to try ({@code /dev/dri/card0}…)
 * @param framebuffers  fbdev nodes to try ({@code /dev/fb0}…)
 * @param desktop       whether a desktop session is present (the agent knows from its environment)
 * @param width         preferred mode width (0: the panel's preferred mode); also the headless/window size
 * @param height        preferred mode height
 * @param rotation      panel mounting
 * @param scaling       how a differently sized surface is fitted
 */
public record DisplayOptions(List<String> backends, List<Path> drmCards, List<Path> framebuffers, boolean desktop, int width,
                             int height, Rotation rotation, Scaling scaling) {

    /** Immutable lists. */
    public DisplayOptions {
        backends = List.copyOf(backends);
        drmCards = List.copyOf(drmCards);
        framebuffers = List.copyOf(framebuffers);
    }

    /** The automatic order: drm, fbdev, window, headless on card0/fb0, 1920x1080 for window and headless. */
    public static DisplayOptions automatic(boolean desktop) {
        return new DisplayOptions(List.of("drm", "fbdev", "window", "headless"), List.of(Path.of("/dev/dri/card0")),
                List.of(Path.of("/dev/fb0")), desktop, 0, 0, Rotation.R0, Scaling.FIT);
    }
}
