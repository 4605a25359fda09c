package dev.porthole.hw.hotplug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decoding of {@code struct inotify_event} records (wd, mask, cookie, len, name[len]). */
public final class InotifyEvents {

    public static final int IN_ATTRIB = 0x4;
    public static final int IN_MOVED_FROM = 0x40;
    public static final int IN_MOVED_TO = 0x80;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;
    public static final int IN_DELETE_SELF = 0x400;
    public static final int IN_Q_OVERFLOW = 0x4000;
    public static final int IN_IGNORED = 0x8000;

    /** One decoded record. */
    public record Event(int wd, int mask, String name) {
        /** Whether any bit of {@code bits} is set. */
        public boolean has(int bits) {
            return (mask & bits) != 0;
        }
    }

    private InotifyEvents() {}

    /** Decodes the records in {@code bytes[0..length)}; a truncated record ends decoding. */
    public static List<Event> decode(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> out = new ArrayList<>();
        int at = 0;
        while (length - at >= 16) {
            int wd = in.getInt(at);
            int mask = in.getInt(at + 4);
            int len = in.getInt(at + 12);
            if (len < 0 || len > length - at - 16) {
                break;
            }
            int n = 0;
            while (n < len && bytes[at + 16 + n] != 0) {
                n++;
            }
            out.add(new Event(wd, mask, new String(bytes, at + 16, n, StandardCharsets.UTF_8)));
            at += 16 + len;
        }
        return out;
    }
}
