package dev.porthole.testbed.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.Point;
import java.awt.Rectangle;
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

import dev.porthole.testbed.PeerException;

/** The X11 helpers on their own: pattern arithmetic, xev parsing, and the desktop on a real Xvfb. */
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
        assertThat(HostCommand.shellQuote("a'b c")).isEqualTo("'a'\\''b c'");
        HostCommand.Result r = HostCommand.run(Duration.ofSeconds(5), "/bin/sh", "-c", "printf %s " + HostCommand.shellQuote("a'b c"));
        assertThat(r.stdout()).isEqualTo("a'b c");
    }

    @Test
    void mouseLocationIsParsed() {
        assertThat(TestDesktop.parseMouseLocation("X=544\nY=384\nSCREEN=0\nWINDOW=123\n")).isEqualTo(new Point(544, 384));
        assertThatThrownBy(() -> TestDesktop.parseMouseLocation("nothing")).isInstanceOf(PeerException.class);
    }

    @Test
    void desktopFitsBetweenTheSmallestScreenAndThePatternImage() {
        TestDesktop.requireSize(TestDesktop.MIN_WIDTH, TestDesktop.MIN_HEIGHT);
        TestDesktop.requireSize(TestPattern.IMAGE_WIDTH, TestPattern.IMAGE_HEIGHT);
        assertThatThrownBy(() -> TestDesktop.requireSize(639, 480)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestDesktop.requireSize(2561, 1600)).isInstanceOf(IllegalArgumentException.class);
        // both windows lie inside the smallest screen, apart from each other, and the pointer starts outside them
        Rectangle smallest = new Rectangle(0, 0, TestDesktop.MIN_WIDTH, TestDesktop.MIN_HEIGHT);
        assertThat(smallest.contains(TestDesktop.TYPING_AREA)).isTrue();
        assertThat(smallest.contains(TestDesktop.POINTER_AREA)).isTrue();
        assertThat(TestDesktop.TYPING_AREA.intersects(TestDesktop.POINTER_AREA)).isFalse();
        assertThat(TestDesktop.POINTER_AREA.contains(TestDesktop.POINTER_PAD)).isTrue();
        assertThat(TestDesktop.showsPattern(TestDesktop.POINTER_HOME.x, TestDesktop.POINTER_HOME.y)).isTrue();
    }

    @Test
    void desktopOnXvfbShowsThePatternAndTakesTypedTextAndClicks(@TempDir Path tmp) throws Exception {
        try (XvfbDesktop desktop = XvfbDesktop.start(tmp, tmp.resolve("home"), 800, 600)) {
            XvfbDisplay x = desktop.display();
            TestDesktop.Outputs out = desktop.outputs();
            assertThat(Files.readString(out.ready()).strip()).as("ready marker; log: %s", log(out)).isEqualTo(x.name());
            assertThat(desktop.pointerLocation()).as("pointer after start").isEqualTo(TestDesktop.POINTER_HOME);

            BufferedImage img = XCapture.read(x.capture(tmp.resolve("cap.png")));
            assertThat(img.getWidth()).isEqualTo(800);
            assertThat(img.getHeight()).isEqualTo(600);
            int checked = 0;
            for (int y = 0; y < 600; y += 3) {
                for (int xx = 0; xx < 800; xx += 3) {
                    if (desktop.showsPattern(xx, y)) {
                        assertThat(img.getRGB(xx, y) & 0xFFFFFF).as("pixel (%d,%d)", xx, y)
                                .isEqualTo(TestPattern.rgbAt(xx, y));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(30_000);
            assertThat(img.getRGB(300, 200) & 0xFFFFFF).as("inside the typing xterm (black background)").isZero();

            HostCommand.run(List.of("xdotool", "type", "--delay", "5", "typed on xvfb"),
                    Map.of("DISPLAY", x.name()), null, Duration.ofSeconds(10)).requireSuccess();
            long typedDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.readString(out.typedText()).equals("typed on xvfb")) {
                assertThat(System.nanoTime()).as("typed text: '%s'", Files.readString(out.typedText()))
                        .isLessThan(typedDeadline);
                Thread.sleep(25);
            }
            out.clearTypedText();
            assertThat(desktop.readTypedText()).isEmpty();
            x.run("xdotool", "type", "--delay", "5", "again");
            assertThat(desktop.awaitTypedText("again", Duration.ofSeconds(10))).isEqualTo("again");

            int px = TestDesktop.POINTER_PAD.x + 17;
            int py = TestDesktop.POINTER_PAD.y + 29;
            x.run("xdotool", "mousemove", Integer.toString(px), Integer.toString(py), "click", "2");
            long clickDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (desktop.buttonEvents().size() < 2) {
                assertThat(System.nanoTime()).as("pointer events: %s", desktop.pointerEvents()).isLessThan(clickDeadline);
                Thread.sleep(25);
            }
            assertThat(desktop.buttonEvents()).extracting(TestDesktop.PointerEvent::type, TestDesktop.PointerEvent::button,
                            TestDesktop.PointerEvent::rootX, TestDesktop.PointerEvent::rootY)
                    .containsExactly(tuple("ButtonPress", 2, px, py), tuple("ButtonRelease", 2, px, py));
            assertThat(desktop.pointerEvents()).as("motion into the pad is logged too")
                    .anyMatch(e -> e.type().equals("MotionNotify") && e.rootX() == px && e.rootY() == py);
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
