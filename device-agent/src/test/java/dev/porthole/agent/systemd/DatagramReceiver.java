package dev.porthole.agent.systemd;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Memory;

/** A real AF_UNIX datagram socket bound by the test (the systemd side of sd_notify), through the same libc binding. */
final class DatagramReceiver implements AutoCloseable {

    private final int fd;

    DatagramReceiver(String address) {
        UnixDatagram.SockAddr a = UnixDatagram.address(address);
        fd = UnixDatagram.LibC.INSTANCE.socket(UnixDatagram.AF_UNIX, UnixDatagram.SOCK_DGRAM | UnixDatagram.SOCK_CLOEXEC, 0);
        UnixDatagram.LibC.INSTANCE.bind(fd, a.memory(), a.length());
        // a hang guard only: a missing datagram fails the receive after 20 s instead of blocking the build
        Memory tv = new Memory(16);
        tv.setLong(0, 20);
        tv.setLong(8, 0);
        UnixDatagram.LibC.INSTANCE.setsockopt(fd, UnixDatagram.SOL_SOCKET, UnixDatagram.SO_RCVTIMEO, tv, 16);
    }

    /** The next datagram as text; throws when none arrives. */
    String receive() {
        Memory buf = new Memory(4096);
        long n = UnixDatagram.LibC.INSTANCE.recv(fd, buf, 4096, 0);
        return new String(buf.getByteArray(0, (int) n), StandardCharsets.UTF_8);
    }

    /** Whether a datagram is waiting (non-blocking peek). */
    boolean pending() {
        Memory buf = new Memory(1);
        try {
            return UnixDatagram.LibC.INSTANCE.recv(fd, buf, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
        } catch (com.sun.jna.LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return false;
            }
            throw e;
        }
    }

    private static final int MSG_PEEK = 0x2;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EAGAIN = 11;

    @Override
    public void close() {
        UnixDatagram.LibC.INSTANCE.close(fd);
    }
}
