package dev.porthole.testbed.x11;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.porthole.testbed.Pause;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;

/**
 * The {@link TestDesktop} on a private {@link XvfbDisplay}, for RDP servers that share an existing X display
 * (the FreeRDP shadow server): starts Xvfb, runs the desktop script on it, waits for its ready marker and checks
 * that a capture shows the {@link TestPattern}.
 */
public final class XvfbDesktop implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(45);
    private static final int PATTERN_ATTEMPTS = 3;

    private final XvfbDisplay display;
    private final PeerProcess script;
    private final TestDesktop.Outputs outputs;

    private XvfbDesktop(XvfbDisplay display, PeerProcess script, TestDesktop.Outputs outputs) {
        this.display = display;
        this.script = script;
        this.outputs = outputs;
    }

    /**
     * Starts Xvfb ({@code width} x {@code height} x 24, see {@link TestDesktop#requireSize}) and the desktop on it.
     * Logs, the script and its outputs go to {@code directory}; {@code home} is {@code HOME} of its programs.
     */
    public static XvfbDesktop start(Path directory, Path home, int width, int height) {
        TestDesktop.requireSize(width, height);
        TestDesktop.requirePrograms();
        Programs.require("import", "imagemagick");
        XvfbDisplay x = XvfbDisplay.start(directory, "xvfb", width, height, home);
        PeerProcess script = null;
        try {
            Path file = TestDesktop.writeScript(directory);
            TestDesktop.Outputs outputs = new TestDesktop.Outputs(directory);
            script = PeerProcess.start("test desktop", List.of("/bin/sh", file.toString()), directory,
                    outputs.sessionLog(), x.environment());
            XvfbDesktop desktop = new XvfbDesktop(x, script, outputs);
            desktop.awaitReady();
            desktop.checkPattern(directory.resolve("pattern.png"));
            return desktop;
        } catch (RuntimeException e) {
            if (script != null) {
                script.close();
            }
            x.close();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (outputs.readyDisplay().isEmpty()) {
            if (!script.isAlive()) {
                throw new PeerException("the test desktop script on " + display.name() + " exited with status "
                        + script.exitValue() + " before it was ready; log tail:\n" + script.logTail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new PeerException("the test desktop on " + display.name() + " was not ready within "
                        + READY_TIMEOUT.toMillis() + " ms; log tail:\n" + script.logTail(30));
            }
            Pause.sleep(25);
        }
        if (outputs.readyDisplay().getAsInt() != display.number()) {
            throw new PeerException("the test desktop reported display " + outputs.readyDisplay() + ", not "
                    + display.name());
        }
    }

    /**
     * Checks sample points of a capture against the pattern; when they differ, sets the root window background
     * again (ImageMagick's {@code display} may exit non-zero after setting it; the capture decides).
     */
    private void checkPattern(Path png) {
        String problem = "";
        for (int attempt = 1; attempt <= PATTERN_ATTEMPTS; attempt++) {
            problem = firstMismatch();
            if (problem.isEmpty()) {
                return;
            }
            HostCommand.Result r = display.runForResult(HostCommand.DEFAULT_TIMEOUT, List.of(
                    Programs.require("display", "imagemagick").toString(), "-window", "root",
                    "-crop", display.width() + "x" + display.height() + "+0+0", png.toString()));
            problem += " (display -window root exited " + r.exitCode() + ": " + r.stderr().strip() + ")";
        }
        problem = firstMismatch();
        if (!problem.isEmpty()) {
            throw new PeerException("test pattern not shown on " + display.name() + ": " + problem);
        }
    }

    /** Empty when a capture shows the pattern at sample points, else a description of the first mismatch. */
    private String firstMismatch() {
        Path png = outputs.directory().resolve("pattern-check.png");
        try {
            BufferedImage img = XCapture.read(display.capture(png));
            int w = display.width();
            int h = display.height();
            int[][] samples = {{w / 16, 8}, {w * 11 / 16, 40}, {8, h / 2}, {w * 3 / 4 + 3, h * 3 / 4 + 3},
                    {w - 1, h - 1}};
            for (int[] s : samples) {
                if (!TestDesktop.showsPattern(s[0], s[1])) {
                    continue;
                }
                int expected = TestPattern.rgbAt(s[0], s[1]);
                int actual = img.getRGB(s[0], s[1]) & 0xFFFFFF;
                if (actual != expected) {
                    return String.format("pixel (%d,%d) is #%06x, pattern has #%06x", s[0], s[1], actual, expected);
                }
            }
            return "";
        } finally {
            try {
                Files.deleteIfExists(png);
            } catch (java.io.IOException ignored) {
                // stays in the workspace
            }
        }
    }

    /** The X display the desktop is on. */
    public XvfbDisplay display() {
        return display;
    }

    /** The files the desktop script writes: typed text, pointer log, ready marker, session log. */
    public TestDesktop.Outputs outputs() {
        return outputs;
    }

    /** Where the terminal's {@code cat} appends what is typed (characters arrive one by one, unbuffered). */
    public Path typedTextFile() {
        return outputs.typedText();
    }

    /** Everything typed into the terminal so far. */
    public String readTypedText() {
        return outputs.readTypedText();
    }

    /** Waits until the typed text contains {@code expected}; returns the text, or fails with what arrived. */
    public String awaitTypedText(String expected, Duration timeout) {
        return outputs.awaitTypedText(expected, timeout);
    }

    /** Pointer events seen in {@link TestDesktop#POINTER_PAD}, oldest first. */
    public List<TestDesktop.PointerEvent> pointerEvents() {
        return outputs.pointerEvents();
    }

    /** The button presses and releases seen in {@link TestDesktop#POINTER_PAD}, oldest first. */
    public List<TestDesktop.PointerEvent> buttonEvents() {
        return outputs.buttonEvents();
    }

    /** The current pointer position, from {@code xdotool getmouselocation}. */
    public Point pointerLocation() {
        return TestDesktop.parseMouseLocation(
                display.run(Programs.require("xdotool", "xdotool").toString(), "getmouselocation", "--shell"));
    }

    /** Whether pixel ({@code x}, {@code y}) is on screen and shows the test pattern (no window covers it). */
    public boolean showsPattern(int x, int y) {
        return x >= 0 && y >= 0 && x < display.width() && y < display.height() && TestDesktop.showsPattern(x, y);
    }

    /** Log files: Xvfb's and the desktop script's. */
    public List<Path> logFiles() {
        return List.of(display.log(), outputs.sessionLog());
    }

    /** The desktop's processes: the script (with its X clients) and Xvfb. */
    public List<PeerProcess> processes() {
        return List.of(script, display.process());
    }

    /** Stops the desktop's programs, then Xvfb. Never throws. */
    @Override
    public void close() {
        script.close();
        display.close();
    }

    @Override
    public String toString() {
        return "test desktop on " + display;
    }
}
