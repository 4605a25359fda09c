package dev.porthole.testbed.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import dev.porthole.testbed.PeerException;

/**
 * Builds the guest's initramfs at test time from the host's files: a static busybox, the
 * {@code init.sh} of {@code testbed/qemu}, the kernel modules needed to reach the 9p shares (with
 * their dependencies, in load order, from {@code modules.dep}), and a {@code /dev/console} node.
 * The archive is a gzip-compressed cpio "newc" stream written directly (no root, no cpio tool).
 */
public final class Initramfs {

    private Initramfs() {}

    /**
     * Writes the archive to {@code out}. {@code modulesDir} is {@code /lib/modules/<release>};
     * {@code modules} are module names ({@code 9p}, {@code 9pnet_virtio}, {@code virtio_pci}).
     */
    public static void build(Path out, Path busybox, Path init, Path modulesDir, List<String> modules) {
        requireStaticBusybox(busybox);
        List<Path> ordered = loadOrder(modulesDir, modules);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out))) {
            Cpio cpio = new Cpio(os);
            for (String d : List.of("bin", "dev", "proc", "sys", "newroot", "mods", "tmp", "run")) {
                cpio.dir(d);
            }
            cpio.charDevice("dev/console", 5, 1);
            cpio.file("bin/busybox", Files.readAllBytes(busybox), 0755);
            cpio.file("init", Files.readAllBytes(init), 0755);
            StringBuilder order = new StringBuilder();
            for (Path m : ordered) {
                cpio.file("mods/" + m.getFileName(), Files.readAllBytes(m), 0644);
                order.append(m.getFileName()).append('\n');
            }
            cpio.file("mods/order", order.toString().getBytes(StandardCharsets.US_ASCII), 0644);
            cpio.trailer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write initramfs " + out, e);
        }
    }

    /** The module files for {@code names} and all their dependencies, dependencies first. */
    public static List<Path> loadOrder(Path modulesDir, List<String> names) {
        Path depFile = modulesDir.resolve("modules.dep");
        if (!Files.isRegularFile(depFile)) {
            throw PeerException.missing(depFile.toString(), "linux-image-amd64");
        }
        Map<String, String> fileByName = new HashMap<>();
        Map<String, List<String>> deps = new HashMap<>();
        try {
            for (String line : Files.readAllLines(depFile, StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String file = line.substring(0, colon);
                List<String> d = new ArrayList<>();
                for (String s : line.substring(colon + 1).trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        d.add(s);
                    }
                }
                fileByName.put(moduleName(file), file);
                deps.put(file, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + depFile, e);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String n : names) {
            String file = fileByName.get(n.replace('-', '_'));
            if (file == null) {
                throw new PeerException("kernel module '" + n + "' is not in " + depFile + " (built in, or another kernel flavour?)");
            }
            visit(file, deps, ordered, new LinkedHashSet<>());
        }
        List<Path> out = new ArrayList<>();
        for (String f : ordered) {
            Path p = modulesDir.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new PeerException("module file " + p + " listed in modules.dep is missing; reinstall linux-image-amd64");
            }
            if (!f.endsWith(".ko")) {
                throw new PeerException("module " + p + " is compressed; busybox insmod needs plain .ko files");
            }
            out.add(p);
        }
        return out;
    }

    private static void visit(String file, Map<String, List<String>> deps, Set<String> out, Set<String> stack) {
        if (out.contains(file) || !stack.add(file)) {
            return;
        }
        for (String d : deps.getOrDefault(file, List.of())) {
            visit(d, deps, out, stack);
        }
        out.add(file);
    }

    static String moduleName(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        int dot = base.indexOf(".ko");
        return (dot > 0 ? base.substring(0, dot) : base).replace('-', '_');
    }

    /** Refuses a dynamically linked busybox: the initramfs has no C library. */
    static void requireStaticBusybox(Path busybox) {
        if (!Files.isRegularFile(busybox)) {
            throw PeerException.missing(busybox.toString(), "busybox-static");
        }
        try {
            byte[] elf = Files.readAllBytes(busybox);
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2) {
                throw new PeerException(busybox + " is not a 64-bit ELF executable; install busybox-static");
            }
            long phoff = b.getLong(0x20);
            int phentsize = Short.toUnsignedInt(b.getShort(0x36));
            int phnum = Short.toUnsignedInt(b.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                if (b.getInt((int) (phoff + (long) i * phentsize)) == 3) { // PT_INTERP
                    throw new PeerException(busybox + " is dynamically linked; install busybox-static (the initramfs has no libc)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + busybox, e);
        }
    }

    /** A minimal cpio "newc" writer. */
    static final class Cpio {
        private final OutputStream out;
        private int ino = 1;
        private long written;

        Cpio(OutputStream out) {
            this.out = out;
        }

        void dir(String name) throws IOException {
            entry(name, 0040755, 0, 0, new byte[0]);
        }

        void charDevice(String name, int major, int minor) throws IOException {
            entry(name, 0020600, major, minor, new byte[0]);
        }

        void file(String name, byte[] data, int perm) throws IOException {
            entry(name, 0100000 | perm, 0, 0, data);
        }

        void trailer() throws IOException {
            entry("TRAILER!!!", 0, 0, 0, new byte[0]);
            pad(512);
        }

        private void entry(String name, int mode, int rmajor, int rminor, byte[] data) throws IOException {
            byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
            String header = String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", ino++, mode, 0, 0,
                    1, 0, data.length, 0, 0, rmajor, rminor, n.length, 0);
            write(header.getBytes(StandardCharsets.US_ASCII));
            write(n);
            pad(4);
            write(data);
            pad(4);
        }

        private void write(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        private void pad(int to) throws IOException {
            int p = (int) ((to - written % to) % to);
            if (p > 0) {
                write(new byte[p]);
            }
        }
    }
}
