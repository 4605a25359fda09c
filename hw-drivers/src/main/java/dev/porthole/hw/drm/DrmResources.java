package dev.porthole.hw.drm;

import java.util.List;

/** {@code DRM_IOCTL_MODE_GETRESOURCES}: the object ids of a card and its size limits. */
public record DrmResources(List<Integer> framebuffers, List<Integer> crtcs, List<Integer> connectors, List<Integer> encoders,
                           int minWidth, int maxWidth, int minHeight, int maxHeight) {

    /** Immutable lists. */
    public DrmResources {
        framebuffers = List.copyOf(framebuffers);
        crtcs = List.copyOf(crtcs);
        connectors = List.copyOf(connectors);
        encoders = List.copyOf(encoders);
    }
}
