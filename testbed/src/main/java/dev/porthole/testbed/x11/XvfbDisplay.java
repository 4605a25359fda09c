package dev.porthole.testbed.x11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.porthole.testbed.Pause;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;

/**
 * A private virtual X server ({@code Xvfb}) on a display number it picks itself ({@code -displayfd}), so
 * concurrent runs never collide, without TCP listeners and with {@code -noreset} (the root window keeps its
 * background when the last client leaves). A small shell stays Xvfb's parent and stops it when the test JVM
 * disappears without closing it; X clients on the display (desktop programs, xfreerdp, the shadow server)
 * then end with it. Runs helper commands against the display and captures it. {@link #close()} stops the
 * server and removes its socket and lock file if it left them behind.
 */
public final class XvfbDisplay implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final PeerProcess process;
    private final int number;
    private final int width;
    private final int height;
    private final Path home;

    private XvfbDisplay(PeerProcess process, int number, int width, int height, Path home) {
        this.process = process;
        this.number = number;
        this.width = width;
        this.height = height;
        this.home = home;
    }

    /**
     * Starts Xvfb with one {@code width} x {@code height} x 24 screen, logging to {@code <directory>/<name>.log};
     * {@code home} (created when missing) becomes {@code HOME} of every program run on the display.
     * Returns once clients can connect.
     */
    public static XvfbDisplay start(Path directory, String name, int width, int height, Path home) {
        Path xvfb = Programs.require("Xvfb", "xvfb");
        Programs.require("xdpyinfo", "x11-utils");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new PeerException("cannot create " + home + ": " + e.getMessage(), e);
        }
        Path log = directory.resolve(name + ".log");
        // -displayfd 1: Xvfb prints the display number it bound to on stdout, which is the log.
        // The shell polls the JVM once a second and stops Xvfb when the JVM is gone.
        String guarded = """
                %s -displayfd 1 -screen 0 %dx%dx24 -dpi 96 -nolisten tcp -noreset &
                x=$!
                s=
                trap 'kill -TERM $x $s 2>/dev/null; wait; exit 0' TERM INT HUP
                while kill -0 %d 2>/dev/null && kill -0 $x 2>/dev/null; do sleep 1 & s=$!; wait $s; done
                kill -TERM $x 2>/dev/null
                wait
                """.formatted(HostCommand.shellQuote(xvfb.toString()), width, height, ProcessHandle.current().pid());
        PeerProcess p = PeerProcess.start(name, List.of("/bin/sh", "-c", guarded), directory, log,
                Map.of("HOME", home.toString()));
        try {
            XvfbDisplay d = new XvfbDisplay(p, awaitDisplayNumber(p, log), width, height, home);
            d.awaitClients();
            return d;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static int awaitDisplayNumber(PeerProcess p, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalInt n = readDisplayNumber(log);
            if (n.isPresent()) {
                return n.getAsInt();
            }
            if (!p.isAlive()) {
                throw new PeerException("Xvfb exited with status " + p.exitValue()
                        + " before choosing a display; log tail:\n" + p.logTail(30));
            }
            Pause.sleep(20);
        }
        throw new PeerException("Xvfb printed no display number within " + START_TIMEOUT.toMillis()
                + " ms; log tail:\n" + p.logTail(30));
    }

    private static OptionalInt readDisplayNumber(Path log) {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.matches("\\d{1,5}")) {
                    return OptionalInt.of(Integer.parseInt(line));
                }
            }
        } catch (IOException e) {
            // not readable yet
        }
        return OptionalInt.empty();
    }

    /** Waits until clients can talk to the server (displayfd is written once it listens; this checks). */
    private void awaitClients() {
        String xdpyinfo = Programs.require("xdpyinfo", "x11-utils").toString();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HostCommand.Result last = null;
        while (System.nanoTime() < deadline) {
            last = runForResult(HostCommand.DEFAULT_TIMEOUT, List.of(xdpyinfo));
            if (last.succeeded()) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Pause.sleep(50);
        }
        throw new PeerException("X display " + name() + " does not answer: "
                + (last == null ? "" : last.stderr().strip()) + "; Xvfb log tail:\n" + process.logTail(30));
    }

    /** The display number {@code N} of {@code :N}. */
    public int number() {
        return number;
    }

    /** The display name, {@code :N}: the value for {@code DISPLAY}. */
    public String name() {
        return ":" + number;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** {@code DISPLAY}, a private {@code HOME} and a fixed locale: the environment of every program on the display. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", name());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XAUTHORITY", home.resolve(".Xauthority").toString());
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    /**
     * Runs {@code command} on this display (with {@link #environment()}) and returns its stdout; a non-zero
     * status or more than {@link HostCommand#DEFAULT_TIMEOUT} is a {@link PeerException}.
     */
    public String run(String... command) {
        return run(HostCommand.DEFAULT_TIMEOUT, command);
    }

    /** {@link #run(String...)} with an explicit timeout. */
    public String run(Duration timeout, String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("empty command");
        }
        return runForResult(timeout, Arrays.asList(command)).requireSuccess().stdout();
    }

    /** Like {@link #run(Duration, String...)} but returns the status instead of failing on a non-zero one. */
    public HostCommand.Result runForResult(Duration timeout, List<String> command) {
        return HostCommand.run(command, environment(), null, timeout);
    }

    /**
     * Captures the whole screen into {@code png} ({@link XCapture}) and returns it. The pointer sprite is not
     * part of the capture.
     */
    public Path capture(Path png) {
        return XCapture.captureRoot(number, null, png.toAbsolutePath());
    }

    /** The process that keeps Xvfb (for liveness checks). */
    public PeerProcess process() {
        return process;
    }

    public Path log() {
        return process.log();
    }

    /** Stops Xvfb; removes its socket and lock file when it could not do so itself. Never throws. */
    @Override
    public void close() {
        process.close();
        XServerFiles.removeIfStale(number);
    }

    @Override
    public String toString() {
        return "Xvfb " + name() + " (" + width + "x" + height + ")";
    }
}
