package dev.porthole.hw.backlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.hw.HwException;

/** A sysfs backlight directory laid out in a temp dir, as /sys/class/backlight/NAME looks. */
class BacklightTest {

    static Path fake(Path root, String max) throws Exception {
        Path d = Files.createDirectories(root.resolve("class/backlight/panel"));
        Files.writeString(d.resolve("max_brightness"), max + "\n");
        Files.writeString(d.resolve("brightness"), "100\n");
        Files.writeString(d.resolve("bl_power"), "0\n");
        return d;
    }

    @Test
    void levelsAndPower(@TempDir Path root) throws Exception {
        Backlight b = Backlight.open(fake(root, "255"));
        assertThat(b.maxBrightness()).isEqualTo(255);
        assertThat(b.brightness()).isEqualTo(100);
        b.setLevel(0.5);
        assertThat(Files.readString(b.dir().resolve("brightness"))).isEqualTo("128");
        b.setLevel(7);
        assertThat(b.brightness()).isEqualTo(255);
        b.setPower(false);
        assertThat(Files.readString(b.dir().resolve("bl_power"))).isEqualTo("4");
        assertThat(b.powered()).isFalse();
        assertThatThrownBy(() -> b.setBrightness(256)).isInstanceOf(HwException.class).hasMessageContaining("256 outside 0..255");
        assertThat(Backlight.list(root.resolve("class/backlight"))).containsExactly(b.dir());
        assertThat(Backlight.list(root.resolve("nope"))).isEmpty();
    }

    @Test
    void brokenSysfsIsReportedWithThePath(@TempDir Path root) throws Exception {
        assertThatThrownBy(() -> Backlight.open(root.resolve("missing")))
                .isInstanceOfSatisfying(HwException.class, e -> assertThat(e.kind()).isEqualTo(HwException.Kind.NOT_FOUND));
        Path d = fake(root, "lots");
        assertThatThrownBy(() -> Backlight.open(d)).hasMessageContaining("max_brightness does not hold an integer");
    }
}
