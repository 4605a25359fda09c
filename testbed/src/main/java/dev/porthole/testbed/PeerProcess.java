package dev.porthole.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of a peer, with stdout and stderr going to a log file. {@link #close()} stops it and
 * every descendant (TERM, then KILL after a grace period).
 */
public final class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir}, logging to {@code log}, with extra environment. */
    public static PeerProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        try {
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new PeerProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new PeerException("cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to end; returns its status or throws when it does not end in time. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PeerException(name + " did not finish within " + timeout.toMillis() + " ms; log tail:\n"
                        + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted waiting for " + name, e);
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the process and its descendants: TERM, 3 s grace, then KILL. Never throws. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ignored) {
                // escalated below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
