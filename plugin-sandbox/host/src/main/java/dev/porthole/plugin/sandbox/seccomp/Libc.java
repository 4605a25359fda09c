package dev.porthole.plugin.sandbox.seccomp;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls the sandbox needs, through JNA. */
public interface Libc extends Library {

    /** The process-wide instance. */
    Libc INSTANCE = Native.load("c", Libc.class);

    int O_WRONLY = 0x1;
    int O_CREAT = 0x40;
    int O_TRUNC = 0x200;
    int O_CLOEXEC = 0x80000;
    int PR_SET_NO_NEW_PRIVS = 38;
    int PR_GET_NO_NEW_PRIVS = 39;
    int PR_GET_SECCOMP = 21;
    int PR_SET_DUMPABLE = 4;

    int open(String path, int flags, int mode);

    int close(int fd);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int getpid();

    void free(Pointer p);

    /** The calling thread's errno after a failed call. */
    static int errno() {
        return Native.getLastError();
    }
}
