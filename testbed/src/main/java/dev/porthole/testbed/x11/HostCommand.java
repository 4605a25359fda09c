package dev.porthole.testbed.x11;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.porthole.testbed.PeerException;

/**
 * A short-lived host command (useradd, xdotool, import, winpr-hash, ...) run to completion with a hard
 * timeout. Both outputs are drained concurrently into memory, so a chatty command never blocks on a full
 * pipe; on timeout the command and all its descendants are killed (and reaped) and a {@link PeerException}
 * names the command and what it printed so far.
 */
public final class HostCommand {

    /** Upper bound for helper commands that normally take milliseconds; generous for loaded machines. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** What a finished command printed and its exit status. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Whether the status is 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** This result when the status is 0, otherwise a {@link PeerException} naming the command and its output. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new PeerException("'" + String.join(" ", command) + "' failed with status " + exitCode
                        + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip())
                        + (stdout.isBlank() ? "" : "; stdout: " + stdout.strip()));
            }
            return this;
        }
    }

    private HostCommand() {}

    /** Runs {@code command} with no input and the JVM's environment; see {@link #run(List, Map, String, Duration)}. */
    public static Result run(Duration timeout, String... command) {
        return run(List.of(command), Map.of(), null, timeout);
    }

    /**
     * Runs {@code command} to completion.
     *
     * @param env   variables added to (or replacing) the JVM's environment
     * @param stdin text written to the command's standard input, or {@code null} for none
     */
    public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new PeerException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the command may exit without reading; its status tells what happened
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new PeerException("'" + String.join(" ", command) + "' did not finish within "
                        + timeout.toMillis() + " ms and was killed; stdout so far: " + now(out) + "; stderr so far: "
                        + now(err));
            }
            return new Result(List.copyOf(command), p.exitValue(), out.get(5, TimeUnit.SECONDS),
                    err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while running '" + String.join(" ", command) + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            kill(p);
            throw new PeerException("cannot read the output of '" + String.join(" ", command) + "'", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                f.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static String now(CompletableFuture<String> f) {
        return f.getNow("(still open)").strip();
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

    /** Single-quotes {@code s} for {@code /bin/sh}. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
