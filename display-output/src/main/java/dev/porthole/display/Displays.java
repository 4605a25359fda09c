package dev.porthole.display;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tinylog.TaggedLogger;

import dev.porthole.display.backend.DrmScanout;
import dev.porthole.display.backend.FbdevScanout;
import dev.porthole.display.backend.HeadlessScanout;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.backend.Scanout;
import dev.porthole.display.backend.WindowScanout;
import dev.porthole.hw.HwException;
import dev.porthole.hw.drm.DrmDevice;
import dev.porthole.hw.drm.KmsOutput;
import dev.porthole.hw.fbdev.FbdevFramebuffer;
import dev.porthole.hw.hotplug.UeventMonitor;

/** Opens the first backend that works, in the order of {@link DisplayOptions#backends()}. */
public final class Displays {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("display");

    private Displays() {}

    /** Opens a display; fails only when every listed backend is unavailable, naming each reason. */
    public static Display open(DisplayOptions options) {
        List<String> reasons = new ArrayList<>();
        for (String backend : options.backends()) {
            try {
                Scanout s = switch (backend) {
                    case "drm" -> drm(options);
                    case "fbdev" -> fbdev(options);
                    case "window" -> window(options);
                    case "headless" -> new HeadlessScanout(size(options.width(), 1920), size(options.height(), 1080));
                    default -> throw new DisplayException(DisplayException.Kind.INVALID, "unknown display backend '" + backend
                            + "' (drm, fbdev, window, headless)", null);
                };
                PresentingDisplay d = new PresentingDisplay(s, options.rotation(), options.scaling());
                if (s instanceof DrmScanout drm) {
                    watchHotplug(d, drm);
                }
                return d;
            } catch (HwException | DisplayException e) {
                if (e instanceof DisplayException d && d.kind() == DisplayException.Kind.INVALID) {
                    throw d;
                }
                LOG.info("display backend unavailable backend={} reason={}", backend, e.getMessage());
                reasons.add(backend + ": " + e.getMessage());
            }
        }
        throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "no display backend works: " + String.join("; ", reasons), null);
    }

    /**
     * Re-probes the DRM output on every change uevent of its card (connector hotplug), for as long as
     * the display is open. Without a netlink socket (a sandbox), hotplug goes unnoticed and is logged.
     */
    public static void watchHotplug(PresentingDisplay d, DrmScanout drm) {
        String card = Path.of(drm.output().device().path()).getFileName().toString();
        try {
            UeventMonitor m = UeventMonitor.start(e -> {
                if (e.isDrmChange(card)) {
                    LOG.info("display hotplug event card={} connector={}", card, e.get("CONNECTOR").orElse("?"));
                    d.reprobe();
                }
            });
            d.closeWith(m);
        } catch (HwException e) {
            LOG.warn("display hotplug not watched card={} reason={}", card, e.getMessage());
        }
    }

    private static int size(int v, int dflt) {
        return v > 0 ? v : dflt;
    }

    private static Scanout drm(DisplayOptions o) {
        List<String> why = new ArrayList<>();
        for (Path card : o.drmCards()) {
            if (!Files.exists(card)) {
                why.add(card + " does not exist");
                continue;
            }
            DrmDevice dev = DrmDevice.open(card.toString());
            try {
                return new DrmScanout(KmsOutput.open(dev, o.width(), o.height(), 2), true);
            } catch (RuntimeException e) {
                dev.close();
                why.add(e.getMessage());
            }
        }
        throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "drm: " + String.join("; ", why), null);
    }

    private static Scanout fbdev(DisplayOptions o) {
        List<String> why = new ArrayList<>();
        for (Path fb : o.framebuffers()) {
            if (!Files.exists(fb)) {
                why.add(fb + " does not exist");
                continue;
            }
            FbdevFramebuffer f = FbdevFramebuffer.open(fb.toString());
            try {
                return new FbdevScanout(f, true);
            } catch (RuntimeException e) {
                f.close();
                why.add(e.getMessage());
            }
        }
        throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "fbdev: " + String.join("; ", why), null);
    }

    private static Scanout window(DisplayOptions o) {
        if (!o.desktop()) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "window: no desktop session", null);
        }
        return new WindowScanout(size(o.width(), 1280), size(o.height(), 800), "Porthole");
    }
}
