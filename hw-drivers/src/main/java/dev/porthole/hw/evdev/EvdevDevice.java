package dev.porthole.hw.evdev;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tinylog.TaggedLogger;

import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.Ioctl;
import dev.porthole.hw.linux.LibC;

/** A real {@code /dev/input/eventN} through JNA: identification ioctls, grab, reads, LEDs. */
public final class EvdevDevice implements InputSource {

    /** EVIOCGRAB. */
    public static final long EVIOCGRAB = Ioctl.iow('E', 0x90, 4);
    /** EVIOCGID. */
    public static final long EVIOCGID = Ioctl.ior('E', 0x02, 8);
    private static final int KEY_BYTES = (EvdevCodes.KEY_MAX + 1) / 8;
    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final DeviceFile file;
    private final boolean writable;
    private final DeviceInfo info;
    private final Memory readBuffer = new Memory(64L * InputEventDecoder.EVENT_SIZE_64);
    private volatile boolean grabbed;

    private EvdevDevice(DeviceFile file, boolean writable) {
        this.file = file;
        this.writable = writable;
        this.info = query();
    }

    /** {@code EVIOCGBIT(ev, len)}. */
    public static long eviocgbit(int ev, int len) {
        return Ioctl.ioc(Ioctl.READ, 'E', 0x20 + ev, len);
    }

    /** {@code EVIOCGNAME(len)}. */
    public static long eviocgname(int len) {
        return Ioctl.ioc(Ioctl.READ, 'E', 0x06, len);
    }

    /** {@code EVIOCGPROP(len)}. */
    public static long eviocgprop(int len) {
        return Ioctl.ioc(Ioctl.READ, 'E', 0x09, len);
    }

    /** {@code EVIOCGKEY(len)}. */
    public static long eviocgkey(int len) {
        return Ioctl.ioc(Ioctl.READ, 'E', 0x18, len);
    }

    /** {@code EVIOCGABS(abs)}. */
    public static long eviocgabs(int abs) {
        return Ioctl.ior('E', 0x40 + abs, 24);
    }

    /** Opens {@code node} non-blocking, read-write when permitted (LEDs need write), else read-only. */
    public static EvdevDevice open(String node) {
        DeviceFile f;
        boolean writable = true;
        try {
            f = DeviceFile.open(node, LibC.O_RDWR | LibC.O_NONBLOCK);
        } catch (HwException e) {
            if (e.kind() != HwException.Kind.PERMISSION) {
                throw e;
            }
            f = DeviceFile.open(node, LibC.O_RDONLY | LibC.O_NONBLOCK);
            writable = false;
        }
        try {
            EvdevDevice d = new EvdevDevice(f, writable);
            LOG.debug("evdev opened {}", d.info);
            return d;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private DeviceInfo query() {
        String name;
        try (Memory m = new Memory(256)) {
            m.clear();
            file.ioctl("EVIOCGNAME", eviocgname(256), m);
            byte[] raw = m.getByteArray(0, 255);
            int n = 0;
            while (n < raw.length && raw[n] != 0) {
                n++;
            }
            name = new String(raw, 0, n, StandardCharsets.UTF_8);
        }
        InputId id;
        try (Memory m = new Memory(8)) {
            m.clear();
            file.ioctl("EVIOCGID", EVIOCGID, m);
            id = new InputId(Short.toUnsignedInt(m.getShort(0)), Short.toUnsignedInt(m.getShort(2)),
                    Short.toUnsignedInt(m.getShort(4)), Short.toUnsignedInt(m.getShort(6)));
        }
        BitSet types = bits("EVIOCGBIT(0)", eviocgbit(0, 4), 4);
        BitSet keys = types.get(EvdevCodes.EV_KEY) ? bits("EVIOCGBIT(EV_KEY)", eviocgbit(EvdevCodes.EV_KEY, KEY_BYTES), KEY_BYTES) : new BitSet();
        BitSet rel = types.get(EvdevCodes.EV_REL) ? bits("EVIOCGBIT(EV_REL)", eviocgbit(EvdevCodes.EV_REL, 2), 2) : new BitSet();
        BitSet abs = types.get(EvdevCodes.EV_ABS) ? bits("EVIOCGBIT(EV_ABS)", eviocgbit(EvdevCodes.EV_ABS, 8), 8) : new BitSet();
        BitSet leds = types.get(EvdevCodes.EV_LED) ? bits("EVIOCGBIT(EV_LED)", eviocgbit(EvdevCodes.EV_LED, 2), 2) : new BitSet();
        BitSet props;
        try {
            props = bits("EVIOCGPROP", eviocgprop(4), 4);
        } catch (HwException e) {
            props = new BitSet(); // kernels before 3.7
        }
        Map<Integer, AbsInfo> axes = new LinkedHashMap<>();
        for (int a = abs.nextSetBit(0); a >= 0 && a <= EvdevCodes.ABS_MAX; a = abs.nextSetBit(a + 1)) {
            try (Memory m = new Memory(24)) {
                m.clear();
                file.ioctl("EVIOCGABS(" + a + ")", eviocgabs(a), m);
                axes.put(a, new AbsInfo(m.getInt(0), m.getInt(4), m.getInt(8), m.getInt(12), m.getInt(16), m.getInt(20)));
            }
        }
        return DeviceInfo.of(file.path(), name, id, new Capabilities(types, keys, rel, abs, leds, props), axes);
    }

    private BitSet bits(String name, long request, int bytes) {
        try (Memory m = new Memory(bytes)) {
            m.clear();
            file.ioctl(name, request, m);
            return BitSet.valueOf(m.getByteArray(0, bytes));
        }
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    /** {@code EVIOCGRAB}: exclusive delivery to this descriptor (no console, no other reader sees the keys). */
    public void grab(boolean exclusive) {
        file.ioctl(exclusive ? "EVIOCGRAB(1)" : "EVIOCGRAB(0)", EVIOCGRAB, exclusive ? 1 : 0);
        grabbed = exclusive;
    }

    /** Whether this descriptor holds the grab. */
    public boolean grabbed() {
        return grabbed;
    }

    @Override
    public synchronized int read(byte[] buffer, int timeoutMillis) {
        try {
            if (!file.awaitReadable(timeoutMillis)) {
                return 0;
            }
            int want = Math.min(buffer.length, (int) readBuffer.size());
            want -= want % InputEventDecoder.EVENT_SIZE_64;
            int n = file.read(readBuffer, want);
            if (n < 0) {
                return 0;
            }
            if (n == 0) {
                return -1;
            }
            readBuffer.read(0, buffer, 0, n);
            return n;
        } catch (HwException e) {
            if (e.kind() == HwException.Kind.GONE || e.kind() == HwException.Kind.NOT_FOUND) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public BitSet keyState() {
        return bits("EVIOCGKEY", eviocgkey(KEY_BYTES), KEY_BYTES);
    }

    /** Switches keyboard LED {@code led} ({@link EvdevCodes#LED_CAPSL}…) by writing EV_LED and SYN_REPORT. */
    public void setLed(int led, boolean on) {
        if (!writable) {
            throw new HwException(HwException.Kind.PERMISSION, "set LED " + led + " on " + file.path()
                    + ": opened read-only (no write permission)");
        }
        if (!info.capabilities().leds().get(led)) {
            throw new HwException(HwException.Kind.UNSUPPORTED, "set LED " + led + " on " + file.path()
                    + ": the device has no such LED (" + info.capabilities().leds() + ")");
        }
        byte[] bytes = InputEventDecoder.encode(List.of(RawInputEvent.of(EvdevCodes.EV_LED, led, on ? 1 : 0),
                RawInputEvent.of(EvdevCodes.EV_SYN, EvdevCodes.SYN_REPORT, 0)));
        try (Memory m = new Memory(bytes.length)) {
            m.write(0, bytes, 0, bytes.length);
            file.write(m, bytes.length);
        }
    }

    /** The LEDs currently lit ({@code EVIOCGLED}). */
    public BitSet ledState() {
        return bits("EVIOCGLED", Ioctl.ioc(Ioctl.READ, 'E', 0x19, 2), 2);
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
