package dev.porthole.testbed.x11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.porthole.testbed.Pause;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.Workspace;

/**
 * FreeRDP's X11 client ({@code xfreerdp}, Debian {@code freerdp2-x11}) as the reference RDP client that Porthole is
 * checked and benchmarked against. Every run gets its own workspace (private {@code HOME}, logs) and its own
 * {@link XvfbDisplay}, so tests can log in to a real server, drive input through the RDP path (XTEST events on
 * the client's display via xdotool) and capture what the client rendered. Not tied to a server; the peers offer
 * pre-filled builders ({@code XrdpServer.referenceClient()}, {@code FreeRdpShadowServer.referenceClient()}).
 *
 * <p>A {@link Builder} describes one connection and either {@linkplain Builder#authenticate runs
 * {@code +auth-only}} (TLS and NLA, then exit; status 0 means the server accepted the credentials) or
 * {@linkplain Builder#start starts a session}, an instance of this class. {@link #main} does either from the
 * command line.
 */
public final class ReferenceClient implements AutoCloseable {

    private static final String KIND = "xfreerdp";

    private final Path workspace;
    private final XvfbDisplay display;
    private final PeerProcess process;
    private final String target;
    private volatile String window;

    private ReferenceClient(Path workspace, XvfbDisplay display, PeerProcess process, String target) {
        this.workspace = workspace;
        this.display = display;
        this.process = process;
        this.target = target;
    }

    /** A connection to {@code host:port}; see {@link Builder} for the defaults. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Options of one xfreerdp connection. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private String domain = "";
        private String certificateSha256;
        private int width = 1024;
        private int height = 768;
        private int bpp = 32;
        private final List<String> extraArguments = new ArrayList<>();

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " outside 1..65535");
            }
            this.port = port;
        }

        /** Credentials sent via NLA (CredSSP) or in the Client Info PDU (MS-RDPBCGR 2.2.1.11.1.1). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The logon domain; default none. */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * Accept only the server certificate with this SHA-256 (hex, any case, colons or spaces allowed); without
         * it, or with {@code null}, the client accepts any certificate ({@code /cert:ignore}).
         */
        public Builder certificateSha256(String hex) {
            this.certificateSha256 = hex == null ? null : colonHex(hex);
            return this;
        }

        /**
         * Desktop size requested in the Client Core Data (MS-RDPBCGR 2.2.1.3.2), also the size of the client's
         * screen; default 1024 x 768.
         */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Colour depth requested; default 32. */
        public Builder bpp(int bpp) {
            this.bpp = bpp;
            return this;
        }

        /** Further xfreerdp arguments, e.g. {@code /sec:nla}, {@code /sec:tls}, {@code /gfx}, {@code -compression}. */
        public Builder arguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /**
         * The xfreerdp command line: certificate pinned by SHA-256 (or {@code /cert:ignore}), then either
         * {@code +auth-only} or the session's size and depth, then the extra arguments.
         */
        public List<String> command(boolean authOnly) {
            List<String> cmd = new ArrayList<>(List.of(Programs.require("xfreerdp", "freerdp2-x11").toString(),
                    "/v:" + host + ":" + port));
            if (username != null) {
                cmd.add("/u:" + username);
                cmd.add("/p:" + password);
            }
            if (!domain.isEmpty()) {
                cmd.add("/d:" + domain);
            }
            // xfreerdp 2.11 compares fingerprints written as colon-separated hex pairs
            cmd.add(certificateSha256 == null ? "/cert:ignore" : "/cert:fingerprint:sha256:" + certificateSha256);
            cmd.add("/log-level:INFO");
            if (authOnly) {
                cmd.add("+auth-only");
            } else {
                cmd.addAll(List.of("/size:" + width + "x" + height, "/bpp:" + bpp, "-grab-keyboard"));
            }
            cmd.addAll(extraArguments);
            return cmd;
        }

        /**
         * Logs on with {@code +auth-only} (TLS and NLA, no session) on a display of its own and reports how it
         * ended. Status 0 means the server accepted the credentials; a refused password ends with a non-zero
         * status (147, transport failure, with FreeRDP 2.11 servers, which drop the connection).
         */
        public Outcome authenticate(Duration timeout) {
            Path ws = Workspace.create(KIND);
            try (XvfbDisplay x = XvfbDisplay.start(ws, "xvfb", width, height, ws.resolve("home"))) {
                Path log = ws.resolve("xfreerdp-auth.log");
                long t0 = System.nanoTime();
                try (PeerProcess p = PeerProcess.start("xfreerdp", command(true), ws, log, x.environment())) {
                    int status = p.waitFor(timeout);
                    return new Outcome(status, Duration.ofNanos(System.nanoTime() - t0), log);
                }
            }
        }

        /** Starts Xvfb and an xfreerdp session on it; returns once the client runs (not necessarily logged in). */
        public ReferenceClient start() {
            List<String> cmd = command(false);
            Programs.require("xdotool", "xdotool");
            Path ws = Workspace.create(KIND);
            XvfbDisplay x = XvfbDisplay.start(ws, "xvfb", width, height, ws.resolve("home"));
            try {
                PeerProcess p = PeerProcess.start("xfreerdp", cmd, ws, ws.resolve("xfreerdp.log"), x.environment());
                return new ReferenceClient(ws, x, p, host + ":" + port);
            } catch (RuntimeException e) {
                x.close();
                throw e;
            }
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "xfreerdp " + (domain.isEmpty() ? "" : domain + "\\") + (username == null ? "" : username + "@")
                    + host + ":" + port + " " + width + "x" + height + "x" + bpp
                    + (certificateSha256 == null ? "" : ", sha256 " + certificateSha256) + " " + extraArguments;
        }
    }

    /** What one {@code xfreerdp +auth-only} run ended with. */
    public record Outcome(int exitCode, Duration elapsed, Path log) {

        /** Status 0: the authentication succeeded. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        public String readLog() {
            return read(log);
        }
    }

    /** The client's private X display. */
    public XvfbDisplay display() {
        return display;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** xfreerdp's exit status; only once it ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** xfreerdp's log (WLog output). */
    public Path log() {
        return process.log();
    }

    public String readLog() {
        return read(process.log());
    }

    /** The last {@code lines} lines of xfreerdp's log, for error messages. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Log files: the client's Xvfb and xfreerdp. */
    public List<Path> logFiles() {
        return List.of(display.log(), process.log());
    }

    /**
     * Waits until the session window is mapped and returns its X window id; fails early, with the log, when
     * xfreerdp exits.
     */
    public String awaitWindow(Duration timeout) {
        String w = window;
        if (w != null) {
            return w;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new PeerException("xfreerdp (connected to " + target + ") exited with status " + exitValue()
                        + " before showing its window; log tail:\n" + logTail(40));
            }
            HostCommand.Result r = display.runForResult(HostCommand.DEFAULT_TIMEOUT, List.of(xdotool(), "search",
                    "--onlyvisible", "--class", "xfreerdp"));
            if (r.succeeded() && !r.stdout().isBlank()) {
                window = w = r.stdout().lines().findFirst().orElseThrow().strip();
                return w;
            }
            Pause.sleep(50);
        }
        throw new PeerException("xfreerdp showed no session window on " + display + " within " + timeout.toMillis()
                + " ms; log tail:\n" + logTail(40));
    }

    /** The X window id of xfreerdp's main window on the client display (waits up to 30 s for it). */
    public String window() {
        return awaitWindow(HostCommand.DEFAULT_TIMEOUT);
    }

    /** Captures what the client shows (its Xvfb root window; the session window covers it from the top left). */
    public Path capture(Path png) {
        return display.capture(png);
    }

    /** {@link #capture(Path)} into the client's workspace. */
    public Path capture() {
        return capture(workspace.resolve("client-" + System.nanoTime() + ".png"));
    }

    /** Types {@code text} into the client window, so it reaches the server as RDP keyboard input. */
    public void type(String text) {
        focus();
        xdotool("type", "--delay", "15", "--", text);
    }

    /** Presses a key combination such as {@code Return} or {@code ctrl+a} in the client window. */
    public void key(String keys) {
        focus();
        xdotool("key", "--", keys);
    }

    /** Moves the pointer to ({@code x}, {@code y}) of the remote desktop (client window coordinates). */
    public void moveMouse(int x, int y) {
        xdotool("mousemove", "--window", window(), "--sync", Integer.toString(x), Integer.toString(y));
    }

    /** Clicks {@code button} (1 left, 2 middle, 3 right) at the current pointer position. */
    public void click(int button) {
        xdotool("click", Integer.toString(button));
    }

    private void focus() {
        xdotool("windowfocus", "--sync", window());
    }

    private String xdotool(String... args) {
        if (!isAlive()) {
            throw new PeerException("xfreerdp (connected to " + target + ") is not running (status "
                    + exitValue() + "); log:\n" + logTail(30));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(xdotool());
        cmd.addAll(List.of(args));
        return display.runForResult(HostCommand.DEFAULT_TIMEOUT, cmd).requireSuccess().stdout();
    }

    private static String xdotool() {
        return Programs.require("xdotool", "xdotool").toString();
    }

    /** Ends the client (TERM, then KILL) and its Xvfb. Never throws. */
    @Override
    public void close() {
        process.close();
        display.close();
    }

    @Override
    public String toString() {
        return "xfreerdp -> " + target + " on " + display;
    }

    /** {@code hex} (any case, colons or spaces allowed) as 32 colon-separated lower-case pairs. */
    static String colonHex(String hex) {
        String clean = hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!clean.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + hex);
        }
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(clean));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Command line use: {@code ReferenceClient HOST PORT USER PASSWORD [SHA256|-] [SECONDS]}, with NLA. Without
     * SECONDS it authenticates only and exits with xfreerdp's status; with SECONDS it holds a session that
     * long, then ends it. Prints the log location.
     */
    public static void main(String[] args) {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: ReferenceClient HOST PORT USER PASSWORD [SHA256|-] [SECONDS]");
            System.exit(2);
        }
        Builder b = builder(args[0], Integer.parseInt(args[1])).credentials(args[2], args[3]).arguments("/sec:nla");
        if (args.length > 4 && !args[4].equals("-")) {
            b.certificateSha256(args[4]);
        }
        int status = 0;
        if (args.length < 6) {
            Outcome o = b.authenticate(Duration.ofSeconds(30));
            System.out.println("xfreerdp +auth-only exited " + o.exitCode() + " after " + o.elapsed().toMillis()
                    + " ms; log " + o.log());
            status = o.exitCode();
        } else {
            try (ReferenceClient client = b.start()) {
                client.awaitWindow(Duration.ofSeconds(30));
                System.out.println("session window up on " + client.display().name() + "; log " + client.log());
                Pause.sleep(Long.parseLong(args[5]) * 1000);
            }
        }
        System.exit(status); // after the client's processes are stopped
    }
}
