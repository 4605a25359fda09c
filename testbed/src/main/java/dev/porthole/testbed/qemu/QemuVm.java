package dev.porthole.testbed.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.Workspace;

/**
 * Boots Debian's kernel under QEMU (TCG, no KVM needed) to run a Java program against real kernel
 * devices: bochs-drm ({@code /dev/fb0}, {@code /dev/dri/card0}), uinput and evdev.
 *
 * <p>The guest gets the host's root filesystem read-only over virtio-9p ({@code multidevs=remap}), so
 * the JDK, the Maven repository and the build output are at the same paths inside; a second 9p share
 * (the workspace's {@code share/}) is read-write for results. The initramfs is built at start from
 * the host's busybox-static and kernel modules ({@link Initramfs}); {@code testbed/qemu/init.sh} and
 * {@code guest.sh} do the rest. The guest asks for screendumps by creating
 * {@code share/<name>.screendump-request}; {@link #awaitExit} answers with QMP {@code screendump} into
 * {@code share/<name>.ppm} and creates {@code share/<name>.screendump-done}.
 */
public final class QemuVm implements AutoCloseable {

    private final Path workspace;
    private final Path share;
    private final PeerProcess qemu;
    private final Path qmpSocket;
    private final Path console;
    private final long startNanos;
    private Qmp qmp;

    /**
     * What to run in the guest: {@code javaHome} is a JDK on the host (the guest runs it from the shared
     * root), {@code classpath} host paths, {@code guestModules} loaded with modprobe before the program,
     * {@code waitForNodes} device nodes to wait for.
     */
    public record Config(Path harnessDir, Path javaHome, String mainClass, List<String> args, String classpath, List<String> javaOptions,
                         List<String> guestModules, List<String> waitForNodes, int memoryMb, int cpus) {
        /** Immutable lists. */
        public Config {
            args = List.copyOf(args);
            javaOptions = List.copyOf(javaOptions);
            guestModules = List.copyOf(guestModules);
            waitForNodes = List.copyOf(waitForNodes);
        }
    }

    /** How the guest run ended. */
    public record Result(int exitCode, Duration bootToGuest, Duration total, Path share, String consoleTail, String javaLog) {}

    private QemuVm(Path workspace, Path share, PeerProcess qemu, Path qmpSocket, Path console) {
        this.workspace = workspace;
        this.share = share;
        this.qemu = qemu;
        this.qmpSocket = qmpSocket;
        this.console = console;
        this.startNanos = System.nanoTime();
    }

    /** The newest kernel in {@code /boot} that has its modules in {@code /lib/modules}. */
    public static String kernelRelease() {
        List<String> releases = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/boot"), "vmlinuz-*")) {
            for (Path p : ds) {
                String rel = p.getFileName().toString().substring("vmlinuz-".length());
                if (Files.isRegularFile(Path.of("/lib/modules", rel, "modules.dep"))) {
                    releases.add(rel);
                }
            }
        } catch (IOException e) {
            throw PeerException.missing("/boot/vmlinuz-*", "linux-image-amd64");
        }
        if (releases.isEmpty()) {
            throw PeerException.missing("/boot/vmlinuz-* with /lib/modules/<release>", "linux-image-amd64");
        }
        releases.sort(Comparator.naturalOrder());
        return releases.getLast();
    }

    /** Builds the initramfs, writes the guest's run file and starts QEMU. */
    public static QemuVm boot(Config config) {
        Path qemuBin = Programs.require("qemu-system-x86_64", "qemu-system-x86");
        Programs.require("modprobe", "kmod");
        Path java = config.javaHome().resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw PeerException.missing(java.toString(), "temurin-25-jdk");
        }
        String release = kernelRelease();
        Path kernel = Path.of("/boot/vmlinuz-" + release);
        if (!Files.isReadable(kernel)) {
            throw new PeerException(kernel + " is not readable by this user; the QEMU harness needs read access to the kernel image");
        }
        Path init = config.harnessDir().resolve("init.sh");
        Path guestScript = config.harnessDir().resolve("guest.sh");
        for (Path p : List.of(init, guestScript)) {
            if (!Files.isRegularFile(p)) {
                throw new PeerException("QEMU harness file " + p + " is missing (expected in testbed/qemu)");
            }
        }
        Path ws = Workspace.create("qemu");
        Path share = ws.resolve("share");
        try {
            Files.createDirectories(share);
            Path initrd = ws.resolve("initramfs.gz");
            Initramfs.build(initrd, Path.of("/bin/busybox"), init, Path.of("/lib/modules", release),
                    List.of("virtio_pci", "9pnet_virtio", "9p"));
            Files.copy(guestScript, share.resolve("guest.sh"));
            StringBuilder env = new StringBuilder();
            env.append("JAVA='").append(java).append("'\n");
            env.append("CLASSPATH='").append(config.classpath()).append("'\n");
            env.append("MAIN='").append(config.mainClass()).append("'\n");
            env.append("ARGS='").append(String.join(" ", config.args())).append("'\n");
            env.append("JAVA_OPTS='").append(String.join(" ", config.javaOptions())).append("'\n");
            env.append("MODULES='").append(String.join(" ", config.guestModules())).append("'\n");
            env.append("WAIT_FOR='").append(String.join(" ", config.waitForNodes())).append("'\n");
            Files.writeString(share.resolve("run.env"), env.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QEMU workspace " + ws, e);
        }
        Path qmpSocket = ws.resolve("qmp.sock");
        Path console = ws.resolve("console.log");
        List<String> cmd = List.of(qemuBin.toString(),
                "-accel", "tcg,thread=multi", "-cpu", "max", "-m", Integer.toString(config.memoryMb()),
                "-smp", Integer.toString(config.cpus()), "-nodefaults", "-no-reboot",
                "-display", "none", "-vga", "std",
                "-serial", "file:" + console,
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off",
                "-kernel", kernel.toString(), "-initrd", ws.resolve("initramfs.gz").toString(),
                "-append", "console=ttyS0 quiet loglevel=3 panic=-1 vt.global_cursor_default=0 rdinit=/init",
                "-fsdev", "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap",
                "-device", "virtio-9p-pci,fsdev=root,mount_tag=hostroot",
                "-fsdev", "local,id=share,path=" + share + ",security_model=none",
                "-device", "virtio-9p-pci,fsdev=share,mount_tag=share");
        PeerProcess p = PeerProcess.start("qemu", cmd, ws, ws.resolve("qemu.log"), Map.of());
        return new QemuVm(ws, share, p, qmpSocket, console);
    }

    /** The read-write directory shared with the guest. */
    public Path share() {
        return share;
    }

    /** The workspace (logs, initramfs, sockets). */
    public Path workspace() {
        return workspace;
    }

    /**
     * Serves screendump requests until the guest writes its exit code or QEMU ends; fails with the
     * console tail after {@code timeout}.
     */
    public Result awaitExit(Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        Duration bootToGuest = null;
        Path exitFile = share.resolve("exit-code");
        while (true) {
            if (bootToGuest == null && Files.exists(share.resolve("guest-started"))) {
                bootToGuest = Duration.ofNanos(System.nanoTime() - startNanos);
            }
            serveScreendumps();
            if (Files.exists(exitFile) && Files.exists(share.resolve("guest-finished"))) {
                break;
            }
            if (!qemu.isAlive()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new PeerException("QEMU guest did not finish within " + timeout.toSeconds() + " s (TCG boot takes 16-30 s here)."
                        + "\n--- console tail ---\n" + consoleTail() + "\n--- guest java log tail ---\n" + tail(share.resolve("guest-java.log"), 30)
                        + "\n--- qemu log ---\n" + qemu.logTail(20));
            }
            sleep(100);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - startNanos);
        int code = -1;
        try {
            if (Files.exists(exitFile)) {
                code = Integer.parseInt(Files.readString(exitFile).trim());
            }
        } catch (IOException | NumberFormatException e) {
            code = -1;
        }
        if (!Files.exists(exitFile)) {
            throw new PeerException("QEMU ended before the guest program finished (exit status " + (qemu.isAlive() ? "?" : qemu.exitValue())
                    + ").\n--- console tail ---\n" + consoleTail() + "\n--- qemu log ---\n" + qemu.logTail(20)
                    + "\n--- guest java log tail ---\n" + tail(share.resolve("guest-java.log"), 30));
        }
        return new Result(code, bootToGuest == null ? total : bootToGuest, total, share, consoleTail(),
                tail(share.resolve("guest-java.log"), 200));
    }

    private void serveScreendumps() {
        try (Stream<Path> s = Files.list(share)) {
            for (Path req : s.filter(p -> p.getFileName().toString().endsWith(".screendump-request")).toList()) {
                String name = req.getFileName().toString().replace(".screendump-request", "");
                if (!name.matches("[a-zA-Z0-9_-]+")) {
                    throw new PeerException("bad screendump request name '" + name + "'");
                }
                if (qmp == null) {
                    qmp = Qmp.connect(qmpSocket);
                }
                Path ppm = share.resolve(name + ".ppm");
                qmp.screendump(ppm);
                Files.delete(req);
                Files.writeString(share.resolve(name + ".screendump-done"), "done\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve screendumps in " + share, e);
        }
    }

    /** The last lines of the guest's serial console. */
    public String consoleTail() {
        return tail(console, 40);
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while the QEMU guest ran", e);
        }
    }

    /** A file the guest left in the share. */
    public Optional<Path> shared(String name) {
        Path p = share.resolve(name);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /** Stops QEMU (if still running) and deletes the workspace (copy what you want to keep first). */
    @Override
    public void close() {
        if (qmp != null) {
            qmp.close();
        }
        qemu.close();
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
