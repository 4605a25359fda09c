package dev.porthole.hw.drm;

import java.util.List;

/** A connector from {@code DRM_IOCTL_MODE_GETCONNECTOR}: its state, modes and encoders. */
public record DrmConnector(int id, int type, int typeId, boolean connected, int encoderId, List<Integer> encoders,
                           List<DrmModeInfo> modes, int mmWidth, int mmHeight) {

    /** Immutable lists. */
    public DrmConnector {
        encoders = List.copyOf(encoders);
        modes = List.copyOf(modes);
    }

    /** The preferred mode, else the first (largest by convention), else none. */
    public java.util.Optional<DrmModeInfo> preferredMode() {
        return modes.stream().filter(DrmModeInfo::preferred).findFirst().or(() -> modes.stream().findFirst());
    }

    @Override
    public String toString() {
        return "connector " + id + " type=" + type + "-" + typeId + (connected ? " connected" : " disconnected")
                + " modes=" + modes.size();
    }
}
