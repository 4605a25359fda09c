package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.porthole.testbed.PeerException;

/**
 * Runs a short-lived helper command (xdotool, import, winpr-hash, ...) to completion with a timeout.
 * Output goes through files in a scratch directory rather than pipes, so a chatty command can never
 * block on a full pipe; on timeout the command and its descendants are killed.
 */
final class Command {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** What a finished command printed, and its exit status. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** {@code stdout}, or a {@link PeerException} naming the command, its status and its stderr. */
        String stdoutOrThrow() {
            if (!succeeded()) {
                throw new PeerException("'" + String.join(" ", command) + "' exited with status " + exitCode
                        + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip())
                        + (stdout.isBlank() ? "" : "; stdout: " + stdout.strip()));
            }
            return stdout;
        }
    }

    private Command() {}

    /**
     * Runs {@code command} in {@code scratch} (output files are written there) with extra environment,
     * waiting at most {@code timeout}.
     */
    static Result run(List<String> command, Map<String, String> env, Path scratch, Duration timeout) {
        int n = COUNTER.incrementAndGet();
        Path out = scratch.resolve("cmd-" + n + ".out");
        Path err = scratch.resolve("cmd-" + n + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p;
        try {
            Files.createDirectories(scratch);
            p = pb.start();
        } catch (IOException e) {
            throw new PeerException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new PeerException("'" + String.join(" ", command) + "' did not finish within "
                        + timeout.toMillis() + " ms; stderr so far: " + read(err).strip());
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
        Result r = new Result(List.copyOf(command), p.exitValue(), read(out), read(err));
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException ignored) {
            // scratch files are left in the workspace; harmless
        }
        return r;
    }

    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>();
        p.toHandle().descendants().forEach(all::add);
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e.getMessage() + ")";
        }
    }
}
