package dev.porthole.plugin.sandbox.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.Capability;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;
import dev.porthole.plugin.sandbox.seccomp.SeccompFilter;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/**
 * Starts one plugin JVM under bubblewrap:
 * <ul>
 *   <li>new user, pid, ipc, uts, cgroup, mount and network namespaces ({@code --unshare-all}); the network
 *       namespace is shared only when the manifest grants the network capability; uid/gid 65534; no
 *       capabilities; no further user namespaces; {@code --die-with-parent}; {@code --new-session};</li>
 *   <li>a cleared environment; {@code /usr/lib} (libraries), the JDK, the trusted bootstrap classpath and
 *       the plugin's package read-only; a tmpfs {@code /tmp}; {@code /proc} of its own pid namespace; a
 *       minimal {@code /dev}; one writable directory ({@code /state}); the IPC directory holding the host's
 *       socket; device nodes only for granted audio/USB capabilities;</li>
 *   <li>the outer seccomp allow-list ({@link SeccompProfile#defaultPluginProfile()}), compiled with libseccomp and handed to bubblewrap as BPF on
 *       fd 9 by a two-line shell wrapper, which also sets the rlimits and, with cgroup v2, joins the
 *       plugin's cgroup before anything starts;</li>
 *   <li>a JVM sized by the manifest's memory limit that exits on {@code OutOfMemoryError}.</li>
 * </ul>
 */
public final class SandboxLauncher {

    /** Where things appear inside the sandbox. */
    public static final String IPC_DIR = "/run/porthole";
    public static final String SOCKET = IPC_DIR + "/host.sock";
    public static final String PLUGIN_DIR = "/plugin";
    public static final String STATE_DIR = "/state";
    public static final String BOOTSTRAP = "dev.porthole.plugin.sandbox.bootstrap.PluginBootstrap";
    public static final int SANDBOX_UID = 65534;

    private final SandboxConfig config;
    private final ResourceControl resources;

    public SandboxLauncher(SandboxConfig config) {
        this.config = config;
        this.resources = ResourceControl.detect(config.cgroupBase());
    }

    /** How resources are limited on this host. */
    public ResourceControl resources() {
        return resources;
    }

    /**
     * What to start.
     *
     * @param ipcDir         the plugin's host-private directory with {@code host.sock} already bound in it
     * @param vendorProfile  the vendor's extra profile, or {@code null}
     */
    public record Request(PluginManifest manifest, Path packageDir, Path stateDir, SeccompProfile vendorProfile, Path ipcDir,
                          byte[] token, String incarnation) {}

    /** A started sandbox and what was applied. */
    public record Launched(Process process, List<String> command, String isolation) {}

    /**
     * The outer profile for a manifest: the platform default. It allows AF_INET/AF_INET6 sockets for
     * every plugin — without the network capability the plugin's network namespace is empty, and the
     * inner filter denies (and reports) such sockets — so the grant changes the namespace, not this list.
     */
    public static SeccompProfile outerProfile(PluginManifest manifest) {
        return SeccompProfile.defaultPluginProfile();
    }

    /**
     * Writes the filters into the IPC directory and starts the sandbox.
     *
     * @throws SandboxException SANDBOX when a program or library is missing or a filter cannot be built
     */
    public Launched launch(Request r) {
        Built b = build(r);
        ProcessBuilder pb = new ProcessBuilder(b.command()).redirectErrorStream(true);
        pb.environment().clear();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "cannot start the sandbox of " + r.manifest().id() + ": " + e.getMessage(), e);
        }
        return new Launched(p, b.command(), b.isolation());
    }

    /** A command line and the description of what it applies. */
    public record Built(List<String> command, String isolation) {}

    /**
     * Writes the filters into the IPC directory and builds the command line without starting it
     * (what {@link #launch} runs).
     */
    public Built build(Request r) {
        PluginManifest m = r.manifest();
        requireExecutable(config.bwrap(), "bubblewrap (Debian package bubblewrap)");
        requireExecutable(config.shell(), "a POSIX shell");
        requireExecutable(config.javaHome().resolve("bin/java"), "java in " + config.javaHome());
        SeccompProfile.Platform platform = new SeccompProfile.Platform(config.arch(), config.kernelRelease());
        Path outerBpf = r.ipcDir().resolve("outer.bpf");
        try (SeccompFilter outer = SeccompFilter.compile(outerProfile(m), platform, false)) {
            outer.exportBpf(outerBpf);
        }
        boolean vendorFilter = r.vendorProfile() != null;
        if (vendorFilter) {
            try (SeccompFilter vendor = SeccompFilter.compile(r.vendorProfile(), platform, true)) {
                vendor.exportBpf(r.ipcDir().resolve("vendor.bpf"));
            }
        }

        long heapMb = m.memoryLimitMb();
        long processBytes = (heapMb + config.extraMemoryMb()) * 1024L * 1024L;
        Path procs;
        try {
            procs = resources.prepare("porthole-" + m.id(), processBytes, config.maxTasks(), config.cpuMaxPercent());
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "cannot prepare the cgroup of " + m.id() + ": " + e.getMessage(), e);
        }

        List<String> cmd = new ArrayList<>();
        cmd.add(config.shell().toString());
        cmd.add("-c");
        cmd.add("[ -z \"$1\" ] || echo $$ > \"$1\" || exit 90\n"
                + "ulimit -c 0 && ulimit -n " + config.maxOpenFiles() + " && ulimit -v " + (processBytes / 1024) + " || exit 91\n"
                + "exec 9< \"$2\" || exit 92\n"
                + "shift 2\n"
                + "exec \"$@\"\n");
        cmd.add("porthole-plugin-" + m.id());
        cmd.add(procs == null ? "" : procs.toString());
        cmd.add(outerBpf.toString());

        boolean network = m.network().isPresent();
        cmd.add(config.bwrap().toString());
        cmd.addAll(List.of("--unshare-all", "--unshare-user"));
        if (network) {
            cmd.add("--share-net");
        }
        cmd.addAll(List.of("--uid", Integer.toString(SANDBOX_UID), "--gid", Integer.toString(SANDBOX_UID),
                "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
                "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "MALLOC_ARENA_MAX", "2",
                "--setenv", "PORTHOLE_PLUGIN_ID", m.id(),
                "--hostname", "porthole-plugin"));
        // libraries and the JDK, read-only
        cmd.addAll(List.of("--ro-bind", "/usr/lib", "/usr/lib", "--ro-bind-try", "/usr/lib64", "/usr/lib64",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64"));
        for (Path p : jdkBinds()) {
            cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        // the trusted bootstrap classpath
        List<String> cp = new ArrayList<>();
        for (int i = 0; i < config.runtimeClasspath().size(); i++) {
            Path src = config.runtimeClasspath().get(i).toAbsolutePath();
            String dst = "/porthole/cp/" + i + (Files.isDirectory(src) ? "" : ".jar");
            cmd.addAll(List.of("--ro-bind", src.toString(), dst));
            cp.add(dst);
        }
        cmd.addAll(List.of("--ro-bind", r.packageDir().toAbsolutePath().toString(), PLUGIN_DIR,
                "--bind", r.stateDir().toAbsolutePath().toString(), STATE_DIR,
                "--ro-bind", r.ipcDir().toAbsolutePath().toString(), IPC_DIR,
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        List<String> devices = new ArrayList<>();
        if (m.has(Capability.Audio.class)) {
            for (Path d : config.devices().audio()) {
                cmd.addAll(List.of("--dev-bind", d.toString(), d.toString()));
                devices.add(d.toString());
            }
        }
        for (Capability c : m.capabilities()) {
            if (c instanceof Capability.Usb usb) {
                for (Path d : config.devices().usb(usb)) {
                    cmd.addAll(List.of("--dev-bind", d.toString(), d.toString()));
                    devices.add(d.toString());
                }
            }
        }
        cmd.addAll(List.of("--chdir", STATE_DIR, "--seccomp", "9"));
        // the JVM
        cmd.add(config.javaHome().resolve("bin/java").toString());
        cmd.addAll(List.of("-Xmx" + heapMb + "m", "-Xss512k", "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=48m",
                "-XX:CompressedClassSpaceSize=64m", "-XX:MaxDirectMemorySize=" + Math.max(16, heapMb / 2) + "m",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-XX:ErrorFile=/tmp/hs_err_%p.log",
                "-Djava.io.tmpdir=/tmp", "-Djna.tmpdir=/tmp", "-Duser.home=/tmp", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(config.jvmOptions());
        cmd.addAll(List.of("-cp", String.join(":", cp), BOOTSTRAP,
                "--socket", SOCKET, "--token", HexFormat.of().formatHex(r.token()), "--lib", PLUGIN_DIR + "/lib"));
        if (network) {
            cmd.add("--network");
        }
        if (vendorFilter) {
            cmd.addAll(List.of("--vendor-filter", IPC_DIR + "/vendor.bpf"));
        }
        cmd.addAll(List.of("--entry", m.entryClass()));

        String isolation = "namespaces user,pid,ipc,uts,cgroup,mount" + (network ? " (network shared: capability granted)" : ",net")
                + "; uid " + SANDBOX_UID + "; no capabilities; seccomp outer allow-list" + (vendorFilter ? " + vendor profile" : "")
                + "; heap " + heapMb + " MiB, process " + (processBytes >> 20) + " MiB; " + resources.detail()
                + (devices.isEmpty() ? "" : "; devices " + devices);
        return new Built(List.copyOf(cmd), isolation);
    }

    /** The JDK directory, plus targets of its symbolic links outside {@code /usr/lib} (Debian's /etc/java-N-openjdk). */
    private List<Path> jdkBinds() {
        Set<Path> out = new LinkedHashSet<>();
        Path home;
        try {
            home = config.javaHome().toRealPath();
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "JDK " + config.javaHome() + " is not readable: " + e.getMessage(), e);
        }
        if (!home.startsWith("/usr/lib")) {
            out.add(home);
        }
        if (!config.javaHome().toAbsolutePath().normalize().equals(home) && !config.javaHome().startsWith("/usr/lib")) {
            out.add(config.javaHome().toAbsolutePath().normalize());
        }
        try (Stream<Path> walk = Files.walk(home, 3)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    try {
                        Path target = p.toRealPath();
                        if (!target.startsWith(home) && !target.startsWith("/usr/lib")) {
                            out.add(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : target.getParent());
                        }
                    } catch (IOException dangling) {
                        // not needed at run time
                    }
                }
            }
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "cannot read the JDK at " + home + ": " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    private static void requireExecutable(Path p, String what) {
        if (!Files.isExecutable(p)) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "missing " + what + ": " + p + " is not an executable file");
        }
    }
}
