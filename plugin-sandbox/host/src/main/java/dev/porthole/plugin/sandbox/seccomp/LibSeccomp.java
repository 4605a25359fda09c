package dev.porthole.plugin.sandbox.seccomp;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The subset of libseccomp (2.5) used here, through JNA. {@code seccomp_rule_add_array} is used rather
 * than the variadic {@code seccomp_rule_add}; {@code struct scmp_arg_cmp} is 24 bytes
 * ({@code u32 arg, u32 op, u64 datum_a, u64 datum_b}). Functions return 0 or a negative errno.
 */
interface LibSeccomp extends Library {

    /** Loads {@code libseccomp.so.2} (no -dev package needed). */
    static LibSeccomp load() {
        return Native.load("seccomp", LibSeccomp.class);
    }

    int SCMP_FLTATR_ACT_BADARCH = 2;
    int SCMP_FLTATR_CTL_NNP = 3;
    int SCMP_FLTATR_CTL_TSYNC = 4;
    int SCMP_FLTATR_CTL_LOG = 6;
    int SCMP_ARCH_NATIVE = 0;
    int ARG_CMP_SIZE = 24;

    Pointer seccomp_init(int defAction);

    void seccomp_release(Pointer ctx);

    int seccomp_attr_set(Pointer ctx, int attr, int value);

    int seccomp_syscall_resolve_name(String name);

    Pointer seccomp_syscall_resolve_num_arch(int arch, int num);

    int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCount, Pointer args);

    int seccomp_load(Pointer ctx);

    int seccomp_export_bpf(Pointer ctx, int fd);

    int seccomp_export_pfc(Pointer ctx, int fd);

    int seccomp_notify_fd(Pointer ctx);

    int seccomp_notify_alloc(PointerByReference req, PointerByReference resp);

    void seccomp_notify_free(Pointer req, Pointer resp);

    int seccomp_notify_receive(int fd, Pointer req);

    int seccomp_notify_respond(int fd, Pointer resp);

    int seccomp_api_get();
}
