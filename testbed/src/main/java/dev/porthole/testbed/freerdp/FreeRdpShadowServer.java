package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.porthole.testbed.x11.XvfbDesktop;

/**
 * FreeRDP's shadow server ({@code freerdp-shadow-cli}, Debian {@code freerdp2-shadow-x11}) sharing a
 * private {@link XvfbDesktop} (the {@link TestDesktop} on Xvfb) on loopback. It listens on 127.0.0.1 only,
 * on a port chosen at run time, requires NLA ({@code /sec:nla}) and checks credentials against a SAM file
 * made by {@code winpr-hash} for a generated user, and presents a certificate generated for this run.
 *
 * <p>How FreeRDP 2.11 is configured here (found by experiment): the options are
 * {@code /bind-address:127.0.0.1 /port:<port> /sec:nla /sam-file:<file>}; the shadow server has no
 * certificate option but loads {@code $XDG_CONFIG_HOME/freerdp/shadow/shadow.crt} and {@code shadow.key}
 * (PEM; it generates them only when missing), so the server runs with a private {@code HOME} and
 * {@code XDG_CONFIG_HOME} in its workspace holding the generated pair. {@code +auth} (PAM logon of a
 * system user) stays off: the NTLM check against the SAM file already refuses wrong passwords.
 */
public final class FreeRdpShadowServer implements Peer {

    /** Default desktop size. */
    public static final int DEFAULT_WIDTH = 1024;
    public static final int DEFAULT_HEIGHT = 768;

    private static final String KIND = "freerdp-shadow";
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path workspace;
    private final XvfbDesktop desktop;
    private final PeerProcess shadow;
    private final int port;
    private final String username;
    private final String password;
    private final TlsMaterial.Issued certificate;
    private final Path samFile;

    private FreeRdpShadowServer(Path workspace, XvfbDesktop desktop, PeerProcess shadow, int port, String username,
                                String password, TlsMaterial.Issued certificate, Path samFile) {
        this.workspace = workspace;
        this.desktop = desktop;
        this.shadow = shadow;
        this.port = port;
        this.username = username;
        this.password = password;
        this.certificate = certificate;
        this.samFile = samFile;
    }

    /** Starts a server sharing a {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} desktop. */
    public static FreeRdpShadowServer start() {
        return start(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Starts a server sharing a {@code width}x{@code height} desktop. */
    public static FreeRdpShadowServer start(int width, int height) {
        Path shadowCli = Programs.require("freerdp-shadow-cli", "freerdp2-shadow-x11");
        Path winprHash = Programs.require("winpr-hash", "winpr-utils");
        Path stdbuf = Programs.require("stdbuf", "coreutils");
        Path workspace = Workspace.create(KIND);
        Path home = workspace.resolve("home");
        String username = "porthole" + HexFormat.of().formatHex(bytes(3));
        String password = randomPassword(20);

        TlsMaterial.Issued cert = TlsMaterial.selfSignedServer("porthole-freerdp-shadow", List.of("localhost"),
                List.of(Loopback.HOST));
        Path samFile = workspace.resolve("sam");
        try {
            Path configDir = Files.createDirectories(home.resolve(".config/freerdp/shadow"));
            cert.writePem(configDir.resolve("shadow.crt"), configDir.resolve("shadow.key"));
            // A SAM line: user:domain:LM hash:NT hash:::  (winpr-hash -f sam prints exactly that)
            String sam = HostCommand.run(List.of(winprHash.toString(), "-u", username, "-p", password, "-f", "sam"),
                    Map.of(), null, HostCommand.DEFAULT_TIMEOUT).requireSuccess().stdout();
            if (!sam.startsWith(username + ":")) {
                throw new PeerException("winpr-hash printed no SAM entry for " + username + ": " + sam);
            }
            Files.writeString(samFile, sam, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(samFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new PeerException("cannot prepare shadow server files in " + workspace + ": " + e.getMessage(), e);
        }

        XvfbDesktop desktop = XvfbDesktop.start(workspace, home, width, height);
        try {
            PeerException last = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = Loopback.freePort();
                PeerProcess shadow = PeerProcess.start("freerdp-shadow-cli", List.of(
                        // WLog writes INFO to stdout, block-buffered into a file: line buffering keeps the log current.
                        // stdbuf execs the server, so the process id stays the server's.
                        stdbuf.toString(), "-oL", shadowCli.toString(),
                        "/bind-address:" + Loopback.HOST,
                        "/port:" + port,
                        "/sec:nla",
                        "/sam-file:" + samFile),
                        workspace, workspace.resolve("shadow-" + attempt + ".log"), shadowEnvironment(desktop));
                try {
                    awaitListening(shadow, port);
                    return new FreeRdpShadowServer(workspace, desktop, shadow, port, username, password, cert, samFile);
                } catch (PeerException e) {
                    shadow.close();
                    last = e;
                }
            }
            throw last;
        } catch (RuntimeException e) {
            desktop.close();
            throw e;
        }
    }

    private static Map<String, String> shadowEnvironment(XvfbDesktop desktop) {
        Map<String, String> env = new HashMap<>(desktop.display().environment());
        env.put("WLOG_LEVEL", "INFO"); // connections, activations and NLA verdicts in the log
        return env;
    }

    /**
     * Waits until {@code shadow} itself listens on 127.0.0.1:{@code port}. Ownership is checked through
     * {@code /proc} (socket inodes) rather than by connecting, so another program that grabbed the port
     * meanwhile is never mistaken for the server, and the server logs no aborted connection.
     */
    private static void awaitListening(PeerProcess shadow, int port) {
        long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!shadow.isAlive()) {
                throw new PeerException("freerdp-shadow-cli exited with status " + shadow.exitValue()
                        + " before listening on " + Loopback.HOST + ":" + port + "; log tail:\n" + shadow.logTail(40));
            }
            if (listensOn(shadow.pid(), port)) {
                return;
            }
            Pause.sleep(25);
        }
        throw new PeerException("freerdp-shadow-cli not listening on " + Loopback.HOST + ":" + port + " after "
                + LISTEN_TIMEOUT.toMillis() + " ms; log tail:\n" + shadow.logTail(40));
    }

    /** Whether process {@code pid} holds a socket listening on 127.0.0.1:{@code port} (Linux {@code /proc}). */
    static boolean listensOn(long pid, int port) {
        String local = "0100007F:" + String.format("%04X", port); // /proc/net/tcp: address in host order, port in hex
        Set<String> inodes = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"), StandardCharsets.US_ASCII)) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9 && f[1].equals(local) && f[3].equals("0A")) { // 0A = LISTEN
                    inodes.add(f[9]);
                }
            }
            if (inodes.isEmpty()) {
                return false;
            }
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String randomPassword(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return Loopback.HOST;
    }

    public int port() {
        return port;
    }

    /** The generated NLA user name. */
    public String username() {
        return username;
    }

    /** The generated NLA password. */
    public String password() {
        return password;
    }

    /** The NLA domain: empty (the SAM entry has none). */
    public String domain() {
        return "";
    }

    /** The certificate the server presents in TLS. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** SHA-256 of the DER certificate the server presents, lower-case hex without separators. */
    public String certificateSha256() {
        return certificate.sha256Fingerprint();
    }

    /**
     * A reference client for this server: NLA with the generated credentials, the certificate pinned. Each
     * call returns a new builder, so a test may change it (another password, another pin) freely.
     */
    public ReferenceClient.Builder referenceClient() {
        return ReferenceClient.builder(host(), port)
                .credentials(username, password)
                .domain(domain())
                .certificateSha256(certificateSha256())
                .arguments("/sec:nla");
    }

    /** The X display that is shared, {@code :N}. */
    public String display() {
        return desktop.display().name();
    }

    /** The shared desktop (test pattern, typing window, pointer pad). */
    public XvfbDesktop desktop() {
        return desktop;
    }

    /** The SAM file the server checks NLA credentials against. */
    public Path samFile() {
        return samFile;
    }

    /** This server's private directory (logs, SAM file, HOME of its processes). */
    public Path workspace() {
        return workspace;
    }

    /** Ground truth: captures the shared X display into {@code png} and returns it. */
    public Path captureDisplay(Path png) {
        return desktop.display().capture(png);
    }

    /** Runs {@code command} with {@code DISPLAY} set to the shared display; returns its stdout (times out). */
    public String runOnDisplay(String... command) {
        return desktop.display().run(command);
    }

    /** Where text typed on the shared desktop lands (see {@link TestDesktop}). */
    public Path typedTextFile() {
        return desktop.typedTextFile();
    }

    /** Everything typed on the shared desktop so far. */
    public String readTypedText() {
        return desktop.readTypedText();
    }

    /** The server's log, where it reports connections, activations and authentication failures. */
    public Path serverLog() {
        return shadow.log();
    }

    /** The server's log text so far. */
    public String readServerLog() {
        try {
            return new String(Files.readAllBytes(shadow.log()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot read " + shadow.log() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the shadow server process is still running. */
    public boolean isRunning() {
        return shadow.isAlive();
    }

    /** Every process of this peer: the shadow server, the desktop (script and its X clients) and Xvfb. */
    List<PeerProcess> processes() {
        List<PeerProcess> all = new ArrayList<>();
        all.add(shadow);
        all.addAll(desktop.processes());
        return all;
    }

    @Override
    public String describe() {
        return "freerdp-shadow-cli " + Loopback.HOST + ":" + port + " sharing " + display() + " (workspace " + workspace + ")";
    }

    @Override
    public List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        logs.add(shadow.log());
        logs.addAll(desktop.logFiles());
        return logs;
    }

    /** Stops the shadow server, then the desktop and its Xvfb. Never throws. */
    @Override
    public void close() {
        shadow.close();
        desktop.close();
    }
}
