package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;

/**
 * A deterministic desktop on a private Xvfb display, for RDP servers that share an X display:
 * <ul>
 *   <li>the root window shows the {@link TestPattern};</li>
 *   <li>one xterm (core font {@code fixed}, 64x16 cells, no borders, non-blinking cursor, white on black)
 *       near the bottom right, holding the keyboard focus, runs {@code cat} in non-canonical mode into
 *       {@link #typedTextFile()}, so every typed character reaches the file at once (and is echoed on screen);</li>
 *   <li>one borderless {@code xev} window (the <em>click pad</em>) near the bottom left logs every button press and
 *       release with root coordinates, read back with {@link #clicks()}.</li>
 * </ul>
 * No window manager runs, so nothing moves, decorates or restacks windows.
 */
public final class ShadowDesktop implements AutoCloseable {

    /** A screen rectangle. */
    public record Area(int x, int y, int width, int height) {

        public boolean contains(int px, int py) {
            return px >= x && py >= y && px < x + width && py < y + height;
        }
    }

    /** The pointer position on the root window. */
    public record PointerLocation(int x, int y) {}

    /** One button event seen by the click pad, in root-window coordinates. */
    public record Click(boolean press, int button, int x, int y) {}

    private static final String TERMINAL_TITLE = "porthole-typing";
    private static final String CLICK_PAD_NAME = "porthole-clicks";
    private static final int TERMINAL_COLUMNS = 64;
    private static final int TERMINAL_ROWS = 16;
    private static final int CLICK_PAD_WIDTH = 200;
    private static final int CLICK_PAD_HEIGHT = 150;
    private static final int MARGIN = 40;
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern XEV_EVENT = Pattern.compile(
            "(ButtonPress|ButtonRelease) event,.*?root:\\((-?\\d+),(-?\\d+)\\),.*?button (\\d+)", Pattern.DOTALL);

    private final XvfbDisplay display;
    private final List<PeerProcess> clients;
    private final Path typedText;
    private final Area terminal;
    private final Area clickPad;
    private final Path clickLog;

    private ShadowDesktop(XvfbDisplay display, List<PeerProcess> clients, Path typedText, Area terminal, Area clickPad,
                          Path clickLog) {
        this.display = display;
        this.clients = clients;
        this.typedText = typedText;
        this.terminal = terminal;
        this.clickPad = clickPad;
        this.clickLog = clickLog;
    }

    /**
     * Starts Xvfb ({@code width}x{@code height}x24, at least 640x480) and the desktop on it, with files and
     * logs in {@code workspace} and {@code home} as {@code HOME} of its programs.
     */
    public static ShadowDesktop start(Path workspace, Path home, int width, int height) {
        if (width < 640 || height < 480) {
            throw new IllegalArgumentException("desktop needs at least 640x480, got " + width + "x" + height);
        }
        Path display = Programs.require("display", "imagemagick");
        Path xterm = Programs.require("xterm", "xterm");
        Path xev = Programs.require("xev", "x11-utils");
        Programs.require("xdotool", "xdotool");
        Programs.require("import", "imagemagick");

        XvfbDisplay x = XvfbDisplay.start(workspace, "xvfb", width, height, home);
        List<PeerProcess> clients = new ArrayList<>();
        try {
            Path pattern = TestPattern.writePng(workspace.resolve("pattern.png"), width, height);
            Path typed = workspace.resolve("typed.txt");
            Map<String, String> env = new HashMap<>(x.environment());

            // Character cells of the core font "fixed" are 6x13; internal border 2 on each side.
            int termWidth = TERMINAL_COLUMNS * 6 + 4;
            int termHeight = TERMINAL_ROWS * 13 + 4;
            int termX = width - termWidth - MARGIN;
            int termY = height - termHeight - MARGIN;
            clients.add(PeerProcess.start("xterm", List.of(xterm.toString(),
                    "-display", x.name(),
                    "-geometry", TERMINAL_COLUMNS + "x" + TERMINAL_ROWS + "+" + termX + "+" + termY,
                    "-bw", "0", "-fn", "fixed", "-bg", "black", "-fg", "white", "-cr", "white",
                    "+bc", "+sb", "-title", TERMINAL_TITLE, "-xrm", "XTerm*cursorBlink: false",
                    "-e", "/bin/sh", "-c", "stty -icanon min 1 && exec cat > \"$1\"", "sh", typed.toString()),
                    workspace, workspace.resolve("xterm.log"), env));

            int padY = height - CLICK_PAD_HEIGHT - MARGIN;
            Path clickLog = workspace.resolve("clicks.log");
            clients.add(PeerProcess.start("xev", List.of(xev.toString(),
                    "-display", x.name(), "-name", CLICK_PAD_NAME, "-event", "button", "-bw", "0",
                    "-geometry", CLICK_PAD_WIDTH + "x" + CLICK_PAD_HEIGHT + "+" + MARGIN + "+" + padY),
                    workspace, clickLog, env));

            String termWindow = awaitWindow(x, TERMINAL_TITLE, clients.getFirst());
            Area terminal = geometry(x, termWindow);
            Area clickPad = geometry(x, awaitWindow(x, CLICK_PAD_NAME, clients.get(1)));
            awaitFile(typed, clients.getFirst());

            // Keyboard focus stays on the terminal wherever the pointer goes (no window manager changes it).
            x.run(xdotool(), "windowfocus", "--sync", termWindow);
            x.run(xdotool(), "mousemove", Integer.toString(width / 2), Integer.toString(height / 2));

            ShadowDesktop desktop = new ShadowDesktop(x, List.copyOf(clients), typed, terminal, clickPad, clickLog);
            desktop.showPattern(display, pattern);
            return desktop;
        } catch (RuntimeException e) {
            clients.reversed().forEach(PeerProcess::close);
            x.close();
            throw e;
        }
    }

    /** Sets the root window background to the pattern and checks a capture shows it. */
    private void showPattern(Path displayProgram, Path pattern) {
        String lastProblem = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            // ImageMagick's display may exit non-zero after setting the root background; the capture decides.
            Command.Result r = display.runForResult(XvfbDisplay.COMMAND_TIMEOUT,
                    List.of(displayProgram.toString(), "-display", display.name(), "-window", "root", pattern.toString()));
            lastProblem = firstMismatch();
            if (lastProblem.isEmpty()) {
                return;
            }
            lastProblem += " (display exited " + r.exitCode() + ": " + r.stderr().strip() + ")";
        }
        throw new PeerException("test pattern not shown on " + display.name() + ": " + lastProblem);
    }

    /** Empty when a capture shows the pattern at sample points, else a description of the first mismatch. */
    private String firstMismatch() {
        Path png = display.capture(typedText.resolveSibling("pattern-check.png"));
        try {
            var img = ImageIO.read(png.toFile());
            int w = display.width();
            int h = display.height();
            int[][] samples = {{w / 16, h / 8}, {w * 11 / 16, h / 8}, {w / 4, h * 3 / 8}, {w * 3 / 4 + 3, h * 3 / 8 + 3},
                    {w / 2 + 16, h / 2 + 16}};
            for (int[] s : samples) {
                int expected = TestPattern.rgb(s[0], s[1], w, h);
                int actual = img.getRGB(s[0], s[1]) & 0xFFFFFF;
                if (actual != expected) {
                    return String.format("pixel (%d,%d) is #%06x, pattern has #%06x", s[0], s[1], actual, expected);
                }
            }
            return "";
        } catch (IOException e) {
            return "capture unreadable: " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(png);
            } catch (IOException ignored) {
                // stays in the workspace
            }
        }
    }

    private static String awaitWindow(XvfbDisplay x, String name, PeerProcess owner) {
        long deadline = System.nanoTime() + WINDOW_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Command.Result r = x.runForResult(XvfbDisplay.COMMAND_TIMEOUT,
                    List.of(xdotool(), "search", "--onlyvisible", "--name", "^" + name + "$"));
            String id = r.stdout().strip();
            if (r.succeeded() && !id.isEmpty()) {
                return id.lines().findFirst().orElseThrow();
            }
            if (!owner.isAlive()) {
                throw new PeerException(owner.name() + " exited with status " + owner.exitValue()
                        + " before showing its window; log tail:\n" + owner.logTail(30));
            }
            XvfbDisplay.sleep(50);
        }
        throw new PeerException("window '" + name + "' did not appear on " + x.name() + " within "
                + WINDOW_TIMEOUT.toMillis() + " ms; " + owner.name() + " log tail:\n" + owner.logTail(30));
    }

    private static String xdotool() {
        return Programs.require("xdotool", "xdotool").toString();
    }

    private static Area geometry(XvfbDisplay x, String window) {
        Map<String, Integer> v = new HashMap<>();
        for (String line : x.run(xdotool(), "getwindowgeometry", "--shell", window).split("\n")) {
            String[] kv = line.strip().split("=", 2);
            if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                v.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        if (!v.keySet().containsAll(List.of("X", "Y", "WIDTH", "HEIGHT"))) {
            throw new PeerException("xdotool gave no geometry for window " + window + ": " + v);
        }
        return new Area(v.get("X"), v.get("Y"), v.get("WIDTH"), v.get("HEIGHT"));
    }

    private static void awaitFile(Path file, PeerProcess owner) {
        long deadline = System.nanoTime() + WINDOW_TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            if (!owner.isAlive() || System.nanoTime() > deadline) {
                throw new PeerException(file + " was not created by " + owner.name() + "; log tail:\n" + owner.logTail(30));
            }
            XvfbDisplay.sleep(20);
        }
    }

    /** The X display the desktop is on. */
    public XvfbDisplay display() {
        return display;
    }

    /** Where the terminal's {@code cat} writes what is typed (characters arrive one by one, unbuffered). */
    public Path typedTextFile() {
        return typedText;
    }

    /** Everything typed into the terminal so far. */
    public String readTypedText() {
        try {
            return new String(Files.readAllBytes(typedText), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot read typed text " + typedText + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the typed text contains {@code expected}; returns the text, or fails with what arrived. */
    public String awaitTypedText(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = readTypedText();
        while (!text.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new PeerException("typed text did not contain \"" + expected + "\" within " + timeout.toMillis()
                        + " ms; it is \"" + text + "\"");
            }
            XvfbDisplay.sleep(20);
            text = readTypedText();
        }
        return text;
    }

    /** Where the terminal is on screen (its pixels are not the test pattern). */
    public Area terminalArea() {
        return terminal;
    }

    /** Where the click pad is on screen (its pixels are not the test pattern). */
    public Area clickPadArea() {
        return clickPad;
    }

    /** Whether pixel ({@code x}, {@code y}) shows the test pattern (no window covers it). */
    public boolean showsPattern(int x, int y) {
        return x >= 0 && y >= 0 && x < display.width() && y < display.height()
                && !terminal.contains(x, y) && !clickPad.contains(x, y);
    }

    /** The current pointer position, from {@code xdotool getmouselocation}. */
    public PointerLocation pointerLocation() {
        Map<String, Integer> v = new HashMap<>();
        for (String line : display.run(xdotool(), "getmouselocation", "--shell").split("\n")) {
            String[] kv = line.strip().split("=", 2);
            if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                v.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        if (!v.containsKey("X") || !v.containsKey("Y")) {
            throw new PeerException("xdotool getmouselocation gave no position: " + v);
        }
        return new PointerLocation(v.get("X"), v.get("Y"));
    }

    /** Every button press and release the click pad has seen, oldest first. */
    public List<Click> clicks() {
        String log;
        try {
            log = new String(Files.readAllBytes(clickLog), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot read click log " + clickLog + ": " + e.getMessage(), e);
        }
        List<Click> clicks = new ArrayList<>();
        // xev prints one blank-line separated block per event
        for (String block : log.split("\n\\s*\n")) {
            Matcher m = XEV_EVENT.matcher(block);
            if (m.find()) {
                clicks.add(new Click(m.group(1).equals("ButtonPress"), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
        }
        return clicks;
    }

    /** Log files of the desktop's processes. */
    public List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        logs.add(display.log());
        clients.forEach(c -> logs.add(c.log()));
        return logs;
    }

    /** The desktop's processes (X clients first, then Xvfb). */
    List<PeerProcess> processes() {
        List<PeerProcess> all = new ArrayList<>(clients);
        all.add(display.process());
        return all;
    }

    /** Stops the terminal, the click pad and Xvfb. Never throws. */
    @Override
    public void close() {
        for (PeerProcess c : clients.reversed()) {
            c.close();
        }
        display.close();
    }
}
