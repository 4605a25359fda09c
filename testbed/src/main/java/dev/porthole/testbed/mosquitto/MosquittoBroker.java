package dev.porthole.testbed.mosquitto;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.Peer;
import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.Workspace;

/**
 * A private Mosquitto 2 broker (Debian package {@code mosquitto}) for one test class: MQTT 5 (and 3.1.1) over
 * mutual TLS on {@code 127.0.0.1}, on a port chosen at run time, with a test CA made on the spot.
 *
 * <p>Everything lives in its own {@link Workspace} directory; nothing global is read or written:
 * <pre>
 * mosquitto.conf    generated configuration (below)
 * acl               the {@link MosquittoAcl} of the {@link MosquittoOptions}
 * tls/ca.pem, tls/server.pem, tls/server.key
 * data/             persistence (retained messages, sessions), kept across {@link #stop()}/{@link #start()}
 * mosquitto.log     the broker's own log ({@code log_type all})
 * mosquitto.out     the process's stdout/stderr (errors before logging is set up)
 * mosquitto.pid
 * </pre>
 * The one listener has {@code require_certificate true} and {@code use_identity_as_username true}: a client must
 * present a certificate issued by {@link #ca()}, and the certificate's common name is its MQTT username, which the
 * ACL's {@code %u} patterns and {@code user} blocks refer to. Anonymous clients are refused. Under
 * {@link MosquittoAcl#porthole(String) the default ACL} a device (CN = device id) may read and write only
 * {@code porthole/v1/+/<its id>/#} (and its enrollment area {@code porthole/enroll/<its id>/#}); the fleet identity
 * ({@link MosquittoOptions#fleetIdentity()}, default {@code fleet}) may read and write {@code porthole/v1/#} and
 * {@code porthole/enroll/#}.
 *
 * <p>Started as root, the broker drops privileges to the {@code mosquitto} account (the workspace is handed to
 * it), as the packaged service does; without that account it stays root. Started as another user it runs as
 * that user.
 *
 * <p>A start is complete when the new part of the log says the listener opened and the broker runs, and the
 * port accepts a TCP connection; that bare probe shows up in the log as {@code Client connection from 127.0.0.1
 * failed: ... unexpected eof while reading}, which is harmless.
 *
 * <p>{@link #stop()} then {@link #start()} restarts it on the same port with the same CA and persistence, so
 * tests can check that devices reconnect and retained messages survive. {@link #close()} stops it for good.
 * Use it through {@link MosquittoExtension}, or directly with {@link #launch(MosquittoOptions)} in a
 * try-with-resources block (for example for a second broker).
 */
public final class MosquittoBroker implements Peer {

    private static final String KIND = "mosquitto";
    private static final String CONFIG = "mosquitto.conf";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Path program;
    private final MosquittoOptions options;
    private final Path workspace;
    private final int port;
    private final TlsMaterial.Authority ca;
    private final Thread shutdownHook;
    private final Map<String, TlsMaterial.Issued> clientCertificates = new ConcurrentHashMap<>();
    private PeerProcess process;
    private boolean closed;

    private MosquittoBroker(Path program, MosquittoOptions options, Path workspace, int port, TlsMaterial.Authority ca) {
        this.program = program;
        this.options = options;
        this.workspace = workspace;
        this.port = port;
        this.ca = ca;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::close);
    }

    /** Starts a broker with {@link MosquittoOptions#defaults()}. */
    public static MosquittoBroker launch() {
        return launch(MosquittoOptions.defaults());
    }

    /**
     * Writes a workspace (CA, server certificate for {@code 127.0.0.1}/{@code localhost}, ACL, configuration)
     * and starts the broker; returns once it accepts connections.
     *
     * @throws PeerException when {@code mosquitto} is not installed (naming the package) or does not start in time
     */
    public static MosquittoBroker launch(MosquittoOptions options) {
        Objects.requireNonNull(options, "options");
        Path program = Programs.require("mosquitto", "mosquitto");
        Path ws = Workspace.create(KIND, MosquittoBroker::stopLeftover);
        if (ws.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new PeerException("mosquitto.conf cannot hold paths with white space; set java.io.tmpdir to a"
                    + " directory without any (workspace would be " + ws + ")");
        }
        int port = Loopback.freePort();
        TlsMaterial.Authority ca = TlsMaterial.newAuthority("Porthole testbed MQTT CA " + port);
        TlsMaterial.Issued server = ca.issueServer("localhost", List.of("localhost"), List.of(Loopback.HOST));
        try {
            Files.createDirectories(ws.resolve("tls"));
            Files.createDirectories(ws.resolve("data"));
            ca.writeCertificatePem(ws.resolve("tls/ca.pem"));
            server.writePem(ws.resolve("tls/server.pem"), ws.resolve("tls/server.key"));
            Files.writeString(ws.resolve("acl"), options.acl().render(), StandardCharsets.UTF_8);
            Optional<String> runAs = handOver(ws);
            Files.writeString(ws.resolve(CONFIG), config(ws, port, options, runAs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot write the mosquitto workspace " + ws + ": " + e.getMessage(), e);
        }
        MosquittoBroker broker = new MosquittoBroker(program, options, ws, port, ca);
        try {
            Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            broker.start();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The generated configuration. */
    private static String config(Path ws, int port, MosquittoOptions options, Optional<String> runAs) {
        StringBuilder c = new StringBuilder();
        c.append("# generated by dev.porthole.testbed.mosquitto.MosquittoBroker: private test broker, loopback only\n");
        runAs.ifPresent(u -> c.append("user ").append(u).append('\n'));
        c.append("pid_file ").append(ws.resolve("mosquitto.pid")).append('\n')
                .append("persistence true\n")
                .append("persistence_location ").append(ws.resolve("data")).append("/\n")
                .append("log_dest file ").append(ws.resolve("mosquitto.log")).append('\n')
                .append("log_type all\n")
                .append("log_timestamp true\n")
                .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n")
                .append("connection_messages true\n")
                .append("per_listener_settings false\n")
                .append("allow_anonymous false\n")
                .append("acl_file ").append(ws.resolve("acl")).append('\n');
        options.extraConfig().forEach(l -> c.append(l).append('\n'));
        c.append("\n# mutual TLS: a certificate from the test CA is required; its CN is the MQTT username\n")
                .append("listener ").append(port).append(' ').append(Loopback.HOST).append('\n')
                .append("socket_domain ipv4\n")
                .append("protocol mqtt\n")
                .append("cafile ").append(ws.resolve("tls/ca.pem")).append('\n')
                .append("certfile ").append(ws.resolve("tls/server.pem")).append('\n')
                .append("keyfile ").append(ws.resolve("tls/server.key")).append('\n')
                .append("require_certificate true\n")
                .append("use_identity_as_username true\n");
        return c.toString();
    }

    /**
     * When running as root, hands the workspace to the {@code mosquitto} account and returns the {@code user}
     * line's value; returns empty when not root (the {@code user} option has no effect then).
     */
    private static Optional<String> handOver(Path ws) throws IOException {
        Object uid = Files.getAttribute(ws, "unix:uid");
        if (!(uid instanceof Integer i) || i != 0) {
            return Optional.empty();
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(KIND);
            group = lookup.lookupPrincipalByGroupName(KIND);
        } catch (UserPrincipalNotFoundException e) {
            return Optional.of("root");
        }
        try (Stream<Path> all = Files.walk(ws)) {
            for (Path p : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
        return Optional.of(KIND);
    }

    /**
     * Starts the broker (again) on the same port with the same configuration, CA and persistence, and waits
     * until it listens. Does nothing when it is running.
     *
     * @throws PeerException when it exits early (for example because the port was taken meanwhile) or does not
     *                       listen within {@link MosquittoOptions#startTimeout()}
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
        if (process != null && process.isAlive()) {
            return;
        }
        process = null;
        long logOffset = size(logFile());
        PeerProcess p = PeerProcess.start(KIND + " " + Loopback.HOST + ":" + port,
                List.of(program.toString(), "-c", workspace.resolve(CONFIG).toString()), workspace,
                workspace.resolve("mosquitto.out"), Map.of());
        process = p;
        try {
            awaitReady(p, logOffset);
        } catch (RuntimeException e) {
            process = null;
            p.close();
            throw e;
        }
    }

    /** Waits for "Opening ipv4 listen socket on port N", "running" in the new part of the log, and an accepting port. */
    private void awaitReady(PeerProcess p, long logOffset) {
        Duration timeout = options.startTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        String listening = "Opening ipv4 listen socket on port " + port + ".";
        while (true) {
            if (!p.isAlive()) {
                throw new PeerException(describe() + " exited with status " + p.exitValue() + " while starting"
                        + logTails());
            }
            String fresh = readFrom(logFile(), logOffset);
            if (fresh.contains(listening) && fresh.contains(" running") && Loopback.accepts(port)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PeerException(describe() + " not ready within " + timeout.toMillis() + " ms" + logTails());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted while starting " + describe(), e);
            }
        }
    }

    /**
     * Stops the broker (SIGTERM; Mosquitto saves its persistence on the way out) and waits for it to exit.
     * Does nothing when it is not running.
     *
     * @throws PeerException when it did not exit cleanly (persistence may then be incomplete)
     */
    public synchronized void stop() {
        PeerProcess p = process;
        process = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.close(); // TERM, grace period, then KILL
        int status = p.waitFor(STOP_GRACE);
        if (status != 0) {
            throw new PeerException(describe() + " did not stop cleanly (exit status " + status
                    + "); its persistence may be incomplete" + logTails());
        }
    }

    /** {@link #stop()} then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    /** Whether the broker process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker for good. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        PeerProcess p = process;
        process = null;
        if (p != null) {
            p.close();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // the JVM is shutting down already, or the hook was never added
            }
        }
    }

    /** Always {@value Loopback#HOST}. */
    public String host() {
        return Loopback.HOST;
    }

    /** The mutual-TLS MQTT port (the same across {@link #stop()}/{@link #start()}). */
    public int mtlsPort() {
        return port;
    }

    /** The server URI for Paho and similar clients: {@code ssl://127.0.0.1:<port>}. */
    public String uri() {
        return "ssl://" + host() + ":" + port;
    }

    /** The test CA: it issued the broker's certificate and is the only CA the broker accepts client certificates from. */
    public TlsMaterial.Authority ca() {
        return ca;
    }

    /** The certificate CN of the fleet side under the configured ACL. */
    public String fleetIdentity() {
        return options.fleetIdentity();
    }

    public MosquittoOptions options() {
        return options;
    }

    /** A client certificate from {@link #ca()} with the given CN (the MQTT username the ACL sees). */
    public TlsMaterial.Issued issueClient(String commonName) {
        return ca.issueClient(commonName);
    }

    /**
     * The client certificate of this broker for {@code commonName}, issued on first use and reused afterwards
     * (RSA key generation dominates the cost of a test connection). Use {@link #issueClient} for a fresh one.
     */
    public TlsMaterial.Issued clientCertificate(String commonName) {
        return clientCertificates.computeIfAbsent(commonName, this::issueClient);
    }

    /** A TLS context that trusts only {@link #ca()} and presents {@code client}'s certificate. */
    public SSLContext sslContext(TlsMaterial.Issued client) {
        return context(Objects.requireNonNull(client, "client"));
    }

    /** A socket factory (for Paho's {@code setSocketFactory}) that trusts only {@link #ca()} and presents {@code client}. */
    public SSLSocketFactory socketFactory(TlsMaterial.Issued client) {
        return sslContext(client).getSocketFactory();
    }

    /** A socket factory that trusts only {@link #ca()} and presents no client certificate (the broker refuses it). */
    public SSLSocketFactory socketFactoryWithoutClientCertificate() {
        return context(null).getSocketFactory();
    }

    private SSLContext context(TlsMaterial.Issued client) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ca.trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(client == null ? new KeyManager[0] : new KeyManager[] {new FixedKeyManager(client)},
                    tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new PeerException("cannot build a TLS context for " + describe(), e);
        }
    }

    /**
     * Presents one key and chain, whatever the server asks for (the broker then judges it). Avoids a
     * password-protected PKCS#12 round trip, whose key derivation costs more than the handshake.
     */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final TlsMaterial.Issued key;

        FixedKeyManager(TlsMaterial.Issued key) {
            this.key = key;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? key.chain().toArray(X509Certificate[]::new) : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key.privateKey() : null;
        }
    }

    /** The private directory of this broker. */
    public Path workspace() {
        return workspace;
    }

    /** The generated {@code mosquitto.conf}. */
    public Path configFile() {
        return workspace.resolve(CONFIG);
    }

    /** The generated ACL file. */
    public Path aclFile() {
        return workspace.resolve("acl");
    }

    /** The broker's own log. */
    public Path logFile() {
        return workspace.resolve("mosquitto.log");
    }

    @Override
    public String describe() {
        return "mosquitto mTLS " + Loopback.HOST + ":" + port + " (" + workspace + ")";
    }

    /** The broker's log and the process output. */
    @Override
    public List<Path> logFiles() {
        return List.of(logFile(), workspace.resolve("mosquitto.out"));
    }

    private String logTails() {
        StringBuilder sb = new StringBuilder();
        for (Path log : logFiles()) {
            sb.append("\n----- ").append(log).append(" -----\n").append(tail(log, 40));
        }
        return sb.toString();
    }

    private static String tail(Path file, int lines) {
        String all = readFrom(file, 0);
        List<String> l = all.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - lines), l.size()));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Stops a broker that a killed JVM left running in its stale workspace {@code dir} before the workspace is
     * removed (only a process whose command line names that workspace's configuration).
     */
    private static void stopLeftover(Path dir) {
        try {
            Path pidFile = dir.resolve("mosquitto.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            String conf = dir.resolve(CONFIG).toString();
            ProcessHandle.of(pid)
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains(conf)).orElse(false))
                    .ifPresent(h -> {
                        h.destroy();
                        try {
                            h.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
        } catch (IOException | NumberFormatException e) {
            // nothing to stop
        }
    }
}
