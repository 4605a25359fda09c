package dev.porthole.hw.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Values from the PC/AT set-1 tables (Microsoft "Keyboard Scan Code Specification", appendix C). */
class ScancodeMapTest {

    static Scancode sc(int keycode) {
        return ScancodeMap.of(keycode).orElseThrow(() -> new AssertionError("keycode " + keycode + " unmapped"));
    }

    @Test
    void mainBlockKeys() {
        assertThat(sc(1)).isEqualTo(Scancode.of(0x01));   // Esc
        assertThat(sc(30)).isEqualTo(Scancode.of(0x1e));  // A
        assertThat(sc(44)).isEqualTo(Scancode.of(0x2c));  // Z
        assertThat(sc(28)).isEqualTo(Scancode.of(0x1c));  // Enter
        assertThat(sc(57)).isEqualTo(Scancode.of(0x39));  // Space
        assertThat(sc(86)).isEqualTo(Scancode.of(0x56));  // ISO key left of Z (the 105th key)
        assertThat(sc(87)).isEqualTo(Scancode.of(0x57));  // F11
        assertThat(sc(88)).isEqualTo(Scancode.of(0x58));  // F12
    }

    @Test
    void extendedKeysCarryE0() {
        assertThat(sc(96)).isEqualTo(Scancode.e0(0x1c));  // keypad Enter
        assertThat(sc(97)).isEqualTo(Scancode.e0(0x1d));  // right Ctrl
        assertThat(sc(100)).isEqualTo(Scancode.e0(0x38)); // AltGr
        assertThat(sc(98)).isEqualTo(Scancode.e0(0x35));  // keypad /
        assertThat(sc(103)).isEqualTo(Scancode.e0(0x48)); // Up
        assertThat(sc(111)).isEqualTo(Scancode.e0(0x53)); // Delete
        assertThat(sc(125)).isEqualTo(Scancode.e0(0x5b)); // left Windows
        assertThat(sc(127)).isEqualTo(Scancode.e0(0x5d)); // Menu
        assertThat(sc(99)).isEqualTo(Scancode.e0(0x37));  // Print Screen
        assertThat(sc(119)).isEqualTo(new Scancode(0x1d, false, true)); // Pause: E1 1D 45
        assertThat(sc(55)).isEqualTo(Scancode.of(0x37));  // keypad * is not extended
    }

    @Test
    void multimediaKeys() {
        assertThat(sc(113)).isEqualTo(Scancode.e0(0x20)); // Mute
        assertThat(sc(114)).isEqualTo(Scancode.e0(0x2e)); // Volume down
        assertThat(sc(115)).isEqualTo(Scancode.e0(0x30)); // Volume up
        assertThat(sc(164)).isEqualTo(Scancode.e0(0x22)); // Play/Pause
        assertThat(sc(163)).isEqualTo(Scancode.e0(0x19)); // Next track
        assertThat(sc(165)).isEqualTo(Scancode.e0(0x10)); // Previous track
        assertThat(sc(166)).isEqualTo(Scancode.e0(0x24)); // Stop
        assertThat(sc(172)).isEqualTo(Scancode.e0(0x32)); // WWW home
        assertThat(sc(140)).isEqualTo(Scancode.e0(0x21)); // Calculator
    }

    @Test
    void the105KeyLayoutIsCompleteAndCollisionFree() {
        int[] pc105 = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 83),
                java.util.stream.IntStream.of(86, 87, 88, 96, 97, 98, 99, 100, 102, 103, 104, 105, 106, 107, 108, 109, 110,
                        111, 119, 125, 126, 127)).toArray();
        assertThat(pc105).hasSize(105);
        Set<Scancode> seen = new HashSet<>();
        for (int k : pc105) {
            assertThat(seen.add(sc(k))).as("scancode of keycode %d is unique", k).isTrue();
        }
        assertThat(ScancodeMap.of(0)).isEmpty();
        assertThat(ScancodeMap.of(0x2ff)).isEmpty();
        assertThat(ScancodeMap.of(-1)).isEmpty();
    }

    @Test
    void layoutIdsForXkbNames() {
        assertThat(KeyboardLayouts.forXkb("us")).contains(0x409);
        assertThat(KeyboardLayouts.forXkb("de")).contains(0x407);
        assertThat(KeyboardLayouts.forXkb("fr(azerty)")).contains(0x40c);
        assertThat(KeyboardLayouts.forXkb("klingon")).isEmpty();
    }
}
