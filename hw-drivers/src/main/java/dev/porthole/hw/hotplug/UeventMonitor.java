package dev.porthole.hw.hotplug;

import java.util.function.Consumer;

import org.tinylog.TaggedLogger;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.LibC;

/**
 * Listens to the kernel's uevents on a {@code NETLINK_KOBJECT_UEVENT} socket (multicast group 1, the
 * kernel's own messages) and hands each well-formed {@link Uevent} to a listener, from one daemon
 * platform thread. Used for DRM connector hotplug ({@link Uevent#isDrmHotplug()}); needs no udev.
 */
public final class UeventMonitor implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");
    static final int AF_NETLINK = 16;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOCK_NONBLOCK = 0x800;
    static final int NETLINK_KOBJECT_UEVENT = 15;
    /** {@code struct sockaddr_nl}: family u16, pad u16, pid u32, groups u32. */
    static final int SOCKADDR_NL_SIZE = 12;

    private final DeviceFile socket;
    private final Consumer<Uevent> listener;
    private final Thread thread;
    private volatile boolean running = true;

    private UeventMonitor(DeviceFile socket, Consumer<Uevent> listener) {
        this.socket = socket;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("uevents").unstarted(this::run);
    }

    /** Opens the socket and starts delivering uevents to {@code listener}. */
    public static UeventMonitor start(Consumer<Uevent> listener) {
        int fd;
        try {
            fd = LibC.get().socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT);
        } catch (LastErrorException e) {
            throw DeviceFile.error("netlink uevent socket", "socket", e);
        }
        DeviceFile f = DeviceFile.adopt("netlink(uevent)", fd);
        try (Memory addr = new Memory(SOCKADDR_NL_SIZE)) {
            addr.clear();
            addr.setShort(0, (short) AF_NETLINK);
            addr.setInt(8, 1);
            LibC.get().bind(fd, addr, SOCKADDR_NL_SIZE);
        } catch (LastErrorException e) {
            f.close();
            throw DeviceFile.error("netlink uevent socket", "bind", e);
        }
        UeventMonitor m = new UeventMonitor(f, listener);
        m.thread.start();
        return m;
    }

    private void run() {
        byte[] buf = new byte[8192];
        try (Memory m = new Memory(buf.length)) {
            while (running) {
                if (!socket.awaitReadable(200)) {
                    continue;
                }
                int n = socket.read(m, buf.length);
                if (n <= 0) {
                    continue;
                }
                m.read(0, buf, 0, n);
                Uevent.parse(buf, n).ifPresent(e -> {
                    try {
                        listener.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.error(ex, "uevent listener failed devpath={}", e.devpath());
                    }
                });
            }
        } catch (HwException e) {
            if (running) {
                LOG.error("uevent socket failed error={}", e.getMessage());
            }
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(java.time.Duration.ofMillis(1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
