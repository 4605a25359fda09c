package dev.porthole.display.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.porthole.testbed.qemu.Ppm;
import dev.porthole.testbed.qemu.QemuVm;

/**
 * Boots Debian's kernel under QEMU (TCG), runs the guest test classes against the real kernel's
 * bochs-drm fbdev and KMS devices, uinput and evdev, and checks from the host: every guest test
 * passed, and QEMU's own screendump of the emulated screen equals what the guest drew. Missing
 * packages fail with their names (testbed/bin/install-peers installs them).
 */
@Timeout(value = 420)
class RealKernelTest {

    static final Duration GUEST_TIMEOUT = Duration.ofSeconds(360);
    static final List<Class<?>> GUEST_CLASSES = List.of(FbdevGuestTest.class, DrmGuestTest.class, ModeGuestTest.class,
            InputGuestTest.class);

    static QemuVm vm;
    static QemuVm.Result result;
    static List<String> results;

    @BeforeAll
    static void runGuest() throws Exception {
        String root = System.getProperty("porthole.repo.root");
        assertThat(root).as("porthole.repo.root (set by the root pom's surefire configuration)").isNotNull();
        String cp = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            entries.add(Path.of(e).toAbsolutePath().toString());
        }
        vm = QemuVm.boot(new QemuVm.Config(Path.of(root, "testbed/qemu"), Path.of(System.getProperty("java.home")),
                GuestMain.class.getName(),
                GUEST_CLASSES.stream().map(Class::getName).toList(), String.join(":", entries),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                        "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-Djava.io.tmpdir=/run/tmp",
                        "-Djna.tmpdir=/run/tmp/jna", "-Dporthole.vm.share=/run/porthole-vm"),
                List.of("bochs", "uinput", "evdev"), List.of("/dev/fb0", "/dev/dri/card0", "/dev/uinput"), 1536, 2));
        result = vm.awaitExit(GUEST_TIMEOUT);
        Path rf = result.share().resolve("results.txt");
        results = Files.exists(rf) ? Files.readAllLines(rf, StandardCharsets.UTF_8) : List.of();
        String timing = "qemu guest: boot to guest script " + result.bootToGuest().toMillis() + " ms, total "
                + result.total().toMillis() + " ms, exit " + result.exitCode();
        System.out.println(timing);
        // keep the evidence next to the surefire reports: screendumps, expected images, logs
        Path keep = Files.createDirectories(Path.of(root, "display-output/target/qemu"));
        try (var files = Files.list(result.share())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ppm") || f.toString().endsWith(".log")
                    || f.toString().endsWith(".txt")).toList()) {
                Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(keep.resolve("timing.txt"), timing + "\n");
        Files.writeString(keep.resolve("console.log"), result.consoleTail() + "\n");
    }

    @AfterAll
    static void stop() {
        if (vm != null) {
            vm.close();
        }
    }

    private static String diagnostics() {
        return "\nguest results:\n" + String.join("\n", results) + "\n--- guest java log ---\n" + result.javaLog()
                + "\n--- console ---\n" + result.consoleTail();
    }

    @Test
    void everyGuestTestPassedOnTheRealKernel() {
        assertThat(results).as("guest results" + diagnostics()).isNotEmpty();
        assertThat(results).as(diagnostics()).allMatch(l -> l.startsWith("PASS "));
        for (String t : List.of("FbdevGuestTest#modeSetAndTestPatternReachTheEmulatedScreen",
                "DrmGuestTest#dumbBuffersModeSetFlipsAndCursorReachTheEmulatedScreen",
                "ModeGuestTest#fbdevModeChangeIsAppliedOrRefusedConsistently",
                "ModeGuestTest#drmModeChangeAndConnectorHotplugReachTheEmulatedScreen",
                "InputGuestTest#uinputKeysAndMotionComeOutAsScancodesAndClampedPointer",
                "InputGuestTest#uinputMultiTouchComesOutAsContactsAndTheFirstDrivesThePointer")) {
            assertThat(results).as("guest test " + t + diagnostics()).anyMatch(l -> l.startsWith("PASS " + t + " "));
        }
        assertThat(result.exitCode()).as(diagnostics()).isZero();
    }

    @Test
    void fbdevScreendumpShowsTheTestPattern() {
        assertScreendumpMatches("fbdev");
    }

    @Test
    void drmScreendumpShowsTheTestPatternAndCursor() {
        assertScreendumpMatches("drm");
    }

    @Test
    void drmScreendumpAfterAModeChangeHasTheNewSizeAndFrame() {
        assertScreendumpMatches("drm-mode");
    }

    @Test
    void drmScreendumpAfterUnplugAndReplugShowsTheFramePresentedMeanwhile() {
        assertScreendumpMatches("drm-hotplug");
    }

    private static void assertScreendumpMatches(String name) {
        Path shot = result.share().resolve(name + ".ppm");
        Path want = result.share().resolve(name + ".expected.ppm");
        assertThat(shot).as("screendump " + name + diagnostics()).exists();
        assertThat(want).as("expected image " + name + diagnostics()).exists();
        Ppm got = Ppm.read(shot);
        Ppm exp = Ppm.read(want);
        assertThat(got.width() + "x" + got.height()).as("screen size").isEqualTo(exp.width() + "x" + exp.height());
        int mismatches = 0;
        String first = null;
        for (int y = 0; y < exp.height(); y++) {
            for (int x = 0; x < exp.width(); x++) {
                if (got.pixel(x, y) != exp.pixel(x, y)) {
                    if (first == null) {
                        first = String.format("(%d,%d) screen 0x%06x expected 0x%06x", x, y, got.pixel(x, y), exp.pixel(x, y));
                    }
                    mismatches++;
                }
            }
        }
        assertThat(mismatches).as(name + " screendump pixels differing from the pattern; first " + first).isZero();
    }
}
