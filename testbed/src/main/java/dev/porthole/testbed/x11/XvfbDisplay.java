package dev.porthole.testbed.x11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;

/**
 * A private virtual X server ({@code Xvfb}) on a display number it picks itself ({@code -displayfd}), without
 * TCP listeners, for X clients a test runs (for example the reference RDP client).
 */
public final class XvfbDisplay implements AutoCloseable {

    private final PeerProcess process;
    private final int number;

    private XvfbDisplay(PeerProcess process, int number) {
        this.process = process;
        this.number = number;
    }

    /** Starts Xvfb with one {@code width} x {@code height} x 24 screen, logging into {@code directory}. */
    public static XvfbDisplay start(int width, int height, Path directory, Duration timeout) {
        Path xvfb = Programs.require("Xvfb", "xvfb");
        Path log = directory.resolve("xvfb.log");
        // -displayfd 1: Xvfb prints the display number it bound to on stdout, which is the log.
        // A small shell stays Xvfb's parent and stops it when the test JVM disappears without closing it
        // (X clients such as xfreerdp then exit with their display).
        String guarded = """
                %s -displayfd 1 -screen 0 %dx%dx24 -nolisten tcp -noreset &
                x=$!
                s=
                trap 'kill -TERM $x $s 2>/dev/null; wait; exit 0' TERM INT HUP
                while kill -0 %d 2>/dev/null && kill -0 $x 2>/dev/null; do sleep 1 & s=$!; wait $s; done
                kill -TERM $x 2>/dev/null
                wait
                """.formatted(TestDesktop.quote(xvfb.toString()), width, height, ProcessHandle.current().pid());
        PeerProcess p = PeerProcess.start("Xvfb", List.of("/bin/sh", "-c", guarded), directory, log, Map.of());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.matches("\\d+")) {
                        return new XvfbDisplay(p, Integer.parseInt(line));
                    }
                }
                if (!p.isAlive()) {
                    throw new PeerException("Xvfb exited with status " + p.exitValue() + "; log:\n" + p.logTail(20));
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            p.close();
            throw new UncheckedIOException("cannot read " + log, e);
        } catch (InterruptedException e) {
            p.close();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while starting Xvfb", e);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        p.close();
        throw new PeerException("Xvfb did not report its display within " + timeout.toMillis() + " ms; log:\n"
                + p.logTail(20));
    }

    /** The display number {@code N} of {@code :N}. */
    public int number() {
        return number;
    }

    /** The value for {@code DISPLAY}. */
    public String name() {
        return ":" + number;
    }

    public Path log() {
        return process.log();
    }

    /** Captures this display's root window into {@code png}. */
    public Path capture(Path png) {
        return XCapture.captureRoot(number, null, png);
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Xvfb " + name();
    }
}
