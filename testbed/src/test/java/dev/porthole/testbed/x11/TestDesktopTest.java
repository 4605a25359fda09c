package dev.porthole.testbed.x11;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.testbed.PeerProcess;

/** The X11 helpers on their own: pattern arithmetic, xev parsing, and the desktop script on a real Xvfb. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestDesktopTest {

    @Test
    void patternHasBarsAboveAndTilesBelow() {
        // bars: white, yellow, cyan, green, magenta, red, blue, black, 64 px each, repeating every 512 px
        assertThat(TestPattern.rgbAt(0, 0)).isEqualTo(0xFFFFFF);
        assertThat(TestPattern.rgbAt(63, 63)).isEqualTo(0xFFFFFF);
        assertThat(TestPattern.rgbAt(64, 0)).isEqualTo(0xFFFF00);
        assertThat(TestPattern.rgbAt(7 * 64, 10)).isEqualTo(0x000000);
        assertThat(TestPattern.rgbAt(512, 10)).isEqualTo(0xFFFFFF);
        // tiles: column 0 row 0 -> index 0; column 1 -> index 3; row 1 -> index 5
        assertThat(TestPattern.rgbAt(0, 64)).isEqualTo(0xE6194B);
        assertThat(TestPattern.rgbAt(32, 64)).isEqualTo(0x4363D8);
        assertThat(TestPattern.rgbAt(0, 96)).isEqualTo(0x911EB4);
        BufferedImage img = TestPattern.image();
        assertThat(img.getWidth()).isEqualTo(TestPattern.IMAGE_WIDTH);
        for (int[] p : new int[][] {{0, 0}, {100, 50}, {700, 300}, {2559, 1599}, {1234, 567}}) {
            assertThat(img.getRGB(p[0], p[1]) & 0xFFFFFF).isEqualTo(TestPattern.rgbAt(p[0], p[1]));
        }
    }

    @Test
    void xevOutputIsParsedIntoPointerEvents() {
        // shape of xev 1.2 output, as printed for a real pointer move and click
        String xev = """
                Outer window is 0x400001, inner window is 0x400002

                MotionNotify event, serial 25, synthetic NO, window 0x400001,
                    root 0x50f, subw 0x400002, time 489597, (48,18), root:(750,500),
                    state 0x0, is_hint 0, same_screen YES

                ButtonPress event, serial 25, synthetic NO, window 0x400001,
                    root 0x50f, subw 0x400002, time 489598, (48,18), root:(750,500),
                    state 0x0, button 1, same_screen YES

                ButtonRelease event, serial 25, synthetic NO, window 0x400001,
                    root 0x50f, subw 0x400002, time 489600, (48,18), root:(750,500),
                    state 0x100, button 1, same_screen YES

                LeaveNotify event, serial 25, synthetic NO, window 0x400001,
                    root 0x50f, subw 0x0, time 489601, (48,18), root:(750,500),
                """;
        List<TestDesktop.PointerEvent> events = TestDesktop.parsePointerLog(xev);
        assertThat(events).containsExactly(
                new TestDesktop.PointerEvent("MotionNotify", 489597, 48, 18, 750, 500, 0),
                new TestDesktop.PointerEvent("ButtonPress", 489598, 48, 18, 750, 500, 1),
                new TestDesktop.PointerEvent("ButtonRelease", 489600, 48, 18, 750, 500, 1),
                new TestDesktop.PointerEvent("LeaveNotify", 489601, 48, 18, 750, 500, 0));
    }

    @Test
    void shellQuotingSurvivesQuotes() {
        assertThat(TestDesktop.quote("a'b c")).isEqualTo("'a'\\''b c'");
        HostCommand.Result r = HostCommand.run(Duration.ofSeconds(5), "/bin/sh", "-c", "printf %s " + TestDesktop.quote("a'b c"));
        assertThat(r.stdout()).isEqualTo("a'b c");
    }

    @Test
    void desktopScriptOnXvfbShowsThePatternAndTakesTypedText(@TempDir Path tmp) throws Exception {
        TestDesktop.requirePrograms();
        try (XvfbDisplay x = XvfbDisplay.start(800, 600, tmp, Duration.ofSeconds(15))) {
            Path script = TestDesktop.writeScript(tmp);
            TestDesktop.Outputs out = new TestDesktop.Outputs(tmp);
            try (PeerProcess desktop = PeerProcess.start("desktop", List.of("/bin/sh", script.toString()), tmp,
                    tmp.resolve("desktop.out"), Map.of("DISPLAY", x.name()))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!Files.exists(out.ready())) {
                    assertThat(System.nanoTime()).as("desktop ready; log: %s", log(out)).isLessThan(deadline);
                    assertThat(desktop.isAlive()).as("desktop script alive; log: %s", log(out)).isTrue();
                    Thread.sleep(25);
                }
                assertThat(Files.readString(out.ready()).strip()).isEqualTo(x.name());

                BufferedImage img = XCapture.read(x.capture(tmp.resolve("cap.png")));
                assertThat(img.getWidth()).isEqualTo(800);
                assertThat(img.getHeight()).isEqualTo(600);
                int checked = 0;
                for (int y = 0; y < 600; y += 3) {
                    for (int xx = 0; xx < 800; xx += 3) {
                        if (TestDesktop.showsPattern(xx, y)) {
                            assertThat(img.getRGB(xx, y) & 0xFFFFFF).as("pixel (%d,%d)", xx, y)
                                    .isEqualTo(TestPattern.rgbAt(xx, y));
                            checked++;
                        }
                    }
                }
                assertThat(checked).isGreaterThan(30_000);

                HostCommand.run(List.of("xdotool", "type", "--delay", "5", "typed on xvfb"),
                        Map.of("DISPLAY", x.name()), null, Duration.ofSeconds(10)).requireSuccess();
                long typedDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!Files.readString(out.typedText()).equals("typed on xvfb")) {
                    assertThat(System.nanoTime()).as("typed text: '%s'", Files.readString(out.typedText()))
                            .isLessThan(typedDeadline);
                    Thread.sleep(25);
                }
            }
        }
    }

    private static String log(TestDesktop.Outputs out) {
        try {
            return Files.exists(out.sessionLog()) ? Files.readString(out.sessionLog()) : "(none)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
