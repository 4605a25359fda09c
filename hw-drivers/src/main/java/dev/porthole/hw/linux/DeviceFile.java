package dev.porthole.hw.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import dev.porthole.hw.HwException;

/**
 * An open device node: its file descriptor plus the system calls hw-drivers makes on it, each failing
 * with an {@link HwException} that names the device, the call and the errno.
 */
public final class DeviceFile implements AutoCloseable {

    private final String path;
    private volatile int fd;

    private DeviceFile(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@code path} with {@code flags} ({@link LibC#O_RDWR} etc.; O_CLOEXEC is always added). */
    public static DeviceFile open(String path, int flags) {
        try {
            return new DeviceFile(path, LibC.get().open(path, flags | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            throw error(path, "open", e);
        }
    }

    /** Takes ownership of an already open descriptor (inotify, pipes), named {@code name} in messages. */
    public static DeviceFile adopt(String name, int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("descriptor " + fd + " for " + name);
        }
        return new DeviceFile(name, fd);
    }

    /** Maps a JNA errno exception to an {@link HwException} naming {@code device} and {@code call}. */
    public static HwException error(String device, String call, LastErrorException e) {
        int errno = e.getErrorCode();
        String text;
        try {
            text = LibC.get().strerror(errno);
        } catch (RuntimeException | LinkageError ignored) {
            text = null;
        }
        return HwException.syscall(device, call, errno, text, e);
    }

    /** The device path, for messages. */
    public String path() {
        return path;
    }

    /** The raw descriptor. */
    public int fd() {
        int f = fd;
        if (f < 0) {
            throw new HwException(HwException.Kind.IO, path + " is closed");
        }
        return f;
    }

    /** {@code ioctl(fd, request, arg)} with a pointer argument; {@code name} is used in messages. */
    public int ioctl(String name, long request, Pointer arg) {
        try {
            return LibC.get().ioctl(fd(), new NativeLong(request), arg);
        } catch (LastErrorException e) {
            throw error(path, "ioctl " + name, e);
        }
    }

    /** {@code ioctl(fd, request, value)} with an integer argument. */
    public int ioctl(String name, long request, long value) {
        try {
            return LibC.get().ioctl(fd(), new NativeLong(request), new NativeLong(value));
        } catch (LastErrorException e) {
            throw error(path, "ioctl " + name, e);
        }
    }

    /** Like {@link #ioctl(String, long, Pointer)} but returns the errno (0 on success) instead of throwing. */
    public int tryIoctl(long request, Pointer arg) {
        try {
            LibC.get().ioctl(fd(), new NativeLong(request), arg);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) until the device is readable; false on
     * timeout. A hang-up or error is reported as readable so the following read reports it.
     */
    public boolean awaitReadable(int timeoutMillis) {
        try (Memory pfd = new Memory(8)) {
            pfd.clear();
            pfd.setInt(0, fd());
            pfd.setShort(4, LibC.POLLIN);
            while (true) {
                try {
                    int n = LibC.get().poll(pfd, 1, timeoutMillis);
                    if (n == 0) {
                        return false;
                    }
                    if ((pfd.getShort(6) & LibC.POLLNVAL) != 0) {
                        throw new HwException(HwException.Kind.IO, "poll on " + path + ": descriptor closed");
                    }
                    return true;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != 4) { // EINTR: retry
                        throw error(path, "poll", e);
                    }
                }
            }
        }
    }

    /** read(2) into native memory; returns the byte count (0 at end of file, -1 when EAGAIN). */
    public int read(Memory buffer, int length) {
        try {
            return LibC.get().read(fd(), buffer, new NativeLong(Math.min(length, buffer.size()))).intValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 11) {
                return -1;
            }
            throw error(path, "read", e);
        }
    }

    /** write(2) of all {@code length} bytes of {@code buffer}. */
    public void write(Pointer buffer, int length) {
        try {
            int n = LibC.get().write(fd(), buffer, new NativeLong(length)).intValue();
            if (n != length) {
                throw new HwException(HwException.Kind.IO, "write on " + path + ": short write " + n + " of " + length);
            }
        } catch (LastErrorException e) {
            throw error(path, "write", e);
        }
    }

    /** Maps {@code length} bytes at {@code offset} shared, read-write, as a little-endian direct buffer. */
    public Mapping map(long length, long offset) {
        try {
            Pointer p = LibC.get().mmap(null, new NativeLong(length), LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED,
                    fd(), new NativeLong(offset));
            return new Mapping(path, p, length);
        } catch (LastErrorException e) {
            throw error(path, "mmap(" + length + " bytes at " + offset + ")", e);
        }
    }

    /** Closes the descriptor (idempotent). */
    @Override
    public void close() {
        int f = fd;
        fd = -1;
        if (f >= 0) {
            try {
                LibC.get().close(f);
            } catch (LastErrorException ignored) {
                // nothing useful to do: the descriptor is gone either way
            }
        }
    }

    @Override
    public String toString() {
        return path;
    }

    /** A shared memory mapping of a device; {@link #close()} unmaps it. */
    public static final class Mapping implements AutoCloseable {
        private final String device;
        private Pointer pointer;
        private final long length;
        private final ByteBuffer buffer;

        Mapping(String device, Pointer pointer, long length) {
            this.device = device;
            this.pointer = pointer;
            this.length = length;
            this.buffer = pointer.getByteBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The mapped bytes (little-endian view; do not use after {@link #close()}). */
        public ByteBuffer buffer() {
            return buffer;
        }

        /** The mapped length. */
        public long length() {
            return length;
        }

        @Override
        public void close() {
            Pointer p = pointer;
            pointer = null;
            if (p != null) {
                try {
                    LibC.get().munmap(p, new NativeLong(length));
                } catch (LastErrorException e) {
                    throw error(device, "munmap", e);
                }
            }
        }
    }
}
