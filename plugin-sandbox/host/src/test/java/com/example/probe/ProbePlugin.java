package com.example.probe;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.porthole.plugin.api.Channel;
import dev.porthole.plugin.api.ChannelCallback;
import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.api.PluginException;

/**
 * A deliberately misbehaving plugin for the sandbox tests: each text command on the {@code Probe}
 * channel tries something a plugin must not be able to do (or breaks the IPC rules through
 * reflection, as hostile code could) and answers with what happened.
 */
public final class ProbePlugin implements Plugin {

    private ChannelManager manager;
    private final List<byte[]> hoard = new ArrayList<>();

    @Override
    public void initialize(ChannelManager manager) {
        this.manager = manager;
        manager.createListener("Probe", this::onChannel);
    }

    private ChannelCallback onChannel(Channel channel) {
        return message -> {
            String cmd = new String(message, StandardCharsets.UTF_8);
            String reply;
            try {
                reply = run(cmd, channel);
            } catch (Throwable t) {
                reply = "threw " + t;
            }
            if (reply != null) {
                channel.write((cmd + " => " + reply).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private String run(String cmd, Channel channel) throws Exception {
        String[] a = cmd.split(" ", 3);
        switch (a[0]) {
            case "exec": {
                try {
                    Process p = new ProcessBuilder("/bin/true").start();
                    return "ran, exit " + p.waitFor();
                } catch (IOException e) {
                    return "refused: " + e.getMessage().lines().findFirst().orElse("");
                }
            }
            case "inet": {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a[1], Integer.parseInt(a[2])), 2000);
                    return "connected?!";
                } catch (IOException e) {
                    return "refused: " + e;
                }
            }
            case "read":
                try {
                    return "read " + Files.readAllBytes(Path.of(a[1])).length + " bytes";
                } catch (IOException e) {
                    return "refused: " + e;
                }
            case "write":
                try {
                    Files.writeString(Path.of(a[1]), "written by the probe");
                    return "wrote";
                } catch (IOException e) {
                    return "refused: " + e;
                }
            case "ls":
                try (Stream<Path> s = Files.list(Path.of(a[1]))) {
                    return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList()).toString();
                }
            case "status":
                try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
                    return String.join("; ", lines.filter(l -> l.matches("(Uid|Gid|CapEff|CapBnd|NoNewPrivs|Seccomp|Seccomp_filters):.*"))
                            .map(l -> l.replaceAll("\\s+", " ")).toList());
                }
            case "limits":
                try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
                    return String.join("; ", lines.filter(l -> l.matches("Max (address space|open files|core file size).*"))
                            .map(l -> l.replaceAll("\\s+", " ")).toList());
                }
            case "env":
                return new TreeSet<>(System.getenv().keySet()).toString();
            case "undeclared":
                try {
                    manager.createListener("Undeclared", c -> null);
                    return "listening?!";
                } catch (PluginException e) {
                    return e.reason() + ": " + e.getMessage();
                }
            case "alloc":
                channel.write("alloc => starting".getBytes(StandardCharsets.UTF_8));
                while (true) {
                    hoard.add(new byte[1 << 20]);
                }
            case "block":
                Thread.sleep(Long.parseLong(a[1]));
                return "unblocked";
            case "exit":
                System.exit(Integer.parseInt(a[1]));
                return null;
            case "raw-listen":
                raw(messageClass("CreateListener"), new Class<?>[] {String.class}, "Undeclared");
                return "sent";
            case "raw-flood":
                for (int i = 0; i < 100_000; i++) {
                    raw(messageClass("Log"), new Class<?>[] {int.class, String.class}, 2, "flood " + i);
                }
                return "flooded";
            case "raw-overrun":
                for (int i = 0; i < 64; i++) {
                    raw(messageClass("Data"), new Class<?>[] {long.class, byte[].class}, channel.id(), new byte[64 * 1024]);
                }
                return "overran";
            case "echo":
                return a.length > 1 ? a[1] : "";
            default:
                return "unknown command";
        }
    }

    /** The SDK object is the host's runtime: reach its transport and IPC classes by reflection, as hostile code could. */
    private Class<?> messageClass(String simple) throws ClassNotFoundException {
        return Class.forName("dev.porthole.plugin.sandbox.ipc.IpcMessage$" + simple, true, manager.getClass().getClassLoader());
    }

    private void raw(Class<?> type, Class<?>[] params, Object... args) throws Exception {
        Object msg = type.getDeclaredConstructor(params).newInstance(args);
        Field f = manager.getClass().getDeclaredField("transport");
        f.setAccessible(true);
        Object transport = f.get(manager);
        ClassLoader host = manager.getClass().getClassLoader();
        Class.forName("dev.porthole.plugin.sandbox.runtime.PluginRuntime$Transport", true, host)
                .getMethod("send", Class.forName("dev.porthole.plugin.sandbox.ipc.IpcMessage", true, host))
                .invoke(transport, msg);
    }
}
