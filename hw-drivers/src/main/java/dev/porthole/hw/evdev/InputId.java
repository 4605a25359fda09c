package dev.porthole.hw.evdev;

/** {@code struct input_id} from {@code EVIOCGID}. */
public record InputId(int bustype, int vendor, int product, int version) {

    @Override
    public String toString() {
        return String.format("bus=%04x vendor=%04x product=%04x version=%04x", bustype, vendor, product, version);
    }
}
