package dev.porthole.plugin.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

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

/**
 * A real plugin host for tests: a throwaway CA and vendor certificate, a plugin store in a temporary
 * directory, bubblewrap + seccomp sandboxes on this machine's JDK, and an in-memory session. Nothing
 * of the sandbox is mocked.
 */
final class SandboxFixture implements AutoCloseable {

    final Path dir;
    final DevCertificates.Identity ca;
    final DevCertificates.Identity vendor;
    final PluginStore store;
    final LoopbackSession session = new LoopbackSession();
    final List<PluginEvent> events = new CopyOnWriteArrayList<>();
    final SandboxLauncher launcher;
    final PluginHost host;

    SandboxFixture(Path dir, HostConfig config) {
        this.dir = dir;
        Instant now = Instant.now();
        ca = DevCertificates.ca("Porthole Test Fleet CA", now.minusSeconds(60), Duration.ofDays(1));
        vendor = DevCertificates.vendor("Example Corp Plugins", ca, now.minusSeconds(60), Duration.ofDays(1));
        store = new PluginStore(dir.resolve("store"), new PackageVerifier(List.of(ca.certificate()), ChannelPolicy.defaults()));
        launcher = new SandboxLauncher(sandboxConfig(dir.resolve("run")));
        host = new PluginHost(config, launcher, dir.resolve("run"), store, session, e -> {
            events.add(e);
            if (!(e instanceof PluginEvent.Log)) {
                System.out.println("event: " + e);
            }
        }, InstantSource.system());
    }

    static SandboxConfig sandboxConfig(Path runDir) {
        return SandboxConfig.defaults(Path.of(System.getProperty("java.home")), RuntimeJars.locate(), runDir,
                SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));
    }

    /** The repository root (the surefire configuration passes it). */
    static Path repo() {
        return Path.of(System.getProperty("porthole.repo.root", "../.."));
    }

    /** The jar a class was loaded from (the example plugins come from their Maven artifacts). */
    static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The jar of an example plugin: its Maven artifact, or — when the reactor resolves it to a class
     * directory ({@code -am} builds before {@code package}) — a jar made from that directory.
     */
    Path pluginJar(Class<?> c) throws IOException {
        Path where = jarOf(c);
        if (!Files.isDirectory(where)) {
            return where;
        }
        Path jar = dir.resolve(c.getSimpleName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(where)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(where.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A jar holding the given classes (and their nested classes), from the test class path. */
    Path jarWith(String name, Class<?>... classes) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : classes) {
                Path root = jarOf(c);
                String prefix = c.getName().replace('.', '/');
                Path pkgDir = root.resolve(prefix).getParent();
                try (var files = Files.list(pkgDir)) {
                    for (Path f : files.toList()) {
                        String fn = f.getFileName().toString();
                        String simple = prefix.substring(prefix.lastIndexOf('/') + 1);
                        if (fn.equals(simple + ".class") || fn.startsWith(simple + "$")) {
                            out.putNextEntry(new JarEntry(root.relativize(f).toString()));
                            out.write(Files.readAllBytes(f));
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        return jar;
    }

    /** Signs and writes a package of a manifest (text) and jars and extra files. */
    Path signedPackage(String name, String manifestJson, List<Path> jars, List<Path> extra) throws IOException {
        Path m = dir.resolve(name + ".manifest.json");
        Files.writeString(m, manifestJson);
        PackageArchive unsigned = PackageTool.pack(m, jars, extra, ChannelPolicy.defaults());
        PackageArchive signed = PackageTool.sign(unsigned, vendor.privateKey(), List.of(vendor.certificate()), ChannelPolicy.defaults());
        Path out = dir.resolve(name + ".zip");
        signed.write(out);
        return out;
    }

    /** Installs the echo example from its Maven artifact and the manifest in the repository. */
    String installEcho() throws IOException {
        String manifest = Files.readString(repo().resolve("plugin-sandbox/examples/echo-plugin/src/plugin/manifest.json"));
        Path pkg = signedPackage("echo", manifest, List.of(pluginJar(com.example.porthole.echo.EchoPlugin.class)), List.of());
        return store.install(pkg, Instant.now()).id();
    }

    /** Waits for an event matching {@code p} that arrived after index {@code from}. */
    PluginEvent await(Predicate<PluginEvent> p, Duration timeout, String what) throws InterruptedException {
        return await(0, p, timeout, what);
    }

    PluginEvent await(int from, Predicate<PluginEvent> p, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<PluginEvent> snapshot = new ArrayList<>(events);
            for (int i = from; i < snapshot.size(); i++) {
                if (p.test(snapshot.get(i))) {
                    return snapshot.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no event: " + what + " within " + timeout + "; events: "
                + events.stream().filter(e -> !(e instanceof PluginEvent.Log)).toList());
    }

    PluginEvent.Started awaitStarted(String id, int incarnation) throws InterruptedException {
        return (PluginEvent.Started) await(e -> e instanceof PluginEvent.Started s && s.pluginId().equals(id)
                && s.incarnation() == incarnation, Duration.ofSeconds(30), id + " started (incarnation " + incarnation + ")");
    }

    /** Opens a channel, retrying while the plugin is still creating its listener. */
    LoopbackSession.ServerEnd open(String channel) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return session.open(channel, Duration.ofSeconds(10));
            } catch (dev.porthole.plugin.sandbox.SandboxException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static void assertEcho(LoopbackSession.ServerEnd end, byte[] message) throws InterruptedException {
        end.write(message);
        byte[] back = end.read(Duration.ofSeconds(20));
        assertThat(back).as("echo of %d bytes", message.length).isNotNull();
        assertThat(back).isEqualTo(message);
    }

    @Override
    public void close() {
        host.close();
    }
}
