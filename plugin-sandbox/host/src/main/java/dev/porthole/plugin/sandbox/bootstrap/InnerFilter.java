package dev.porthole.plugin.sandbox.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.seccomp.SeccompFilter;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Action;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Arg;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Op;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Rule;

/**
 * The inner seccomp layer, installed by the trusted bootstrap inside the sandbox before any vendor
 * class loads, with TSYNC so every JVM thread is covered:
 * <ol>
 *   <li>the platform filter: {@code execve}, {@code execveat}, {@code fork}, {@code vfork}, {@code clone}
 *       without {@code CLONE_THREAD} (new processes), and — unless the manifest grants network —
 *       {@code socket} for AF_INET, AF_INET6, AF_NETLINK and AF_PACKET are answered EPERM. The answer
 *       comes from a supervisor thread through seccomp user notification, which reports each denial
 *       (syscall and pid) so the host can log it with the plugin id. When the kernel or libseccomp
 *       cannot combine notification with TSYNC, the same calls get a plain EPERM from the filter and
 *       the kernel's audit log is the only record.</li>
 *   <li>the vendor's own profile from the manifest, compiled by the host to BPF and stacked here
 *       (filters only add restrictions).</li>
 * </ol>
 */
final class InnerFilter {

    private InnerFilter() {}

    static final int CLONE_THREAD = 0x00010000;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int EPERM = 1;

    /** What was installed, for the host's log. */
    record Installed(boolean notifying, String detail) {}

    /** The platform filter's rules for a given action. */
    static SeccompProfile platformProfile(boolean network, Action action) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(List.of("execve", "execveat", "fork", "vfork"), action, List.of()));
        rules.add(new Rule(List.of("clone"), action, List.of(new Arg(0, Op.MASKED_EQ, CLONE_THREAD, 0))));
        List<Integer> families = new ArrayList<>(List.of(AF_NETLINK, AF_PACKET));
        if (!network) {
            families.add(AF_INET);
            families.add(AF_INET6);
        }
        for (int family : families) {
            rules.add(new Rule(List.of("socket"), action, List.of(new Arg(0, Op.EQ, family, 0))));
        }
        return new SeccompProfile(Action.ALLOW, rules);
    }

    /**
     * Installs the platform filter, preferring notification; starts the supervisor thread that answers
     * (and reports through {@code onDenied(nr, name)}) every notified call.
     */
    static Installed installPlatform(boolean network, BiConsumer<Integer, String> onDenied) {
        SeccompProfile.Platform any = new SeccompProfile.Platform("native", "0");
        try (SeccompFilter f = SeccompFilter.compile(platformProfile(network, Action.NOTIFY), any, true)) {
            int fd = f.loadWithTsync();
            Thread t = new Thread(() -> supervise(fd, onDenied), "porthole-seccomp-supervisor");
            t.setDaemon(true);
            t.start();
            return new Installed(true, "inner filter with user notification (TSYNC), network " + (network ? "granted" : "denied"));
        } catch (SandboxException notifyFailed) {
            try (SeccompFilter f = SeccompFilter.compile(platformProfile(network, Action.errno(EPERM)), any, true)) {
                f.loadWithTsync();
                return new Installed(false, "inner filter with EPERM + kernel audit log (TSYNC); notification unavailable: "
                        + notifyFailed.getMessage());
            }
        }
    }

    /** Answers every notification with EPERM and reports it. Runs until the process exits. */
    private static void supervise(int fd, BiConsumer<Integer, String> onDenied) {
        Notify n = Notify.lib();
        PointerByReference reqRef = new PointerByReference();
        PointerByReference respRef = new PointerByReference();
        if (n.seccomp_notify_alloc(reqRef, respRef) < 0) {
            return; // no supervisor: notified calls then fail with ENOSYS once the fd is gone; still denied
        }
        Pointer req = reqRef.getValue();
        Pointer resp = respRef.getValue();
        while (true) {
            req.clear(80); // struct seccomp_notif: the kernel wants it zeroed
            int rc = n.seccomp_notify_receive(fd, req);
            if (rc < 0) {
                if (rc == -4 || rc == -2) { // EINTR, ENOENT (the caller died): try again
                    continue;
                }
                return;
            }
            long id = req.getLong(0);
            int pid = req.getInt(8);
            int nr = req.getInt(16);
            resp.clear(24);
            resp.setLong(0, id);
            resp.setLong(8, 0);
            resp.setInt(16, -EPERM);
            resp.setInt(20, 0);
            n.seccomp_notify_respond(fd, resp);
            try {
                onDenied.accept(nr, SeccompFilter.name(nr) + " (pid " + pid + ")");
            } catch (RuntimeException ignored) {
                // reporting is best effort; the call was denied either way
            }
        }
    }

    /**
     * Stacks a raw BPF program (the vendor profile compiled by the host) with TSYNC through the
     * {@code seccomp(2)} system call.
     */
    static void installBpf(Path bpf) {
        byte[] prog;
        try {
            prog = Files.readAllBytes(bpf);
        } catch (java.io.IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read the vendor filter " + bpf + ": " + e.getMessage(), e);
        }
        if (prog.length == 0 || prog.length % 8 != 0 || prog.length / 8 > 4096) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "vendor filter " + bpf + " is not a BPF program (" + prog.length + " bytes)");
        }
        Memory filter = new Memory(prog.length);
        filter.write(0, prog, 0, prog.length);
        Memory fprog = new Memory(16);
        fprog.clear();
        fprog.setShort(0, (short) (prog.length / 8));
        fprog.setPointer(8, filter);
        int nr = SeccompFilter.resolve("seccomp");
        long rc = Notify.libc().syscall(new NativeLong(nr), 1 /* SECCOMP_SET_MODE_FILTER */, 1 /* TSYNC */, fprog).longValue();
        if (rc != 0) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "seccomp(SET_MODE_FILTER, TSYNC) for the vendor filter failed: rc "
                    + rc + ", errno " + Native.getLastError());
        }
    }

    /** libseccomp's notification calls and libc's {@code syscall}. */
    interface Notify extends com.sun.jna.Library {
        static Notify lib() {
            return Native.load("seccomp", Notify.class);
        }

        static Sys libc() {
            return Native.load("c", Sys.class);
        }

        int seccomp_notify_alloc(PointerByReference req, PointerByReference resp);

        int seccomp_notify_receive(int fd, Pointer req);

        int seccomp_notify_respond(int fd, Pointer resp);
    }

    /** {@code long syscall(long number, ...)}. */
    interface Sys extends com.sun.jna.Library {
        NativeLong syscall(NativeLong number, Object... args);
    }
}
