package dev.porthole.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.example.porthole.echo.EchoPlugin;

import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.PluginEvent;
import dev.porthole.plugin.sandbox.host.PluginHost;
import dev.porthole.plugin.sandbox.launch.RuntimeJars;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.launch.SandboxLauncher;
import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.DevCertificates;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.PackageTool;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;
import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.client.RdpConnection;
import dev.porthole.rdp.netty.client.RdpSession;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.testbed.x11.HostCommand;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Issue #7 end to end with real peers: a server application inside the xrdp session (C, linked against
 * xrdp's libxrdpapi) opens the dynamic virtual channel "ExampleEcho" with
 * {@code WTSVirtualChannelOpenEx(WTS_CURRENT_SESSION, ..., WTS_CHANNEL_OPTION_DYNAMIC)}; xrdp carries it
 * over DRDYNVC to Porthole's RDP client, whose {@link RdpDvcSession} hands it to the {@link PluginHost};
 * the echo example runs in its bubblewrap + seccomp sandbox and writes everything back. The application
 * checks the bytes itself (small, 1 MiB, 1000 writes). Then the plugin's JVM is killed: the host restarts
 * it and the application can open the channel again.
 */
@ExtendWith(XrdpExtension.class)
class PluginOverXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final Path LIBXRDPAPI_DIR = Path.of("/usr/lib/x86_64-linux-gnu/xrdp");

    @TempDir
    Path dir;

    private final List<PluginEvent> events = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void serverApplicationInTheXrdpSessionTalksToTheSandboxedEchoPluginAndReachesItAgainAfterACrash(XrdpServer xrdp)
            throws Exception {
        Path app = compileServerApplication(dir);
        RdpClientConfig config = RdpClientConfig.builder(xrdp.host()).port(xrdp.port())
                .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                .security(RdpClientConfig.Security.AUTO)
                .trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                .desktop(1024, 768)
                .staticChannels(RdpDvcSession.withDrdynvc(List.of()))
                .phaseTimeout(Duration.ofSeconds(30))
                .build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, ConnectionListener.NONE);
             PluginHost host = pluginHost(new RdpDvcSession(session.dynamicChannels()))) {
            session.activated().get(60, TimeUnit.SECONDS);
            String id = installEcho(host);
            host.sessionConnected();
            host.start(id);
            await(e -> e instanceof PluginEvent.Started s && s.incarnation() == 1, Duration.ofSeconds(60), "the echo plugin started");
            await(e -> e instanceof PluginEvent.Log l && l.line().contains("echo: listening on ExampleEcho"), Duration.ofSeconds(20),
                    "the echo plugin listens");
            xrdp.awaitDesktop(Duration.ofSeconds(60));
            long chansrv = awaitChansrv(xrdp, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!session.dynamicChannels().isReady() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(session.dynamicChannels().isReady()).as("xrdp exchanged DRDYNVC capabilities").isTrue();

            HostCommand.Result first = runInSessionNamespace(xrdp, chansrv, app, "ExampleEcho", "small", "large", "many");
            System.out.println("server application:\n" + first.stdout());
            assertThat(first.exitCode()).as("server application output:\n%s\n%s", first.stdout(), first.stderr()).isZero();
            assertThat(first.stdout()).contains("ok small 27 bytes", "ok large 1048576 bytes", "ok many 1000 writes");
            assertThat(events).anyMatch(e -> e instanceof PluginEvent.ChannelOpened o && o.channelName().equals("ExampleEcho"));

            long pid = host.jvmPid(id).orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await(e -> e instanceof PluginEvent.Exited x && x.incarnation() == 1, Duration.ofSeconds(20), "the killed plugin exited");
            await(e -> e instanceof PluginEvent.Started s && s.incarnation() == 2, Duration.ofSeconds(60), "the echo plugin restarted");
            assertThat(host.jvmPid(id)).isPresent().isNotEqualTo(Optional.of(pid));

            HostCommand.Result again = runInSessionNamespace(xrdp, chansrv, app, "ExampleEcho", "small", "large");
            System.out.println("server application after the restart:\n" + again.stdout());
            assertThat(again.exitCode()).as("server application output after the restart:\n%s\n%s", again.stdout(), again.stderr())
                    .isZero();
            assertThat(again.stdout()).contains("ok small 27 bytes", "ok large 1048576 bytes");
            assertThat(events.stream().filter(e -> e instanceof PluginEvent.ChannelOpened).count()).isGreaterThanOrEqualTo(2);
        }
    }

    /** gcc, with the prototypes declared in the source (Debian ships libxrdpapi without a header). */
    static Path compileServerApplication(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("app"));
        Path src = bin.resolve("dvc-echo-check.c");
        try (InputStream in = PluginOverXrdpTest.class.getResourceAsStream("dvc-echo-check.c")) {
            Files.copy(in, src);
        }
        Path exe = bin.resolve("dvc-echo-check");
        HostCommand.Result cc = HostCommand.run(Duration.ofSeconds(60), "gcc", "-O2", "-Wall", "-o", exe.toString(), src.toString(),
                "-L" + LIBXRDPAPI_DIR, "-Wl,-rpath," + LIBXRDPAPI_DIR, "-lxrdpapi");
        assertThat(cc.exitCode()).as("gcc: %s", cc.stderr()).isZero();
        for (Path p : List.of(dir, bin, exe)) { // the session user runs it
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return exe;
    }

    /** The session's chansrv, whose mount namespace (xrdp's private /run/xrdp) holds the xrdpapi socket. */
    static long awaitChansrv(XrdpServer xrdp, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<ProcessHandle> p = ProcessHandle.allProcesses()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/xrdp-chansrv")).orElse(false))
                    .filter(h -> h.info().user().map(u -> u.equals(xrdp.username())).orElse(false))
                    .findFirst();
            if (p.isPresent()) {
                return p.get().pid();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no xrdp-chansrv of " + xrdp.username() + " within " + timeout);
    }

    /** Runs the application as the session user, with the session's DISPLAY, in chansrv's mount namespace. */
    static HostCommand.Result runInSessionNamespace(XrdpServer xrdp, long chansrv, Path app, String... args) {
        int display = xrdp.sessionDisplay().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--mount=/proc/" + chansrv + "/ns/mnt", "--",
                "setpriv", "--reuid=" + xrdp.username(), "--regid=" + xrdp.username(), "--init-groups", "--reset-env", "--",
                "/usr/bin/env", "DISPLAY=:" + display, app.toString()));
        cmd.addAll(List.of(args));
        return HostCommand.run(cmd, java.util.Map.of(), null, Duration.ofSeconds(180));
    }

    private PluginHost pluginHost(RdpDvcSession dvc) {
        Instant now = Instant.now();
        DevCertificates.Identity ca = DevCertificates.ca("Porthole Test Fleet CA", now.minusSeconds(60), Duration.ofDays(1));
        vendor = DevCertificates.vendor("Example Corp Plugins", ca, now.minusSeconds(60), Duration.ofDays(1));
        PluginStore store = new PluginStore(dir.resolve("store"), new PackageVerifier(List.of(ca.certificate()), ChannelPolicy.defaults()));
        this.store = store;
        SandboxConfig sandbox = SandboxConfig.defaults(Path.of(System.getProperty("java.home")), RuntimeJars.locate(), dir.resolve("run"),
                SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));
        return new PluginHost(HostConfig.defaults(), new SandboxLauncher(sandbox), dir.resolve("run"), store, dvc, e -> {
            events.add(e);
            if (!(e instanceof PluginEvent.Log)) {
                System.out.println("event: " + e);
            }
        }, InstantSource.system());
    }

    private DevCertificates.Identity vendor;
    private PluginStore store;

    private String installEcho(PluginHost host) throws IOException {
        return installEcho(dir, store, vendor);
    }

    /** Packs the echo example, signs it as {@code vendor} and installs it into {@code store}; returns its id. */
    static String installEcho(Path dir, PluginStore store, DevCertificates.Identity vendor) throws IOException {
        Path manifest = Path.of(System.getProperty("porthole.repo.root", "..")).resolve("plugin-sandbox/examples/echo-plugin/src/plugin/manifest.json");
        PackageArchive unsigned = PackageTool.pack(manifest, List.of(pluginJar(dir)), List.of(), ChannelPolicy.defaults());
        PackageArchive signed = PackageTool.sign(unsigned, vendor.privateKey(), List.of(vendor.certificate()), ChannelPolicy.defaults());
        Path pkg = dir.resolve("echo.zip");
        signed.write(pkg);
        return store.install(pkg, Instant.now()).id();
    }

    /** The echo example's jar: its Maven artifact, or a jar made from its class directory in a reactor build. */
    static Path pluginJar(Path dir) throws IOException {
        Path where;
        try {
            where = Path.of(EchoPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(where)) {
            return where;
        }
        Path jar = dir.resolve("example-echo-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(where)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(where.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private PluginEvent await(Predicate<PluginEvent> p, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (PluginEvent e : List.copyOf(events)) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no event: " + what + " within " + timeout + "; events: "
                + events.stream().filter(e -> !(e instanceof PluginEvent.Log)).toList());
    }
}
