package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;

/**
 * A private {@code Xvfb} X server on a display number the server picks itself ({@code -displayfd}),
 * so concurrent runs never collide. Runs helper commands against the display and captures it.
 * {@link #close()} stops the server and removes its socket and lock file if it left them behind.
 */
public final class XvfbDisplay implements AutoCloseable {

    /** Upper bound for short helper commands (xdotool, import, ...). */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final PeerProcess process;
    private final int number;
    private final int width;
    private final int height;
    private final Path home;
    private final Path scratch;

    private XvfbDisplay(PeerProcess process, int number, int width, int height, Path home, Path scratch) {
        this.process = process;
        this.number = number;
        this.width = width;
        this.height = height;
        this.home = home;
        this.scratch = scratch;
    }

    /**
     * Starts {@code Xvfb} with one {@code width}x{@code height}x24 screen. Its log is
     * {@code <workspace>/<name>.log}; {@code home} becomes {@code HOME} of every command run on it.
     */
    public static XvfbDisplay start(Path workspace, String name, int width, int height, Path home) {
        Path xvfb = Programs.require("Xvfb", "xvfb");
        Path log = workspace.resolve(name + ".log");
        List<String> cmd = List.of(xvfb.toString(),
                "-displayfd", "1",              // the server picks a free display and prints its number on fd 1
                "-screen", "0", width + "x" + height + "x24",
                "-dpi", "96",
                "-nolisten", "tcp",
                "-noreset");                    // keep the root window (test pattern) when the last client leaves
        PeerProcess p = PeerProcess.start(name, cmd, workspace, log, Map.of("HOME", home.toString()));
        try {
            int number = awaitDisplayNumber(p, log);
            XvfbDisplay d = new XvfbDisplay(p, number, width, height, home, workspace.resolve("run-" + name));
            d.awaitReady();
            return d;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static int awaitDisplayNumber(PeerProcess p, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> n = readDisplayNumber(log);
            if (n.isPresent()) {
                return n.get();
            }
            if (!p.isAlive()) {
                throw new PeerException("Xvfb exited with status " + p.exitValue()
                        + " before choosing a display; log tail:\n" + p.logTail(30));
            }
            sleep(20);
        }
        throw new PeerException("Xvfb printed no display number within " + START_TIMEOUT.toMillis()
                + " ms; log tail:\n" + p.logTail(30));
    }

    private static Optional<Integer> readDisplayNumber(Path log) {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.matches("\\d{1,5}")) {
                    return Optional.of(Integer.parseInt(line));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Waits until clients can talk to the server (displayfd is written once it listens; this checks). */
    private void awaitReady() {
        Path xdpyinfo = Programs.require("xdpyinfo", "x11-utils");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Command.Result last = null;
        while (System.nanoTime() < deadline) {
            last = Command.run(List.of(xdpyinfo.toString()), environment(), scratch, COMMAND_TIMEOUT);
            if (last.succeeded()) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(50);
        }
        throw new PeerException("X display " + name() + " does not answer: "
                + (last == null ? "" : last.stderr().strip()) + "; Xvfb log tail:\n" + process.logTail(30));
    }

    /** The display number {@code N}. */
    public int number() {
        return number;
    }

    /** The display name, {@code :N}. */
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
     * Runs {@code command} with {@code DISPLAY} set to this display and returns its stdout; a non-zero
     * status or more than {@link #COMMAND_TIMEOUT} is a {@link PeerException}.
     */
    public String run(String... command) {
        return run(COMMAND_TIMEOUT, command);
    }

    /** {@link #run(String...)} with an explicit timeout. */
    public String run(Duration timeout, String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("empty command");
        }
        return Command.run(Arrays.asList(command), environment(), scratch, timeout).stdoutOrThrow();
    }

    /** Like {@link #run(String...)} but returns the status instead of failing on a non-zero one. */
    Command.Result runForResult(Duration timeout, List<String> command) {
        return Command.run(command, environment(), scratch, timeout);
    }

    /**
     * Captures the whole screen into {@code png} (ImageMagick {@code import -window root}) and returns it.
     * The pointer sprite is not part of the capture.
     */
    public Path capture(Path png) {
        Path imp = Programs.require("import", "imagemagick");
        Path target = png.toAbsolutePath();
        run(imp.toString(), "-display", name(), "-window", "root", "png:" + target);
        if (!Files.isRegularFile(target)) {
            throw new PeerException("import wrote no capture of " + name() + " to " + target);
        }
        return target;
    }

    /** The Xvfb process (for liveness checks and its log). */
    public PeerProcess process() {
        return process;
    }

    public Path log() {
        return process.log();
    }

    /** Stops Xvfb; removes its socket and lock file when it could not do so itself. Never throws. */
    @Override
    public void close() {
        long pid = process.pid();
        process.close();
        Path lock = Path.of("/tmp", ".X" + number + "-lock");
        Path socket = Path.of("/tmp", ".X11-unix", "X" + number);
        try {
            boolean ours = Files.exists(lock)
                    && Files.readString(lock, StandardCharsets.US_ASCII).strip().equals(Long.toString(pid));
            if (ours) {
                Files.deleteIfExists(lock);
            }
            // Left behind only when Xvfb had to be killed; a socket nobody listens on any more is stale.
            if (Files.exists(socket) && !listening(socket)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort; never fail a test run from close()
        }
    }

    /** Whether something accepts connections on the Unix socket {@code socket} (a stale one refuses). */
    private static boolean listening(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while waiting for an X display", e);
        }
    }

    @Override
    public String toString() {
        return "Xvfb " + name() + " (" + width + "x" + height + ")";
    }
}
