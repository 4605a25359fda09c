package dev.porthole.hw.linux;

/**
 * Linux {@code _IOC} request numbers (asm-generic layout, used by x86_64 and arm64):
 * {@code dir<<30 | size<<16 | type<<8 | nr}. The fixed numbers used across hw-drivers were checked
 * against the kernel headers on the development machine (see the tests).
 */
public final class Ioctl {

    /** No data. */
    public static final int NONE = 0;
    /** Userspace writes (the kernel reads). */
    public static final int WRITE = 1;
    /** Userspace reads (the kernel writes). */
    public static final int READ = 2;

    private Ioctl() {}

    /** {@code _IOC(dir, type, nr, size)}. */
    public static long ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size > 0x3fff) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit 14 bits");
        }
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    /** {@code _IO(type, nr)}. */
    public static long io(int type, int nr) {
        return ioc(NONE, type, nr, 0);
    }

    /** {@code _IOR(type, nr, size)}. */
    public static long ior(int type, int nr, int size) {
        return ioc(READ, type, nr, size);
    }

    /** {@code _IOW(type, nr, size)}. */
    public static long iow(int type, int nr, int size) {
        return ioc(WRITE, type, nr, size);
    }

    /** {@code _IOWR(type, nr, size)}. */
    public static long iowr(int type, int nr, int size) {
        return ioc(READ | WRITE, type, nr, size);
    }
}
