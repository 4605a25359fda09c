package dev.porthole.hw.backlight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.hw.HwException;

/**
 * A panel backlight through sysfs: {@code <dir>/brightness}, {@code max_brightness} and
 * {@code bl_power} (0 = on, 4 = powered down) of one {@code /sys/class/backlight/<name>} directory.
 */
public final class Backlight {

    /** FB_BLANK_UNBLANK as used by bl_power. */
    public static final int POWER_ON = 0;
    /** FB_BLANK_POWERDOWN as used by bl_power. */
    public static final int POWER_OFF = 4;

    private final Path dir;
    private final int max;

    private Backlight(Path dir, int max) {
        this.dir = dir;
        this.max = max;
    }

    /** Opens the backlight in {@code dir} (for example {@code /sys/class/backlight/rpi_backlight}). */
    public static Backlight open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new HwException(HwException.Kind.NOT_FOUND, "backlight " + dir + " does not exist");
        }
        int max = readInt(dir.resolve("max_brightness"));
        if (max <= 0) {
            throw new HwException(HwException.Kind.INVALID, "backlight " + dir + ": max_brightness " + max + " is not positive");
        }
        return new Backlight(dir, max);
    }

    /** The backlight directories under {@code classDir} ({@code /sys/class/backlight}), sorted; empty when none. */
    public static List<Path> list(Path classDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(classDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(classDir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new HwException(HwException.Kind.IO, "cannot list " + classDir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The sysfs directory. */
    public Path dir() {
        return dir;
    }

    /** {@code max_brightness}. */
    public int maxBrightness() {
        return max;
    }

    /** The raw {@code brightness}. */
    public int brightness() {
        return readInt(dir.resolve("brightness"));
    }

    /** Sets the raw {@code brightness} (0..max). */
    public void setBrightness(int value) {
        if (value < 0 || value > max) {
            throw new HwException(HwException.Kind.INVALID, "backlight " + dir + ": brightness " + value + " outside 0.." + max);
        }
        write(dir.resolve("brightness"), value);
    }

    /** Brightness as a fraction of the maximum. */
    public double level() {
        return brightness() / (double) max;
    }

    /** Sets brightness as a fraction (clamped to 0..1, rounded). */
    public void setLevel(double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        setBrightness((int) Math.round(f * max));
    }

    /** Powers the backlight on or off through {@code bl_power}. */
    public void setPower(boolean on) {
        write(dir.resolve("bl_power"), on ? POWER_ON : POWER_OFF);
    }

    /** Whether {@code bl_power} reports on. */
    public boolean powered() {
        return readInt(dir.resolve("bl_power")) == POWER_ON;
    }

    private static int readInt(Path file) {
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new HwException(Files.exists(file) ? HwException.Kind.IO : HwException.Kind.NOT_FOUND,
                    "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new HwException(HwException.Kind.INVALID, file + " does not hold an integer: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, int value) {
        try {
            Files.writeString(file, Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            HwException.Kind kind = e instanceof java.nio.file.AccessDeniedException ? HwException.Kind.PERMISSION : HwException.Kind.IO;
            throw new HwException(kind, "cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
