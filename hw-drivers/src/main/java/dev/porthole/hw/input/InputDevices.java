package dev.porthole.hw.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tinylog.TaggedLogger;

import dev.porthole.hw.HwException;
import dev.porthole.hw.evdev.DeviceClass;
import dev.porthole.hw.evdev.EvdevCodes;
import dev.porthole.hw.evdev.EvdevDevice;
import dev.porthole.hw.evdev.EvdevReader;
import dev.porthole.hw.hotplug.InputHotplug;

/**
 * All keyboards, mice, touch screens and tablets of the device, kept current by hotplug: every
 * {@code event*} node in the input directory is opened, classified, optionally grabbed and read into
 * an {@link InputPipeline}; a device plugged in later just works, one pulled out is released. Nodes
 * that are none of those classes (switches, sensors) are closed again.
 */
public final class InputDevices implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final InputPipeline pipeline;
    private final boolean grab;
    private final Map<Path, EvdevReader> readers = new ConcurrentHashMap<>();
    private final InputHotplug hotplug;

    private InputDevices(Path inputDir, InputPipeline pipeline, boolean grab) {
        this.pipeline = pipeline;
        this.grab = grab;
        this.hotplug = InputHotplug.start(inputDir, "event", new InputHotplug.Listener() {
            @Override
            public void added(Path node) {
                attach(node);
            }

            @Override
            public void removed(Path node) {
                detach(node);
            }

            @Override
            public void changed(Path node) {
                if (!readers.containsKey(node)) {
                    attach(node);
                }
            }
        });
    }

    /**
     * Watches {@code inputDir} ({@code /dev/input}) and feeds {@code pipeline}; with {@code grab} every
     * device is taken exclusively (EVIOCGRAB), so the console and other readers see nothing.
     */
    public static InputDevices start(Path inputDir, InputPipeline pipeline, boolean grab) {
        return new InputDevices(inputDir, pipeline, grab);
    }

    private void attach(Path node) {
        EvdevDevice dev;
        try {
            dev = EvdevDevice.open(node.toString());
        } catch (HwException e) {
            LOG.debug("input node not usable node={} error={}", node, e.getMessage());
            return;
        }
        var info = dev.info();
        if (info.classes().equals(java.util.Set.of(DeviceClass.OTHER)) || info.is(DeviceClass.TOUCHPAD) && info.classes().size() == 1) {
            LOG.debug("input node ignored {}", info);
            dev.close();
            return;
        }
        try {
            if (grab) {
                dev.grab(true);
            }
        } catch (HwException e) {
            LOG.warn("input grab failed node={} error={}", node, e.getMessage());
        }
        pipeline.deviceAdded(info);
        EvdevReader r = EvdevReader.start(dev, f -> pipeline.frame(info.node(), f), (src, err) -> {
            pipeline.deviceRemoved(info.node());
            readers.remove(node);
            src.close();
        });
        EvdevReader old = readers.put(node, r);
        if (old != null) {
            old.close();
            old.source().close();
        }
        LOG.info("input device attached {} grabbed={}", info, dev.grabbed());
    }

    private void detach(Path node) {
        EvdevReader r = readers.remove(node);
        if (r != null) {
            r.close();
            r.source().close();
            pipeline.deviceRemoved(node.toString());
            LOG.info("input device detached node={}", node);
        }
    }

    /** The nodes currently read. */
    public List<Path> nodes() {
        List<Path> l = new ArrayList<>(readers.keySet());
        l.sort(null);
        return l;
    }

    /** Sets the lock LEDs of every keyboard that has them (the remote session's indicator state). */
    public void setLockLeds(boolean capsLock, boolean numLock, boolean scrollLock) {
        for (EvdevReader r : readers.values()) {
            if (r.source() instanceof EvdevDevice d && d.info().is(DeviceClass.KEYBOARD)) {
                try {
                    if (d.info().capabilities().leds().get(EvdevCodes.LED_CAPSL)) {
                        d.setLed(EvdevCodes.LED_CAPSL, capsLock);
                    }
                    if (d.info().capabilities().leds().get(EvdevCodes.LED_NUML)) {
                        d.setLed(EvdevCodes.LED_NUML, numLock);
                    }
                    if (d.info().capabilities().leds().get(EvdevCodes.LED_SCROLLL)) {
                        d.setLed(EvdevCodes.LED_SCROLLL, scrollLock);
                    }
                } catch (HwException e) {
                    LOG.debug("keyboard LEDs not set node={} error={}", d.info().node(), e.getMessage());
                }
            }
        }
    }

    /** Stops hotplug and every reader, releasing grabs. */
    @Override
    public void close() {
        hotplug.close();
        for (Path p : new ArrayList<>(readers.keySet())) {
            detach(p);
        }
    }
}
