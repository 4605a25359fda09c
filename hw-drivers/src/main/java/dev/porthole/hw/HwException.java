package dev.porthole.hw;

import java.util.Map;

/**
 * The one unchecked exception of hw-drivers. Its {@link Kind} is what callers branch on; the message
 * names the device, the call and, for system calls, the errno with its text.
 */
public final class HwException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely, so callers can decide (fall back, retry, report). */
    public enum Kind {
        /** The device node or sysfs entry does not exist (ENOENT, ENODEV, ENXIO). */
        NOT_FOUND,
        /** Access was refused (EACCES, EPERM), for example no DRM master. */
        PERMISSION,
        /** The device exists but does not support the request (ENOTTY, EOPNOTSUPP, EINVAL on an ioctl). */
        UNSUPPORTED,
        /** The device is held by someone else (EBUSY), for example another EVIOCGRAB. */
        BUSY,
        /** The device went away while in use (ENODEV after open): an unplugged keyboard. */
        GONE,
        /** Data from the device, or a setting passed in, is not what the kernel ABI allows. */
        INVALID,
        /** Any other I/O failure. */
        IO
    }

    private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"),
            Map.entry(6, "ENXIO"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"),
            Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"), Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"),
            Map.entry(25, "ENOTTY"), Map.entry(28, "ENOSPC"), Map.entry(30, "EROFS"), Map.entry(38, "ENOSYS"),
            Map.entry(95, "EOPNOTSUPP"));

    private final Kind kind;
    private final int errno;

    /** An error without an errno. */
    public HwException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    /** An error without an errno, with its cause. */
    public HwException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, cause);
    }

    private HwException(Kind kind, String message, int errno, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errno = errno;
    }

    /**
     * A failed system call: {@code "<call> on <device> failed: <ERRNO> (<text>)"}, with the kind derived
     * from the errno.
     */
    public static HwException syscall(String device, String call, int errno, String errnoText, Throwable cause) {
        String name = errnoName(errno);
        String text = errnoText == null || errnoText.isBlank() ? "" : " (" + errnoText + ")";
        return new HwException(kindOf(errno, call), call + " on " + device + " failed: " + name + text, errno, cause);
    }

    /** The symbolic name of an errno (EINVAL…), or {@code errno <n>}. */
    public static String errnoName(int errno) {
        return ERRNO_NAMES.getOrDefault(errno, "errno " + errno);
    }

    static Kind kindOf(int errno, String call) {
        return switch (errno) {
            case 2, 6 -> Kind.NOT_FOUND;
            case 19 -> call.startsWith("open") ? Kind.NOT_FOUND : Kind.GONE;
            case 1, 13 -> Kind.PERMISSION;
            case 25, 95, 38 -> Kind.UNSUPPORTED;
            case 22 -> call.startsWith("ioctl") ? Kind.UNSUPPORTED : Kind.INVALID;
            case 16 -> Kind.BUSY;
            default -> Kind.IO;
        };
    }

    /** The kind callers branch on. */
    public Kind kind() {
        return kind;
    }

    /** The errno of a failed system call, or 0. */
    public int errno() {
        return errno;
    }
}
