package dev.porthole.hw.evdev;

/** {@code struct input_absinfo} from {@code EVIOCGABS}: an absolute axis' current value and range. */
public record AbsInfo(int value, int minimum, int maximum, int fuzz, int flat, int resolution) {

    /** An axis with range [{@code minimum}, {@code maximum}]. */
    public static AbsInfo range(int minimum, int maximum) {
        return new AbsInfo(minimum, minimum, maximum, 0, 0, 0);
    }

    /** Maps {@code raw} from this axis' range onto [0, {@code size} - 1], clamped. */
    public int scale(int raw, int size) {
        if (size <= 1 || maximum <= minimum) {
            return 0;
        }
        long clamped = Math.max(minimum, Math.min(maximum, raw));
        return (int) ((clamped - minimum) * (size - 1) / ((long) maximum - minimum));
    }
}
