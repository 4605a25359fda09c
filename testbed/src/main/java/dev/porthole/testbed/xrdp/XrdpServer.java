package dev.porthole.testbed.xrdp;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.Pause;
import dev.porthole.testbed.Peer;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.Workspace;
import dev.porthole.testbed.x11.HostCommand;
import dev.porthole.testbed.x11.ReferenceClient;
import dev.porthole.testbed.x11.TestDesktop;
import dev.porthole.testbed.x11.XCapture;
import dev.porthole.testbed.x11.XServerFiles;

/**
 * A private xrdp 0.9 RDP session host on 127.0.0.1 for tests: {@code xrdp} plus {@code xrdp-sesman} with a
 * generated configuration, a throwaway local user and a deterministic {@link TestDesktop} in an Xorg
 * (xorgxrdp) session.
 *
 * <h2>Security and login</h2>
 * Only the TLS security protocol is offered ({@code security_layer=tls}; MS-RDPBCGR 5.4.5.1): an X.224
 * Connection Request (MS-RDPBCGR 2.2.1.1) asking for PROTOCOL_SSL is answered with an RDP_NEG_RSP
 * (2.2.1.2.1) selecting PROTOCOL_SSL (1); xrdp 0.9 has no CredSSP, so PROTOCOL_HYBRID is never selected, and
 * a request without PROTOCOL_SSL gets an RDP_NEG_FAILURE. The certificate is a fresh self-signed one
 * ({@link #certificateSha256()}). {@code require_credentials} and {@code autorun=Xorg} make a client that
 * sends {@link #username()} and {@link #password()} in its Client Info PDU (2.2.1.11, INFO_AUTOLOGON) land
 * directly in the Xorg session; there is no interactive login screen.
 *
 * <h2>Isolation</h2>
 * xrdp 0.9 reads some paths compiled in ({@code /etc/xrdp/sesman.ini} for the sesman port, pid files and
 * sockets under {@code /run/xrdp}). Both daemons therefore run in their own mount namespace
 * ({@code unshare --mount --propagation private}) where the instance's workspace directories are bind-mounted
 * over {@code /etc/xrdp} and {@code /run/xrdp}; nothing else is remounted, so {@code /tmp/.X11-unix} stays
 * shared and the session's X display can be captured from the test JVM. Ports are chosen at run time, xrdp
 * listens on 127.0.0.1 only, sesman on loopback only, and sesman's first X display number is random, so
 * concurrent instances on one machine do not collide. Needs root (mount namespaces, user accounts).
 *
 * <h2>Cleanup</h2>
 * {@link #close()} stops the session's processes (TERM, then KILL), xrdp and sesman, and removes the user
 * and its home directory. If the JVM dies without closing, the launcher notices within a second and does
 * the same; accounts left over by killed runs are removed when the next instance starts.
 */
public final class XrdpServer implements Peer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SESSION_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Path XORG = Path.of("/usr/lib/xorg/Xorg");
    private static final Path XORGXRDP_DRIVER = Path.of("/usr/lib/xorg/modules/drivers/xrdpdev_drv.so");
    private static final Path SYSTEM_CONFIG = Path.of("/etc/xrdp");
    private static final Path RUN_DIR = Path.of("/run/xrdp");

    private final Path workspace;
    private final int port;
    private final int sesmanPort;
    private final TlsMaterial.Issued tls;
    private final TestUser user;
    private final TestDesktop.Outputs desktop;
    private final PeerProcess launcher;
    private final List<Integer> displaysSeen = new ArrayList<>();
    private volatile boolean closed;

    private XrdpServer(Path workspace, int port, int sesmanPort, TlsMaterial.Issued tls, TestUser user,
                       TestDesktop.Outputs desktop, PeerProcess launcher) {
        this.workspace = workspace;
        this.port = port;
        this.sesmanPort = sesmanPort;
        this.tls = tls;
        this.user = user;
        this.desktop = desktop;
        this.launcher = launcher;
    }

    /**
     * Starts xrdp and xrdp-sesman and waits until both listen. No session exists until a client logs in
     * (see {@link #logIn()}).
     */
    public static XrdpServer start() {
        return start("tls", "high");
    }

    /**
     * {@link #start()} with xrdp.ini's {@code security_layer} and {@code crypt_level} (see {@link XrdpSecurity}).
     *
     * @throws IllegalArgumentException for a value xrdp.ini does not define
     */
    public static XrdpServer start(String securityLayer, String cryptLevel) {
        if (!java.util.Set.of("tls", "rdp", "negotiate").contains(securityLayer)) {
            throw new IllegalArgumentException("xrdp security_layer '" + securityLayer + "' is not tls, rdp or negotiate");
        }
        if (!java.util.Set.of("none", "low", "medium", "high", "fips").contains(cryptLevel)) {
            throw new IllegalArgumentException("xrdp crypt_level '" + cryptLevel + "' is not none, low, medium, high or fips");
        }
        requireRoot();
        Path xrdp = Programs.require("xrdp", "xrdp");
        Path sesman = Programs.require("xrdp-sesman", "xrdp");
        Path keygen = Programs.require("xrdp-keygen", "xrdp");
        if (!Files.isExecutable(XORG)) {
            throw PeerException.missing(XORG.toString(), "xserver-xorg-core");
        }
        if (!Files.isRegularFile(XORGXRDP_DRIVER)) {
            throw PeerException.missing(XORGXRDP_DRIVER.toString(), "xorgxrdp");
        }
        Path unshare = Programs.require("unshare", "util-linux");
        Programs.require("mount", "mount");
        Programs.require("ps", "procps");
        Programs.require("import", "imagemagick");
        TestUser.requirePrograms();
        TestDesktop.requirePrograms();

        TestUser.removeStale();

        Path ws = Workspace.create("xrdp");
        TestUser user = null;
        PeerProcess launcher = null;
        try {
            Path etc = mkdir(ws.resolve("etc"), "rwxr-xr-x");
            Path run = mkdir(ws.resolve("run"), "rwxr-xr-x");
            Path sockdir = mkdir(run.resolve("sockdir"), "rwxrwxrwx");
            // as /usr/share/xrdp/socksetup does: sticky, world-writable (Xorg of the user creates sockets there)
            HostCommand.run(Duration.ofSeconds(10), Programs.require("chmod", "coreutils").toString(), "3777",
                    sockdir.toString()).requireSuccess();
            Path logs = mkdir(ws.resolve("logs"), "rwxr-xr-x");
            Path session = mkdir(ws.resolve("session"), "rwxr-xr-x");
            mkdir(session.resolve("xdg-data"), "rwxr-xr-x");

            int port = Loopback.freePort();
            int sesmanPort;
            do {
                sesmanPort = Loopback.freePort();
            } while (sesmanPort == port);
            int displayOffset = 100 + ThreadLocalRandom.current().nextInt(800);

            TlsMaterial.Issued tls = TlsMaterial.selfSignedServer("porthole-xrdp-test", List.of("localhost"),
                    List.of(Loopback.HOST));
            tls.writePem(etc.resolve("cert.pem"), etc.resolve("key.pem"));
            HostCommand.run(Duration.ofSeconds(30), keygen.toString(), "xrdp", etc.resolve("rsakeys.ini").toString(),
                    "512").requireSuccess();
            copyKeymaps(etc);

            write(etc.resolve("xrdp.ini"), XrdpConfig.xrdpIni(port, etc, logs, securityLayer, cryptLevel), "rw-r--r--");
            write(etc.resolve("sesman.ini"), XrdpConfig.sesmanIni(sesmanPort, displayOffset, etc, logs, session),
                    "rw-r--r--");
            Path desktopScript = TestDesktop.writeScript(session);
            write(etc.resolve("startwm.sh"), "#!/bin/sh\n# session of the Porthole xrdp test peer\nexec /bin/sh "
                    + HostCommand.shellQuote(desktopScript.toString()) + "\n", "rwxr-xr-x");
            write(etc.resolve("reconnectwm.sh"), "#!/bin/sh\nexit 0\n", "rwxr-xr-x");

            user = TestUser.create(ws.resolve("home"));
            chown(session, user.name());
            chown(session.resolve("xdg-data"), user.name());

            Files.createDirectories(RUN_DIR); // mount point only; stays empty on the host
            Path launch = ws.resolve("launch.sh");
            write(launch, XrdpConfig.launcher(etc, run, logs, xrdp, sesman, ProcessHandle.current().pid(),
                    user.name()), "rwxr-xr-x");
            launcher = PeerProcess.start("xrdp launcher", List.of(unshare.toString(), "--mount", "--propagation",
                    "private", "--", "/bin/sh", launch.toString()), ws, logs.resolve("launcher.log"), Map.of());
            XrdpServer server = new XrdpServer(ws, port, sesmanPort, tls, user, new TestDesktop.Outputs(session),
                    launcher);
            try {
                Loopback.awaitListening(port, STARTUP_TIMEOUT, launcher);
                awaitLoopback(sesmanPort, STARTUP_TIMEOUT, launcher, "xrdp-sesman");
            } catch (RuntimeException e) {
                e.addSuppressed(new PeerException("logs of the failed xrdp start:" + tails(server.logFiles())));
                server.close();
                user = null;
                launcher = null;
                throw e;
            }
            return server;
        } catch (IOException e) {
            cleanupFailedStart(user, launcher);
            throw new UncheckedIOException("cannot prepare the xrdp workspace " + ws, e);
        } catch (RuntimeException e) {
            cleanupFailedStart(user, launcher);
            throw e;
        }
    }

    private static void cleanupFailedStart(TestUser user, PeerProcess launcher) {
        if (launcher != null) {
            launcher.close();
        }
        if (user != null) {
            user.delete();
        }
    }

    /** Always {@link Loopback#HOST}. */
    public String host() {
        return Loopback.HOST;
    }

    /** The RDP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The port xrdp-sesman listens on (loopback). */
    public int sesmanPort() {
        return sesmanPort;
    }

    /** Name of the generated local account to log in with. */
    public String username() {
        return user.name();
    }

    /** Password of {@link #username()}. */
    public String password() {
        return user.password();
    }

    /** The self-signed certificate xrdp presents in the TLS handshake. */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    /** SHA-256 of the DER certificate xrdp presents, lower-case hex without separators. */
    public String certificateSha256() {
        return tls.sha256Fingerprint();
    }

    /** This instance's private directory (configuration, logs, session outputs). */
    public Path workspace() {
        return workspace;
    }

    /** Everything typed into the desktop's xterm (see {@link TestDesktop}), appended as it arrives. */
    public Path typedTextFile() {
        return desktop.typedText();
    }

    /** The current content of {@link #typedTextFile()}, or "" before anything was typed. */
    public String readTypedText() {
        return desktop.readTypedText();
    }

    /** Empties {@link #typedTextFile()} (the xterm appends, so later text starts at the beginning again). */
    public void clearTypedText() {
        desktop.clearTypedText();
    }

    /** The xev output of the desktop's pointer window ({@link TestDesktop#POINTER_PAD}). */
    public Path pointerLog() {
        return desktop.pointerLog();
    }

    /** Pointer events seen server side in {@link TestDesktop#POINTER_PAD}, oldest first. */
    public List<TestDesktop.PointerEvent> pointerEvents() {
        return desktop.pointerEvents();
    }

    /** Where the session's X server has its pointer now ({@code xdotool getmouselocation}). */
    public Point pointerPosition() {
        return TestDesktop.parseMouseLocation(runInSession("xdotool", "getmouselocation", "--shell"));
    }

    /**
     * The X display number of the test user's session (its Xorg server) once one exists; the newest when
     * there are several.
     */
    public OptionalInt sessionDisplay() {
        Optional<ProcessHandle> xorg = user.processes().stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/Xorg")).orElse(false))
                .max(Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.EPOCH)));
        if (xorg.isEmpty()) {
            return OptionalInt.empty();
        }
        for (String arg : xorg.get().info().arguments().orElse(new String[0])) {
            if (arg.matches(":\\d+")) {
                int display = Integer.parseInt(arg.substring(1));
                synchronized (displaysSeen) {
                    if (!displaysSeen.contains(display)) {
                        displaysSeen.add(display);
                    }
                }
                return OptionalInt.of(display);
            }
        }
        return OptionalInt.empty();
    }

    /** The session's display once its {@link TestDesktop} is complete (windows mapped, xterm focused). */
    public OptionalInt desktopDisplay() {
        OptionalInt running = sessionDisplay();
        return running.isPresent() && desktop.readyDisplay().equals(running) ? running : OptionalInt.empty();
    }

    /**
     * A reference client for this server: TLS security, the generated credentials, the certificate pinned. Each
     * call returns a new builder.
     */
    public ReferenceClient.Builder referenceClient() {
        return ReferenceClient.builder(host(), port)
                .credentials(username(), password())
                .certificateSha256(certificateSha256())
                .arguments("/sec:tls");
    }

    /**
     * Logs in with the {@link #referenceClient()} at 1024 x 768, 32 bpp and waits until the session's test desktop
     * is complete. Fails early with the client's log when xfreerdp exits.
     */
    public ReferenceClient logIn() {
        return logIn(1024, 768, Duration.ofSeconds(30));
    }

    /** {@link #logIn()} with another desktop size (see {@link TestDesktop#requireSize}) and timeout. */
    public ReferenceClient logIn(int width, int height, Duration timeout) {
        TestDesktop.requireSize(width, height);
        ReferenceClient client = referenceClient().size(width, height).start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (desktopDisplay().isPresent()) {
                    return client;
                }
                if (!client.isAlive()) {
                    throw new PeerException("xfreerdp exited with status " + client.exitValue()
                            + " before the session on " + describe() + " was ready; xfreerdp log:\n"
                            + client.logTail(40));
                }
                Pause.sleep(50);
            }
            throw new PeerException("no complete session on " + describe() + " within " + timeout.toMillis()
                    + " ms after xfreerdp connected; xfreerdp log:\n" + client.logTail(40));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Waits until a session's desktop is complete and returns its display number. */
    public int awaitDesktop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalInt d = desktopDisplay();
            if (d.isPresent()) {
                return d.getAsInt();
            }
            requireRunning();
            Pause.sleep(50);
        }
        throw new PeerException("no complete test desktop for user " + user.name() + " within " + timeout.toMillis()
                + " ms (session display: " + sessionDisplay() + "); desktop log:\n"
                + tail(desktop.sessionLog(), 30));
    }

    /** {@link #runInSession(Duration, String...)} with a 30 s timeout. */
    public String runInSession(String... command) {
        return runInSession(SESSION_COMMAND_TIMEOUT, command);
    }

    /**
     * Runs {@code command} as the test user with {@code DISPLAY} and {@code XAUTHORITY} of the session set
     * and returns its standard output. Fails when there is no session, on a non-zero status or on timeout.
     */
    public String runInSession(Duration timeout, String... command) {
        List<String> cmd = sessionCommand("run '" + String.join(" ", command) + "'", command);
        return HostCommand.run(cmd, Map.of(), null, timeout).requireSuccess().stdout();
    }

    /**
     * Starts a long-running {@code command} in the session as the test user (for example a virtual channel
     * endpoint), logging to {@code logs/<name>.log} in the workspace. The caller may close it early; it is
     * stopped with the session in any case.
     */
    public PeerProcess startInSession(String name, String... command) {
        List<String> cmd = sessionCommand("start " + name, command);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("process name must be usable as a file name: " + name);
        }
        return PeerProcess.start(name, cmd, workspace, workspace.resolve("logs").resolve(name + ".log"), Map.of());
    }

    private List<String> sessionCommand(String purpose, String... command) {
        int display = sessionDisplay().orElseThrow(() -> noSession(purpose));
        // setpriv execs the command itself (unlike runuser, which stays as its parent and delays signals)
        List<String> cmd = new ArrayList<>(List.of(Programs.require("setpriv", "util-linux").toString(),
                "--reuid=" + user.name(), "--regid=" + user.name(), "--init-groups", "--reset-env", "--",
                "/usr/bin/env", "-C", user.home().toString(), "DISPLAY=:" + display,
                "XAUTHORITY=" + user.home().resolve(".Xauthority")));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /**
     * Captures the session's X display (what Xorg itself holds, not what a client decoded) into {@code png}.
     *
     * @throws PeerException when no session exists yet
     */
    public Path captureDisplay(Path png) {
        int display = sessionDisplay().orElseThrow(() -> noSession("capture its display"));
        return XCapture.captureRoot(display, user.home().resolve(".Xauthority"), png);
    }

    /** {@link #captureDisplay(Path)} into the workspace, read back as an image. */
    public BufferedImage captureDisplay() {
        return XCapture.read(captureDisplay(workspace.resolve("capture-" + System.nanoTime() + ".png")));
    }

    private PeerException noSession(String what) {
        return new PeerException("cannot " + what + ": xrdp at " + host() + ":" + port + " has no session for user "
                + user.name() + " yet; log in with an RDP client first (for example server.logIn())");
    }

    private void requireRunning() {
        if (closed) {
            throw new PeerException(describe() + " is closed");
        }
        if (!launcher.isAlive()) {
            throw new PeerException("xrdp/xrdp-sesman stopped (launcher status " + launcher.exitValue() + "); logs:"
                    + tails(logFiles()));
        }
    }

    @Override
    public String describe() {
        return "xrdp " + host() + ":" + port + " (user " + user.name() + ", workspace " + workspace + ")";
    }

    @Override
    public List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        Path dir = workspace.resolve("logs");
        for (String name : List.of("launcher.log", "xrdp.log", "xrdp.out", "sesman.log", "sesman.out")) {
            logs.add(dir.resolve(name));
        }
        glob(dir, "*.log").stream().filter(p -> !logs.contains(p)).forEach(logs::add);
        logs.add(desktop.sessionLog());
        logs.addAll(glob(desktop.directory(), "xorg.*.log"));
        logs.addAll(glob(desktop.directory().resolve("xdg-data").resolve("xrdp"), "xrdp-chansrv.*.log"));
        return logs.stream().filter(Files::exists).toList();
    }

    private static List<Path> glob(Path dir, String pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pattern)) {
            ds.forEach(found::add);
        } catch (IOException e) {
            // logs are best effort
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    /**
     * Stops the session (its X server first, gracefully, so it removes its lock and socket in /tmp), then xrdp
     * and sesman, then removes the test user. Never throws; problems are printed to stderr.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        sessionDisplay(); // remember the current display for the lock check below
        try {
            user.stopProcesses(Duration.ofSeconds(3));
        } catch (RuntimeException e) {
            problems.add("stopping session processes: " + e.getMessage());
        }
        // TERM to the launcher only: its trap stops xrdp and sesman and waits for them, so they are reaped
        // by their parent instead of lingering as zombies of init
        ProcessHandle.of(launcher.pid()).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                problems.add("launcher did not stop within 5 s after TERM; killing it");
            }
        });
        launcher.close();
        String problem = user.delete();
        if (problem != null) {
            problems.add(problem);
        }
        synchronized (displaysSeen) {
            for (int d : displaysSeen) {
                String p = XServerFiles.removeIfStale(d);
                if (p != null) {
                    problems.add(p);
                }
            }
        }
        try {
            // session outputs stay for post-mortems; owned by root now that the account is gone
            HostCommand.run(Duration.ofSeconds(10), Programs.require("chown", "coreutils").toString(), "-R", "root:root", desktop.directory().toString());
        } catch (RuntimeException e) {
            problems.add("chown session directory: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            System.err.println("porthole testbed: problems while closing " + describe() + ": " + problems);
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void requireRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.split("\\s+");
                    if (!"0".equals(f[2])) {
                        throw new PeerException("the xrdp test peer needs root (it creates a local user and a"
                                + " private mount namespace); run the tests as root, e.g. in the project's container");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
    }

    private static void awaitLoopback(int port, Duration timeout, PeerProcess process, String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // xrdp-sesman 0.9 built with IPv6 binds ::1 when told 127.0.0.1
            if (Loopback.accepts(port) || accepts("::1", port)) {
                return;
            }
            if (!process.isAlive()) {
                throw new PeerException(name + " did not start: " + process.name() + " exited with status "
                        + process.exitValue() + "; log tail:\n" + process.logTail(40));
            }
            Pause.sleep(50);
        }
        throw new PeerException(name + " not listening on loopback port " + port + " after " + timeout.toMillis()
                + " ms");
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyKeymaps(Path etc) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SYSTEM_CONFIG, "{km-*.ini,xrdp_keyboard.ini}")) {
            for (Path p : ds) {
                Files.copy(p, etc.resolve(p.getFileName().toString()));
            }
        }
    }

    private static Path mkdir(Path dir, String perms) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
        return dir;
    }

    private static void write(Path file, String content, String perms) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    private static void chown(Path path, String owner) {
        HostCommand.run(Duration.ofSeconds(10), Programs.require("chown", "coreutils").toString(), owner + ":", path.toString()).requireSuccess();
    }

    private static String tails(List<Path> logs) {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            sb.append("\n----- ").append(log).append(" -----\n").append(tail(log, 30));
        }
        return sb.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
