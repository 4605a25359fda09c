package dev.porthole.testbed.x11;

import java.awt.Point;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.porthole.testbed.Pause;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.Programs;

/**
 * The deterministic X desktop that real peers show, one script for every X server: the {@link TestPattern} as
 * root window background, no window manager, and two windows at fixed places that fit a 640 x 480 screen:
 * <ul>
 *   <li>{@value #TYPING_TITLE}: an xterm (fixed font, no scroll bar, non-blinking cursor) with keyboard focus,
 *       running {@code cat} with the tty in non-canonical mode without signal characters or flow control, so
 *       every typed character (Ctrl+C and Ctrl+D included) is echoed on screen and appended at once to
 *       {@link Outputs#typedText()};</li>
 *   <li>{@value #POINTER_TITLE}: an {@code xev} window ({@link #POINTER_PAD}) logging pointer motion, enter/leave
 *       and button events to {@link Outputs#pointerLog()}, read back with {@link Outputs#pointerEvents()}.</li>
 * </ul>
 * When both windows are mapped, the xterm has the focus and its {@code cat} runs, the script moves the pointer
 * to {@link #POINTER_HOME} and writes {@code $DISPLAY} to {@link Outputs#ready()}. The script is meant to be the
 * X session itself: the xrdp peer runs it from sesman's {@code startwm.sh}, {@link XvfbDesktop} runs it against
 * a private Xvfb (for the FreeRDP shadow server). It lasts as long as its two windows.
 */
public final class TestDesktop {

    /** Window title (WM_NAME) of the typing xterm. */
    public static final String TYPING_TITLE = "porthole-typing";
    /** Window title (WM_NAME) of the pointer-logging xev window. */
    public static final String POINTER_TITLE = "porthole-pointer";
    /** Requested xterm geometry: 64 x 12 characters of the 6 x 13 {@code fixed} font at (32, 96). */
    public static final String TYPING_GEOMETRY = "64x12+32+96";
    /**
     * Screen area that may be covered by the typing xterm (its window, borders and a safety margin);
     * pixels outside it and outside {@link #POINTER_AREA} show the {@link TestPattern}.
     */
    public static final Rectangle TYPING_AREA = new Rectangle(24, 88, 416, 184);
    /** Inside of the xev window: pointer events with root coordinates in here are logged. */
    public static final Rectangle POINTER_PAD = new Rectangle(480, 320, 128, 128);
    /** Screen area that may be covered by the xev window including its border and a margin. */
    public static final Rectangle POINTER_AREA = new Rectangle(472, 312, 144, 144);
    /** Where the script leaves the pointer: outside both windows. */
    public static final Point POINTER_HOME = new Point(8, 8);
    /** The smallest screen that holds both windows. */
    public static final int MIN_WIDTH = 640;
    public static final int MIN_HEIGHT = 480;

    /** Where the desktop script puts what the tests observe; all inside one directory. */
    public record Outputs(Path directory) {
        /** Everything typed into the xterm, appended as it arrives. */
        public Path typedText() {
            return directory.resolve("typed.txt");
        }

        /** Output of the xev pointer window. */
        public Path pointerLog() {
            return directory.resolve("pointer.log");
        }

        /** Written (containing the value of {@code DISPLAY}) once the desktop is complete. */
        public Path ready() {
            return directory.resolve("ready");
        }

        /** Output of the desktop script and the programs it starts. */
        public Path sessionLog() {
            return directory.resolve("xsession.log");
        }

        /** The current content of {@link #typedText()}, or "" before the typing window started. */
        public String readTypedText() {
            return read(typedText());
        }

        /** Empties {@link #typedText()} (the xterm appends, so later text starts at the beginning again). */
        public void clearTypedText() {
            try {
                if (Files.exists(typedText())) {
                    Files.write(typedText(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot truncate " + typedText(), e);
            }
        }

        /** Waits until the typed text contains {@code expected}; returns the text, or fails with what arrived. */
        public String awaitTypedText(String expected, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String text = readTypedText();
            while (!text.contains(expected)) {
                if (System.nanoTime() > deadline) {
                    throw new PeerException("typed text did not contain \"" + expected + "\" within "
                            + timeout.toMillis() + " ms; it is \"" + text + "\"");
                }
                Pause.sleep(20);
                text = readTypedText();
            }
            return text;
        }

        /** Pointer events seen in {@link #POINTER_PAD}, oldest first. */
        public List<PointerEvent> pointerEvents() {
            return parsePointerLog(read(pointerLog()));
        }

        /** The button presses and releases among {@link #pointerEvents()}. */
        public List<PointerEvent> buttonEvents() {
            return pointerEvents().stream().filter(e -> e.type().startsWith("Button")).toList();
        }

        /** The display number the script reported in {@link #ready()}, empty before it is ready. */
        public OptionalInt readyDisplay() {
            String ready = read(ready()).strip();
            // DISPLAY as the script saw it, e.g. ":117" or ":117.0"
            return ready.matches(":\\d+(\\.\\d+)?")
                    ? OptionalInt.of(Integer.parseInt(ready.substring(1).split("\\.")[0]))
                    : OptionalInt.empty();
        }

        /** The file's text, "" while it does not exist (the script replaces some of them). */
        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** A pointer event as logged by xev: its type, window-relative and root (screen) position, button (0 if none). */
    public record PointerEvent(String type, long time, int x, int y, int rootX, int rootY, int button) {}

    private static final Pattern XEV_EVENT = Pattern.compile(
            "(\\w+) event, serial \\d+, synthetic (?:YES|NO), window 0x\\p{XDigit}+,\\s+root 0x\\p{XDigit}+,"
                    + " subw 0x\\p{XDigit}+, time (\\d+), \\((-?\\d+),(-?\\d+)\\), root:\\((-?\\d+),(-?\\d+)\\),"
                    + "(?:\\s+state 0x\\p{XDigit}+, button (\\d+))?");

    private TestDesktop() {}

    /** Fails unless a {@code width} x {@code height} screen holds both windows and is covered by the pattern image. */
    public static void requireSize(int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT || width > TestPattern.IMAGE_WIDTH
                || height > TestPattern.IMAGE_HEIGHT) {
            throw new IllegalArgumentException("the test desktop needs a screen from " + MIN_WIDTH + "x"
                    + MIN_HEIGHT + " to " + TestPattern.IMAGE_WIDTH + "x" + TestPattern.IMAGE_HEIGHT + ", not "
                    + width + "x" + height);
        }
    }

    /** Fails with the Debian package to install when a program the desktop script runs is missing. */
    public static void requirePrograms() {
        Programs.require("xterm", "xterm");
        Programs.require("xev", "x11-utils");
        Programs.require("xdotool", "xdotool");
        Programs.require("display", "imagemagick");
        Programs.require("stdbuf", "coreutils");
        Programs.require("timeout", "coreutils");
    }

    /**
     * Writes the pattern PNG and the desktop script (mode 755) into {@code directory}, which also receives
     * the files described by {@link Outputs}. The directory must be writable by whoever runs the script.
     *
     * @return the script
     */
    public static Path writeScript(Path directory) {
        Path pattern = TestPattern.writePng(directory.resolve("pattern.png"));
        String script = """
                #!/bin/sh
                # Porthole test desktop, generated by dev.porthole.testbed.x11.TestDesktop.
                out=%s
                exec >>"$out/xsession.log" 2>&1
                echo "$(date +%%T.%%N) test desktop starting on DISPLAY=$DISPLAY"
                rm -f "$out/ready" "$out/typed.txt"
                # ImageMagick's display sets the root window background and returns; without -crop it would
                # scale the pattern to the screen.
                geometry=$(xdotool getdisplaygeometry | tr ' ' x)
                display -window root -crop "${geometry}+0+0" %s || echo "display -window root: status $? (ImageMagick 6 reports 1 after setting the background)"
                xterm +bc +sb -bw 1 -fn fixed -fg white -bg black -cr white -geometry %s -T %s -n %s \\
                    -xrm '*cursorBlink: false' -e /bin/sh -c 'stty -icanon -isig -ixon min 1 time 0; exec cat >>"$1"' typing "$out/typed.txt" &
                stdbuf -oL xev -geometry %dx%d+%d+%d -bw 1 -name %s -event mouse -event button >>"$out/pointer.log" &
                typing=$(timeout 20 xdotool search --sync --limit 1 --onlyvisible --name '^%s$') || { echo "typing window did not appear"; exit 1; }
                timeout 20 xdotool search --sync --limit 1 --onlyvisible --name '^%s$' >/dev/null || { echo "pointer window did not appear"; exit 1; }
                timeout 20 xdotool windowfocus --sync "$typing" || { echo "cannot focus the typing window"; exit 1; }
                # cat opens the file after stty has made the tty raw: from then on every key reaches the file
                n=0
                while [ ! -e "$out/typed.txt" ]; do
                    n=$((n + 1)); [ $n -le 400 ] || { echo "the typing window's cat did not start"; exit 1; }
                    sleep 0.05
                done
                xdotool mousemove %d %d || echo "xdotool mousemove: status $?"
                printf '%%s\\n' "$DISPLAY" >"$out/ready.tmp" && mv -f "$out/ready.tmp" "$out/ready"
                echo "$(date +%%T.%%N) test desktop ready"
                # the session lasts as long as its windows
                wait
                """.formatted(HostCommand.shellQuote(directory.toString()), HostCommand.shellQuote(pattern.toString()),
                TYPING_GEOMETRY, TYPING_TITLE, TYPING_TITLE, POINTER_PAD.width, POINTER_PAD.height, POINTER_PAD.x,
                POINTER_PAD.y, POINTER_TITLE, TYPING_TITLE, POINTER_TITLE, POINTER_HOME.x, POINTER_HOME.y);
        Path file = directory.resolve("desktop.sh");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the desktop script " + file, e);
        }
        return file;
    }

    /** Whether ({@code x}, {@code y}) is outside both windows, so it shows {@link TestPattern#rgbAt(int, int)}. */
    public static boolean showsPattern(int x, int y) {
        return !TYPING_AREA.contains(x, y) && !POINTER_AREA.contains(x, y);
    }

    /** The pointer events in xev's output, oldest first; incomplete trailing output is ignored. */
    public static List<PointerEvent> parsePointerLog(String xevOutput) {
        List<PointerEvent> events = new ArrayList<>();
        Matcher m = XEV_EVENT.matcher(xevOutput);
        while (m.find()) {
            events.add(new PointerEvent(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt(m.group(7))));
        }
        return events;
    }

    /** The pointer position in {@code xdotool getmouselocation --shell} output. */
    public static Point parseMouseLocation(String xdotoolShellOutput) {
        int x = Integer.MIN_VALUE;
        int y = Integer.MIN_VALUE;
        for (String line : xdotoolShellOutput.split("\n")) {
            String l = line.strip();
            if (l.matches("X=-?\\d+")) {
                x = Integer.parseInt(l.substring(2));
            } else if (l.matches("Y=-?\\d+")) {
                y = Integer.parseInt(l.substring(2));
            }
        }
        if (x == Integer.MIN_VALUE || y == Integer.MIN_VALUE) {
            throw new PeerException("unexpected 'xdotool getmouselocation --shell' output: " + xdotoolShellOutput);
        }
        return new Point(x, y);
    }
}
