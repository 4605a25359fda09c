package dev.porthole.provisioning.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import dev.porthole.provisioning.store.AtomicFiles;

/**
 * CPU, memory and temperature of the device from Linux's {@code /proc} and {@code /sys}: CPU busy share between two
 * samples from {@code /proc/stat}, memory from {@code /proc/meminfo} (total − available), temperature as the highest
 * {@code /sys/class/thermal/thermal_zone*}{@code /temp} when there is one. The roots are passed in (tests point them at
 * fake trees); every file read is bounded.
 */
public final class SystemMetrics {

    /**
     * A sample.
     *
     * @param cpuPercent         busy share of all CPUs since the previous sample (empty on the first)
     * @param memoryUsedBytes    total − available
     * @param memoryTotalBytes   total
     * @param temperatureCelsius highest thermal zone, when any
     */
    public record Sample(OptionalDouble cpuPercent, OptionalLong memoryUsedBytes, OptionalLong memoryTotalBytes,
                         OptionalDouble temperatureCelsius) {}

    private static final int MAX_FILE = 256 * 1024;

    private final Path proc;
    private final Path sys;
    private long lastBusy = -1;
    private long lastTotal = -1;

    /** Metrics from {@code procRoot} (normally {@code /proc}) and {@code sysRoot} (normally {@code /sys}). */
    public SystemMetrics(Path procRoot, Path sysRoot) {
        this.proc = procRoot;
        this.sys = sysRoot;
    }

    /** Reads a sample; missing or unreadable sources give empty values. */
    public synchronized Sample read() {
        return new Sample(cpu(), memory(true), memory(false), temperature());
    }

    private OptionalDouble cpu() {
        String stat = text(proc.resolve("stat"));
        if (stat == null) {
            return OptionalDouble.empty();
        }
        for (String line : stat.split("\n")) {
            if (!line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            try {
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i == 4 || i == 5) { // idle, iowait
                        idle += v;
                    }
                }
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
            long busy = total - idle;
            OptionalDouble out = OptionalDouble.empty();
            if (lastTotal >= 0 && total > lastTotal) {
                out = OptionalDouble.of(100.0 * (busy - lastBusy) / (total - lastTotal));
            }
            lastBusy = busy;
            lastTotal = total;
            return out;
        }
        return OptionalDouble.empty();
    }

    private OptionalLong memory(boolean used) {
        String info = text(proc.resolve("meminfo"));
        if (info == null) {
            return OptionalLong.empty();
        }
        long total = -1;
        long available = -1;
        for (String line : info.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            try {
                if (f[0].equals("MemTotal:")) {
                    total = Long.parseLong(f[1]) * 1024;
                } else if (f[0].equals("MemAvailable:")) {
                    available = Long.parseLong(f[1]) * 1024;
                }
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        if (total < 0) {
            return OptionalLong.empty();
        }
        if (!used) {
            return OptionalLong.of(total);
        }
        return available < 0 ? OptionalLong.empty() : OptionalLong.of(total - available);
    }

    private OptionalDouble temperature() {
        Path thermal = sys.resolve("class/thermal");
        if (!Files.isDirectory(thermal)) {
            return OptionalDouble.empty();
        }
        double max = Double.NEGATIVE_INFINITY;
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
            for (Path z : zones) {
                String t = text(z.resolve("temp"));
                if (t == null) {
                    continue;
                }
                try {
                    max = Math.max(max, Long.parseLong(t.strip()) / 1000.0);
                } catch (NumberFormatException ignored) {
                    // not a reading
                }
            }
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        return max == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    private static String text(Path file) {
        try {
            return AtomicFiles.read(file, MAX_FILE).map(b -> new String(b, StandardCharsets.US_ASCII)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
