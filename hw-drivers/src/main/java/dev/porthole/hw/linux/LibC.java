package dev.porthole.hw.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc functions hw-drivers needs, through JNA. Failures raise {@link LastErrorException}. */
public interface LibC extends Library {

    /** open(2) flags and friends (Linux, all architectures Porthole runs on). */
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    int ioctl(int fd, NativeLong request, NativeLong arg) throws LastErrorException;

    Pointer mmap(Pointer addr, NativeLong length, int prot, int flags, int fd, NativeLong offset) throws LastErrorException;

    int munmap(Pointer addr, NativeLong length) throws LastErrorException;

    NativeLong read(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    int poll(Pointer fds, int nfds, int timeoutMillis) throws LastErrorException;

    int inotify_init1(int flags) throws LastErrorException;

    /** {@code socket(2)} (netlink uevents). */
    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code bind(2)}. */
    int bind(int fd, Pointer addr, int addrlen) throws LastErrorException;

    int inotify_add_watch(int fd, String path, int mask) throws LastErrorException;

    String strerror(int errnum);

    /** The loaded C library. */
    static LibC get() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: loading libc only when a real device is used keeps fakes free of native access. */
    final class Holder {
        static final LibC INSTANCE = Native.load("c", LibC.class);

        private Holder() {}
    }
}
