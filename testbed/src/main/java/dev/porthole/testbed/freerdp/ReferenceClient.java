package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.Workspace;

/**
 * FreeRDP's own X11 client ({@code xfreerdp}, Debian {@code freerdp2-x11}) on a private Xvfb display:
 * the reference client that Porthole is checked and benchmarked against. It logs on with NLA, pins the
 * server certificate by SHA-256 when the {@link RdpTarget} names one (else accepts any), and keeps its
 * {@code HOME} (known hosts, ...) in a private workspace.
 *
 * <p>Two ways to use it: {@link #authenticate} runs {@code +auth-only} (TLS + NLA, then exit; status 0
 * means the server accepted the credentials), and {@link #connect} starts a full session whose window can
 * be captured from the client's display. {@link #main} does either from the command line.
 */
public final class ReferenceClient implements AutoCloseable {

    private static final String KIND = "freerdp-client";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path workspace;
    private final XvfbDisplay display;
    private final Path xfreerdp;
    private final List<PeerProcess> sessions = new ArrayList<>();

    private ReferenceClient(Path workspace, XvfbDisplay display, Path xfreerdp) {
        this.workspace = workspace;
        this.display = display;
        this.xfreerdp = xfreerdp;
    }

    /** What one {@code xfreerdp} run ended with. */
    public record Outcome(int exitCode, Duration elapsed, Path log) {

        /** Status 0: the connection (or, with {@code +auth-only}, the authentication) succeeded. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        public String readLog() {
            return read(log);
        }
    }

    /** Starts the client's own 1024x768 Xvfb display. */
    public static ReferenceClient start() {
        return start(1024, 768);
    }

    /** Starts the client's own {@code width}x{@code height} Xvfb display (sessions use the whole of it). */
    public static ReferenceClient start(int width, int height) {
        Path xfreerdp = Programs.require("xfreerdp", "freerdp2-x11");
        StaleWorkspaces.clean(KIND);
        Path workspace = Workspace.create(KIND);
        Path home = workspace.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new PeerException("cannot create " + home + ": " + e.getMessage(), e);
        }
        return new ReferenceClient(workspace, XvfbDisplay.start(workspace, "client-xvfb", width, height, home), xfreerdp);
    }

    /** The client's X display. */
    public XvfbDisplay display() {
        return display;
    }

    /**
     * The exact {@code xfreerdp} command line for {@code target}: NLA only, certificate pinned by SHA-256
     * (or {@code /cert:ignore}), session size = client display size, then {@code extraOptions}.
     */
    public List<String> command(RdpTarget target, boolean authOnly, List<String> extraOptions) {
        List<String> cmd = new ArrayList<>(List.of(xfreerdp.toString(),
                "/v:" + target.host() + ":" + target.port(),
                "/u:" + target.username(),
                "/p:" + target.password()));
        if (!target.domain().isEmpty()) {
            cmd.add("/d:" + target.domain());
        }
        cmd.add("/sec:nla");
        cmd.add(target.certificateSha256() == null ? "/cert:ignore"
                : "/cert:fingerprint:sha256:" + colonHex(target.certificateSha256()));
        cmd.add("/log-level:INFO");
        if (authOnly) {
            cmd.add("+auth-only");
        } else {
            cmd.add("/size:" + display.width() + "x" + display.height());
        }
        cmd.addAll(extraOptions);
        return cmd;
    }

    /** xfreerdp 2.11 compares fingerprints written as colon-separated hex pairs. */
    private static String colonHex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return HexFormat.ofDelimiter(":").formatHex(b);
    }

    /**
     * Logs on with {@code +auth-only} (TLS and NLA, no session) and reports how it ended. Status 0 means the
     * server accepted the credentials; a refused password ends with a non-zero status (147, transport
     * failure, with FreeRDP 2.11 servers, which drop the connection).
     */
    public Outcome authenticate(RdpTarget target, Duration timeout) {
        Path log = workspace.resolve("xfreerdp-auth-" + RUNS.incrementAndGet() + ".log");
        long t0 = System.nanoTime();
        try (PeerProcess p = PeerProcess.start("xfreerdp", command(target, true, List.of()), workspace, log,
                display.environment())) {
            int status = p.waitFor(timeout);
            return new Outcome(status, Duration.ofNanos(System.nanoTime() - t0), log);
        }
    }

    /** Starts a full session; close it (or this client) to end it. */
    public Session connect(RdpTarget target, String... extraOptions) {
        Path log = workspace.resolve("xfreerdp-session-" + RUNS.incrementAndGet() + ".log");
        PeerProcess p = PeerProcess.start("xfreerdp", command(target, false, Arrays.asList(extraOptions)), workspace, log,
                display.environment());
        synchronized (sessions) {
            sessions.add(p);
        }
        return new Session(p);
    }

    /** A running {@code xfreerdp} session on the client's display. */
    public final class Session implements AutoCloseable {

        private final PeerProcess process;

        private Session(PeerProcess process) {
            this.process = process;
        }

        /** Waits until the session window ({@code FreeRDP: host:port}) is mapped; fails early if xfreerdp exits. */
        public void awaitWindow(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new PeerException("xfreerdp exited with status " + process.exitValue()
                            + " before showing its window; log tail:\n" + process.logTail(40));
                }
                Command.Result r = display.runForResult(XvfbDisplay.COMMAND_TIMEOUT, List.of(
                        Programs.require("xdotool", "xdotool").toString(), "search", "--onlyvisible", "--name", "^FreeRDP: "));
                if (r.succeeded() && !r.stdout().isBlank()) {
                    return;
                }
                XvfbDisplay.sleep(50);
            }
            throw new PeerException("xfreerdp showed no session window within " + timeout.toMillis() + " ms; log tail:\n"
                    + process.logTail(40));
        }

        /** Captures the client's display (the session window covers it from the top left). */
        public Path capture(Path png) {
            return display.capture(png);
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Path log() {
            return process.log();
        }

        public String readLog() {
            return read(process.log());
        }

        /** Ends the session (TERM, then KILL). Never throws. */
        @Override
        public void close() {
            process.close();
            synchronized (sessions) {
                sessions.remove(process);
            }
        }
    }

    /** Log files: the client's Xvfb and every xfreerdp run so far. */
    public List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        logs.add(display.log());
        try (var s = Files.list(workspace)) {
            s.filter(f -> f.getFileName().toString().startsWith("xfreerdp-")).sorted().forEach(logs::add);
        } catch (IOException ignored) {
            // only the display log then
        }
        return logs;
    }

    /** Ends running sessions and stops the client's display. Never throws. */
    @Override
    public void close() {
        List<PeerProcess> running;
        synchronized (sessions) {
            running = List.copyOf(sessions);
            sessions.clear();
        }
        running.forEach(PeerProcess::close);
        display.close();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Command line use: {@code ReferenceClient HOST PORT USER PASSWORD [SHA256|-] [SECONDS]}. Without
     * SECONDS it authenticates only and exits with xfreerdp's status; with SECONDS it holds a session that
     * long, then ends it. Prints the log location.
     */
    public static void main(String[] args) {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: ReferenceClient HOST PORT USER PASSWORD [SHA256|-] [SECONDS]");
            System.exit(2);
        }
        String sha = args.length > 4 && !args[4].equals("-") ? args[4] : null;
        RdpTarget target = new RdpTarget(args[0], Integer.parseInt(args[1]), args[2], args[3], "", sha);
        int status = 0;
        try (ReferenceClient client = start()) {
            if (args.length < 6) {
                Outcome o = client.authenticate(target, Duration.ofSeconds(30));
                System.out.println("xfreerdp +auth-only exited " + o.exitCode() + " after " + o.elapsed().toMillis()
                        + " ms; log " + o.log());
                status = o.exitCode();
            } else {
                try (Session s = client.connect(target)) {
                    s.awaitWindow(Duration.ofSeconds(30));
                    System.out.println("session window up on " + client.display().name() + "; log " + s.log());
                    XvfbDisplay.sleep(Long.parseLong(args[5]) * 1000);
                }
            }
        }
        System.exit(status); // after the client's processes are stopped
    }
}
