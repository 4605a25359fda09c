package dev.porthole.hw.uinput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tinylog.TaggedLogger;

import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.evdev.AbsInfo;
import dev.porthole.hw.evdev.EvdevCodes;
import dev.porthole.hw.evdev.InputEventDecoder;
import dev.porthole.hw.evdev.InputId;
import dev.porthole.hw.evdev.RawInputEvent;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.Ioctl;
import dev.porthole.hw.linux.LibC;

/**
 * A virtual input device created through {@code /dev/uinput}: a keyboard, a pointer or both. Events
 * written to it come out of its {@code /dev/input/eventN} like a real device's. Used by tests and
 * on-device tools.
 */
public final class UinputDevice implements AutoCloseable {

    public static final long UI_DEV_CREATE = Ioctl.io('U', 1);
    public static final long UI_DEV_DESTROY = Ioctl.io('U', 2);
    /** UI_DEV_SETUP: {@code struct uinput_setup} is 92 bytes. */
    public static final long UI_DEV_SETUP = Ioctl.iow('U', 3, 92);
    /** UI_ABS_SETUP: {@code struct uinput_abs_setup} is 28 bytes. */
    public static final long UI_ABS_SETUP = Ioctl.iow('U', 4, 28);
    public static final long UI_SET_EVBIT = Ioctl.iow('U', 100, 4);
    public static final long UI_SET_KEYBIT = Ioctl.iow('U', 101, 4);
    public static final long UI_SET_RELBIT = Ioctl.iow('U', 102, 4);
    public static final long UI_SET_ABSBIT = Ioctl.iow('U', 103, 4);
    public static final long UI_SET_LEDBIT = Ioctl.iow('U', 105, 4);
    public static final long UI_SET_PROPBIT = Ioctl.iow('U', 110, 4);

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final DeviceFile file;
    private final String name;
    private final String sysname;

    private UinputDevice(DeviceFile file, String name, String sysname) {
        this.file = file;
        this.name = name;
        this.sysname = sysname;
    }

    /** A builder for a device called {@code name} (at most 79 bytes). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The kernel's name for it ({@code inputN}), from {@code UI_GET_SYSNAME}. */
    public String sysname() {
        return sysname;
    }

    /**
     * The {@code eventN} node of this device, found under {@code sysClassInput}
     * ({@code /sys/class/input} on a real system) and mapped into {@code devInput}, waiting up to
     * {@code timeout} for the kernel to create it.
     */
    public Path eventNode(Path sysClassInput, Path devInput, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path dir = sysClassInput.resolve(sysname);
        while (true) {
            Optional<String> ev = findEvent(dir);
            if (ev.isPresent() && Files.exists(devInput.resolve(ev.get()))) {
                return devInput.resolve(ev.get());
            }
            if (System.nanoTime() > deadline) {
                throw new HwException(HwException.Kind.NOT_FOUND, "uinput device '" + name + "' (" + sysname
                        + "): no event node under " + dir + " in " + devInput + " after " + timeout.toMillis()
                        + " ms (is the evdev module loaded?)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HwException(HwException.Kind.IO, "interrupted waiting for the event node of " + name, e);
            }
        }
    }

    private static Optional<String> findEvent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "event*")) {
            for (Path p : ds) {
                return Optional.of(p.getFileName().toString());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Writes events as given (no SYN_REPORT added). */
    public void emit(List<RawInputEvent> events) {
        byte[] bytes = InputEventDecoder.encode(events);
        try (Memory m = new Memory(bytes.length)) {
            m.write(0, bytes, 0, bytes.length);
            file.write(m, bytes.length);
        }
    }

    /** Writes one event and a SYN_REPORT. */
    public void emitAndSync(int type, int code, int value) {
        emit(List.of(RawInputEvent.of(type, code, value), RawInputEvent.of(EvdevCodes.EV_SYN, EvdevCodes.SYN_REPORT, 0)));
    }

    /** Presses and releases key {@code code} (two reports). */
    public void tap(int code) {
        emitAndSync(EvdevCodes.EV_KEY, code, 1);
        emitAndSync(EvdevCodes.EV_KEY, code, 0);
    }

    /** One relative motion report. */
    public void move(int dx, int dy) {
        List<RawInputEvent> e = new ArrayList<>();
        if (dx != 0) {
            e.add(RawInputEvent.of(EvdevCodes.EV_REL, EvdevCodes.REL_X, dx));
        }
        if (dy != 0) {
            e.add(RawInputEvent.of(EvdevCodes.EV_REL, EvdevCodes.REL_Y, dy));
        }
        e.add(RawInputEvent.of(EvdevCodes.EV_SYN, EvdevCodes.SYN_REPORT, 0));
        emit(e);
    }

    /** Destroys the device ({@code UI_DEV_DESTROY}) and closes {@code /dev/uinput}. */
    @Override
    public void close() {
        try {
            file.ioctl("UI_DEV_DESTROY", UI_DEV_DESTROY, 0);
        } catch (HwException e) {
            LOG.debug("uinput destroy failed name={} error={}", name, e.getMessage());
        } finally {
            file.close();
        }
    }

    /** Describes the device to create. */
    public static final class Builder {
        private final String name;
        private InputId id = new InputId(EvdevCodes.BUS_VIRTUAL, 0x1d6b, 0x0104, 1);
        private final Set<Integer> keys = new LinkedHashSet<>();
        private final Set<Integer> rel = new LinkedHashSet<>();
        private final Map<Integer, AbsInfo> abs = new LinkedHashMap<>();
        private final Set<Integer> leds = new LinkedHashSet<>();
        private final Set<Integer> props = new LinkedHashSet<>();

        private Builder(String name) {
            if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 79) {
                throw new IllegalArgumentException("uinput name '" + name + "' must be 1..79 bytes");
            }
            this.name = name;
        }

        /** Bus, vendor, product and version ids. */
        public Builder id(InputId value) {
            this.id = value;
            return this;
        }

        /** Keys (and buttons) the device reports. */
        public Builder keys(Iterable<Integer> codes) {
            codes.forEach(keys::add);
            return this;
        }

        /** Relative axes. */
        public Builder rel(int... axes) {
            for (int a : axes) {
                rel.add(a);
            }
            return this;
        }

        /** An absolute axis with its range. */
        public Builder abs(int axis, AbsInfo info) {
            abs.put(axis, info);
            return this;
        }

        /** LEDs (a keyboard's Caps Lock…). */
        public Builder leds(int... codes) {
            for (int c : codes) {
                leds.add(c);
            }
            return this;
        }

        /** Input properties ({@link EvdevCodes#INPUT_PROP_DIRECT} for a touch screen). */
        public Builder props(int... codes) {
            for (int c : codes) {
                props.add(c);
            }
            return this;
        }

        /** Creates the device through {@code uinputNode} (normally {@code /dev/uinput}). */
        public UinputDevice create(String uinputNode) {
            DeviceFile f = DeviceFile.open(uinputNode, LibC.O_WRONLY | LibC.O_NONBLOCK);
            try {
                if (!keys.isEmpty()) {
                    f.ioctl("UI_SET_EVBIT(EV_KEY)", UI_SET_EVBIT, EvdevCodes.EV_KEY);
                    for (int k : keys) {
                        f.ioctl("UI_SET_KEYBIT(" + k + ")", UI_SET_KEYBIT, k);
                    }
                }
                if (!rel.isEmpty()) {
                    f.ioctl("UI_SET_EVBIT(EV_REL)", UI_SET_EVBIT, EvdevCodes.EV_REL);
                    for (int r : rel) {
                        f.ioctl("UI_SET_RELBIT(" + r + ")", UI_SET_RELBIT, r);
                    }
                }
                if (!abs.isEmpty()) {
                    f.ioctl("UI_SET_EVBIT(EV_ABS)", UI_SET_EVBIT, EvdevCodes.EV_ABS);
                    for (var a : abs.entrySet()) {
                        f.ioctl("UI_SET_ABSBIT(" + a.getKey() + ")", UI_SET_ABSBIT, a.getKey());
                        try (Memory m = new Memory(28)) {
                            m.clear();
                            m.setShort(0, a.getKey().shortValue());
                            AbsInfo i = a.getValue();
                            m.setInt(4, i.value());
                            m.setInt(8, i.minimum());
                            m.setInt(12, i.maximum());
                            m.setInt(16, i.fuzz());
                            m.setInt(20, i.flat());
                            m.setInt(24, i.resolution());
                            f.ioctl("UI_ABS_SETUP(" + a.getKey() + ")", UI_ABS_SETUP, m);
                        }
                    }
                }
                if (!leds.isEmpty()) {
                    f.ioctl("UI_SET_EVBIT(EV_LED)", UI_SET_EVBIT, EvdevCodes.EV_LED);
                    for (int l : leds) {
                        f.ioctl("UI_SET_LEDBIT(" + l + ")", UI_SET_LEDBIT, l);
                    }
                }
                for (int p : props) {
                    f.ioctl("UI_SET_PROPBIT(" + p + ")", UI_SET_PROPBIT, p);
                }
                try (Memory m = new Memory(92)) {
                    m.clear();
                    m.setShort(0, (short) id.bustype());
                    m.setShort(2, (short) id.vendor());
                    m.setShort(4, (short) id.product());
                    m.setShort(6, (short) id.version());
                    byte[] n = name.getBytes(StandardCharsets.UTF_8);
                    m.write(8, n, 0, n.length);
                    f.ioctl("UI_DEV_SETUP('" + name + "')", UI_DEV_SETUP, m);
                }
                f.ioctl("UI_DEV_CREATE", UI_DEV_CREATE, 0);
                String sys;
                try (Memory m = new Memory(64)) {
                    m.clear();
                    f.ioctl("UI_GET_SYSNAME", Ioctl.ioc(Ioctl.READ, 'U', 44, 64), m);
                    sys = m.getString(0, StandardCharsets.US_ASCII.name());
                }
                LOG.info("uinput device created name='{}' sysname={}", name, sys);
                return new UinputDevice(f, name, sys);
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
        }
    }
}
