package dev.porthole.plugin.sandbox.seccomp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Action;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Arg;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile.Rule;

/**
 * A seccomp filter compiled from a {@link SeccompProfile} with libseccomp (through JNA), for the
 * native architecture (other ABIs kill the process). It can be exported as raw BPF (what bubblewrap's
 * {@code --seccomp FD} loads) or as readable PFC, or loaded into the calling process with TSYNC so it
 * covers every thread. Names the kernel or libseccomp do not know on this architecture are skipped and
 * listed in {@link #skipped()}, as Docker does. Close it to free the libseccomp context.
 */
public final class SeccompFilter implements AutoCloseable {

    private static volatile LibSeccomp lib;

    private final Pointer ctx;
    private final List<String> skipped;
    private final boolean notify;
    private boolean closed;

    private SeccompFilter(Pointer ctx, List<String> skipped, boolean notify) {
        this.ctx = ctx;
        this.skipped = Collections.unmodifiableList(skipped);
        this.notify = notify;
    }

    static LibSeccomp lib() {
        LibSeccomp l = lib;
        if (l == null) {
            synchronized (SeccompFilter.class) {
                if (lib == null) {
                    try {
                        lib = LibSeccomp.load();
                    } catch (UnsatisfiedLinkError e) {
                        throw new SandboxException(SandboxException.Kind.SANDBOX,
                                "libseccomp is not available (install the Debian package libseccomp2): " + e.getMessage(), e);
                    }
                }
                l = lib;
            }
        }
        return l;
    }

    /** The system call number on this architecture, or -1 when unknown. */
    public static int resolve(String name) {
        int nr = lib().seccomp_syscall_resolve_name(name);
        return nr < 0 ? -1 : nr;
    }

    /** The name of system call {@code nr} on this architecture, or {@code "syscall#<nr>"}. */
    public static String name(int nr) {
        Pointer p = lib().seccomp_syscall_resolve_num_arch(LibSeccomp.SCMP_ARCH_NATIVE, nr);
        if (p == null) {
            return "syscall#" + nr;
        }
        try {
            return p.getString(0);
        } finally {
            Libc.INSTANCE.free(p);
        }
    }

    /**
     * Compiles {@code profile} for {@code platform}.
     *
     * @param log whether the kernel should log every non-allow action (SECCOMP_FILTER_FLAG_LOG), so
     *            denials appear in the audit log
     * @throws SandboxException SANDBOX when libseccomp refuses a rule
     */
    public static SeccompFilter compile(SeccompProfile profile, SeccompProfile.Platform platform, boolean log) {
        LibSeccomp l = lib();
        Pointer ctx = l.seccomp_init(profile.defaultAction().value());
        if (ctx == null) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "seccomp_init failed");
        }
        List<String> skipped = new ArrayList<>();
        boolean notify = false;
        try {
            check(l.seccomp_attr_set(ctx, LibSeccomp.SCMP_FLTATR_ACT_BADARCH, Action.KILL_PROCESS.value()), "set the bad-arch action");
            if (log) {
                check(l.seccomp_attr_set(ctx, LibSeccomp.SCMP_FLTATR_CTL_LOG, 1), "enable logging");
            }
            for (Rule rule : profile.rules()) {
                if (!rule.appliesTo(platform)) {
                    skipped.add(String.join(",", rule.names()) + " (includes/excludes do not match " + platform + ")");
                    continue;
                }
                if (rule.action().equals(profile.defaultAction())) {
                    continue; // libseccomp refuses rules that repeat the default action; they change nothing
                }
                notify |= rule.action().kind() == SeccompProfile.ActionKind.NOTIFY;
                for (String name : rule.names()) {
                    int nr = l.seccomp_syscall_resolve_name(name);
                    if (nr < 0) {
                        skipped.add(name + " (unknown on this architecture)");
                        continue;
                    }
                    addRule(l, ctx, rule, name, nr);
                }
            }
            return new SeccompFilter(ctx, skipped, notify);
        } catch (RuntimeException e) {
            l.seccomp_release(ctx);
            throw e;
        }
    }

    private static void addRule(LibSeccomp l, Pointer ctx, Rule rule, String name, int nr) {
        List<Arg> args = rule.args();
        Memory mem = null;
        if (!args.isEmpty()) {
            mem = new Memory((long) LibSeccomp.ARG_CMP_SIZE * args.size());
            mem.clear();
            for (int i = 0; i < args.size(); i++) {
                Arg a = args.get(i);
                long off = (long) i * LibSeccomp.ARG_CMP_SIZE;
                mem.setInt(off, a.index());
                mem.setInt(off + 4, a.op().code);
                mem.setLong(off + 8, a.value());
                mem.setLong(off + 16, a.op() == SeccompProfile.Op.MASKED_EQ ? a.valueTwo() : 0);
            }
        }
        int rc = l.seccomp_rule_add_array(ctx, rule.action().value(), nr, args.size(), mem);
        if (rc < 0) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "libseccomp refused the rule for " + name
                    + " (" + rule.action() + ", " + args + "): errno " + -rc);
        }
    }

    /** Rules or names that were not compiled, with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    /** Writes the raw BPF program to {@code file} (for bubblewrap's {@code --seccomp FD}). */
    public void exportBpf(Path file) {
        export(file, true);
    }

    /** Writes the human-readable pseudo-filter code to {@code file}. */
    public void exportPfc(Path file) {
        export(file, false);
    }

    private void export(Path file, boolean bpf) {
        requireOpen();
        int fd = Libc.INSTANCE.open(file.toString(), Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC | Libc.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot create " + file + ": errno " + Libc.errno());
        }
        try {
            check(bpf ? lib().seccomp_export_bpf(ctx, fd) : lib().seccomp_export_pfc(ctx, fd), "export the filter to " + file);
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }

    /**
     * Loads the filter into this process with TSYNC (every thread, or nothing), setting no_new_privs.
     * Irreversible.
     *
     * @return the notification fd when a rule uses {@link SeccompProfile.ActionKind#NOTIFY}, else -1
     */
    public int loadWithTsync() {
        requireOpen();
        LibSeccomp l = lib();
        check(l.seccomp_attr_set(ctx, LibSeccomp.SCMP_FLTATR_CTL_NNP, 1), "require no_new_privs");
        check(l.seccomp_attr_set(ctx, LibSeccomp.SCMP_FLTATR_CTL_TSYNC, 1), "enable TSYNC");
        check(l.seccomp_load(ctx), "load the filter");
        if (!notify) {
            return -1;
        }
        int fd = l.seccomp_notify_fd(ctx);
        if (fd < 0) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "seccomp_notify_fd failed: errno " + -fd);
        }
        return fd;
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "libseccomp could not " + what + ": errno " + -rc);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new SandboxException(SandboxException.Kind.STATE, "seccomp filter already released");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lib().seccomp_release(ctx);
        }
    }
}
