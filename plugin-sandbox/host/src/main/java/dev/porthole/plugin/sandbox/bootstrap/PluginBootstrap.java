package dev.porthole.plugin.sandbox.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.sandbox.ipc.FrameReader;
import dev.porthole.plugin.sandbox.ipc.FrameSender;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;
import dev.porthole.plugin.sandbox.runtime.PluginRuntime;

/**
 * The trusted main class of a plugin JVM, running inside the sandbox: connects to the host's socket
 * and says HELLO with its one-time token, installs the inner seccomp filters (TSYNC), and only then
 * loads the vendor's jars through a class loader that sees nothing but the JDK and the SDK, creates the
 * plugin and hands control to the {@link PluginRuntime}. Exits when the host says TERMINATE or goes away.
 *
 * <p>Arguments (all given by the host's launcher):
 * {@code --socket PATH --token HEX --lib DIR [--network] [--vendor-filter BPF] --entry CLASS}.
 * Exit codes: 0 normal, 2 bad arguments, 3 sandbox setup failed, 4 plugin could not be loaded,
 * 5 connection lost.
 */
public final class PluginBootstrap {

    private PluginBootstrap() {}

    /** The bootstrap's entry point. */
    public static void main(String[] args) {
        Map<String, String> opts = parse(args);
        if (opts == null || !opts.keySet().containsAll(List.of("--socket", "--token", "--lib", "--entry"))) {
            System.err.println("porthole plugin bootstrap: usage: --socket PATH --token HEX --lib DIR [--network] "
                    + "[--vendor-filter BPF] --entry CLASS");
            System.exit(2);
            return;
        }
        SocketChannel socket;
        FrameSender sender;
        InputStream in;
        try {
            socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(UnixDomainSocketAddress.of(opts.get("--socket")));
            in = Channels.newInputStream(socket);
            OutputStream out = Channels.newOutputStream(socket);
            sender = new FrameSender(out, "porthole-ipc-writer", e -> {
                System.err.println("porthole plugin bootstrap: host connection lost: " + e.getMessage());
                System.exit(5);
            });
            sender.send(new IpcMessage.Hello(IpcMessage.VERSION, HexFormat.of().parseHex(opts.get("--token"))));
        } catch (IOException | RuntimeException e) {
            System.err.println("porthole plugin bootstrap: cannot reach the host: " + e);
            System.exit(5);
            return;
        }

        // Inner seccomp layers, before any vendor class exists.
        try {
            InnerFilter.Installed inner = InnerFilter.installPlatform(opts.containsKey("--network"),
                    (nr, name) -> sender.send(new IpcMessage.Denied(nr, name)));
            sender.send(new IpcMessage.Log(2, "bootstrap: " + inner.detail()));
            if (opts.containsKey("--vendor-filter")) {
                InnerFilter.installBpf(Path.of(opts.get("--vendor-filter")));
                sender.send(new IpcMessage.Log(2, "bootstrap: vendor seccomp profile stacked (TSYNC)"));
            }
        } catch (RuntimeException | LinkageError e) {
            sender.send(new IpcMessage.Log(4, "bootstrap: sandbox setup failed, not loading the plugin: " + e));
            exit(sender, 3);
            return;
        }

        Plugin plugin;
        try {
            plugin = loadPlugin(Path.of(opts.get("--lib")), opts.get("--entry"));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError | IOException e) {
            sender.send(new IpcMessage.Log(4, "bootstrap: cannot load plugin class " + opts.get("--entry") + ": " + e));
            exit(sender, 4);
            return;
        }

        PluginRuntime runtime = new PluginRuntime(plugin, sender::send);
        FrameReader reader = new FrameReader(in, 64 * 1024 * 1024);
        try {
            IpcMessage m;
            while ((m = reader.read()) != null) {
                runtime.onMessage(m);
                if (m instanceof IpcMessage.Terminate) {
                    runtime.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                    exit(sender, 0);
                    return;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("porthole plugin bootstrap: host connection lost: " + e.getMessage());
            System.exit(5);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(5);
    }

    /** Flushes what is queued for the host (briefly), then exits. */
    private static void exit(FrameSender sender, int code) {
        sender.close();
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code);
    }

    private static Plugin loadPlugin(Path lib, String entry) throws ReflectiveOperationException, IOException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().endsWith(".jar")) {
                    jars.add(p.toUri().toURL());
                }
            }
        }
        VendorClassLoader loader = new VendorClassLoader(jars.toArray(URL[]::new), PluginBootstrap.class.getClassLoader());
        Class<?> c = Class.forName(entry, true, loader);
        if (!Plugin.class.isAssignableFrom(c)) {
            throw new ClassCastException(entry + " does not implement " + Plugin.class.getName());
        }
        Thread.currentThread().setContextClassLoader(loader);
        return (Plugin) c.getDeclaredConstructor().newInstance();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--network")) {
                m.put(a, "");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                m.put(a, args[++i]);
            } else {
                return null;
            }
        }
        return m;
    }
}
