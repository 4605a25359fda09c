package dev.porthole.hw.hotplug;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One kernel uevent as the {@code NETLINK_KOBJECT_UEVENT} socket delivers it: a header
 * {@code ACTION@DEVPATH}, then NUL-separated {@code KEY=value} pairs (lib/kobject_uevent.c). Messages
 * relayed by udev (they start with {@code libudev}) are not parsed: Porthole listens to the kernel
 * group only. The bytes are untrusted: anything malformed yields {@link Optional#empty()}, never an
 * exception; at most {@link #MAX_KEYS} pairs are kept.
 */
public record Uevent(String action, String devpath, Map<String, String> env) {

    /** Most key/value pairs kept from one message (the kernel sends at most 64). */
    public static final int MAX_KEYS = 64;

    /** Copies the map. */
    public Uevent {
        env = Map.copyOf(env);
    }

    /** The value of {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(env.get(key));
    }

    /** Whether this is a DRM connector hotplug ({@code SUBSYSTEM=drm}, {@code HOTPLUG=1}). */
    public boolean isDrmHotplug() {
        return "drm".equals(env.get("SUBSYSTEM")) && "1".equals(env.get("HOTPLUG"));
    }

    /**
     * Whether this is any change event of DRM card {@code card} (e.g. {@code card0}): the kernel's connector
     * hotplug ({@code HOTPLUG=1}, possibly naming a {@code CONNECTOR}), a lease change, or a synthetic
     * {@code change} written to the card's {@code uevent} file. Each is reason enough to re-probe.
     */
    public boolean isDrmChange(String card) {
        return "drm".equals(env.get("SUBSYSTEM")) && "change".equals(action) && devpath.endsWith("/drm/" + card);
    }

    /** Parses {@code length} bytes of {@code bytes}; empty when it is not a well-formed kernel uevent. */
    public static Optional<Uevent> parse(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            return Optional.empty();
        }
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        String header = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int at = header.indexOf('@');
        if (at <= 0 || at == header.length() - 1 || header.startsWith("libudev")) {
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        int i = end + 1;
        while (i < length && env.size() < MAX_KEYS) {
            int j = i;
            while (j < length && bytes[j] != 0) {
                j++;
            }
            String pair = new String(bytes, i, j - i, StandardCharsets.UTF_8);
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
            i = j + 1;
        }
        String action = env.getOrDefault("ACTION", header.substring(0, at));
        String devpath = env.getOrDefault("DEVPATH", header.substring(at + 1));
        return Optional.of(new Uevent(action, devpath, env));
    }
}
