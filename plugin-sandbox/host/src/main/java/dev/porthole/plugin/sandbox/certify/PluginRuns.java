package dev.porthole.plugin.sandbox.certify;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.bootstrap.VendorClassLoader;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.InProcessPlugin;
import dev.porthole.plugin.sandbox.host.LoopbackSession;
import dev.porthole.plugin.sandbox.host.PluginEvent;
import dev.porthole.plugin.sandbox.host.PluginHost;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.launch.SandboxLauncher;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import dev.porthole.plugin.sandbox.pkg.VerifiedPackage;

/**
 * Runs a verified package for measurement: in its sandbox (a private store, host and in-memory
 * session under a work directory) or in this JVM (the baseline). Both expose the same server side.
 */
public final class PluginRuns {

    private PluginRuns() {}

    /** A running plugin with a server side to open channels on. */
    public interface Run extends AutoCloseable {
        LoopbackSession session();

        /** Events seen so far (empty for in-process runs except violations). */
        List<PluginEvent> events();

        /** Opens a channel, waiting up to 20 s for the plugin's listener. */
        default LoopbackSession.ServerEnd open(String channel) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    return session().open(channel, Duration.ofSeconds(10));
                } catch (SandboxException e) {
                    if (System.nanoTime() > end) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
        }

        @Override
        void close() throws InterruptedException;
    }

    /** A sandboxed run, with its host (for status and pids) and start-up time. */
    public static final class Sandboxed implements Run {
        private final LoopbackSession session = new LoopbackSession();
        private final List<PluginEvent> events = new CopyOnWriteArrayList<>();
        private final PluginHost host;
        private final String id;
        private final PluginEvent.Started started;

        Sandboxed(VerifiedPackage vp, PackageVerifier verifier, SandboxConfig sandbox, HostConfig config, Path work, InstantSource clock)
                throws InterruptedException {
            Path pkg = work.resolve("package.zip");
            vp.archive().write(pkg);
            PluginStore store = new PluginStore(work.resolve("store"), verifier);
            id = store.install(pkg, clock.instant()).id();
            host = new PluginHost(config, new SandboxLauncher(sandbox), work.resolve("run"), store, session, events::add, clock);
            host.sessionConnected();
            host.start(id);
            PluginEvent.Started s = null;
            long end = System.nanoTime() + config.connectTimeout().plus(config.initializeTimeout()).toNanos();
            while (s == null && System.nanoTime() < end) {
                for (PluginEvent e : events) {
                    if (e instanceof PluginEvent.Started st) {
                        s = st;
                    }
                    if (e instanceof PluginEvent.Disabled d) {
                        throw new SandboxException(SandboxException.Kind.STATE, "plugin " + id + " could not start: " + d.reason());
                    }
                }
                Thread.sleep(10);
            }
            if (s == null) {
                host.close();
                throw new SandboxException(SandboxException.Kind.STATE, "plugin " + id + " did not start; events: " + events);
            }
            started = s;
        }

        public PluginHost host() {
            return host;
        }

        public String id() {
            return id;
        }

        public PluginEvent.Started started() {
            return started;
        }

        @Override
        public LoopbackSession session() {
            return session;
        }

        @Override
        public List<PluginEvent> events() {
            return events;
        }

        @Override
        public void close() {
            host.close();
        }
    }

    /** Starts the package in its sandbox. */
    public static Sandboxed sandboxed(VerifiedPackage vp, PackageVerifier verifier, SandboxConfig sandbox, HostConfig config, Path work,
                                      InstantSource clock) throws InterruptedException {
        return new Sandboxed(vp, verifier, sandbox, config, work, clock);
    }

    /** Loads the package's jars into this JVM (SDK-only parent loader) and starts the plugin in-process. */
    public static Run inProcess(VerifiedPackage vp, HostConfig config, Path work) throws InterruptedException {
        List<URL> jars = new ArrayList<>();
        try {
            Path lib = Files.createDirectories(work.resolve("inprocess-lib"));
            for (Map.Entry<String, byte[]> f : vp.archive().files().entrySet()) {
                if (f.getKey().startsWith("lib/") && f.getKey().endsWith(".jar")) {
                    Path jar = lib.resolve(f.getKey().substring(4).replace('/', '_'));
                    Files.write(jar, f.getValue());
                    jars.add(jar.toUri().toURL());
                }
            }
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot unpack the plugin jars: " + e.getMessage(), e);
        }
        Plugin plugin;
        try {
            VendorClassLoader loader = new VendorClassLoader(jars.toArray(URL[]::new), Plugin.class.getClassLoader());
            plugin = (Plugin) Class.forName(vp.manifest().entryClass(), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SandboxException(SandboxException.Kind.STATE, "cannot load " + vp.manifest().entryClass() + ": " + e, e);
        }
        LoopbackSession session = new LoopbackSession();
        List<PluginEvent> events = new CopyOnWriteArrayList<>();
        InProcessPlugin p = new InProcessPlugin(plugin, vp.manifest(), config, session, events::add);
        p.sessionConnected();
        return new Run() {
            @Override
            public LoopbackSession session() {
                return session;
            }

            @Override
            public List<PluginEvent> events() {
                return events;
            }

            @Override
            public void close() throws InterruptedException {
                p.close();
            }
        };
    }
}
