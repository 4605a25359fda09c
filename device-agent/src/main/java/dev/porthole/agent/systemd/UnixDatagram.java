package dev.porthole.agent.systemd;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * AF_UNIX datagram sockets through libc (JNA): the JDK's channels support AF_UNIX stream sockets only. Linux only.
 * Addresses are file paths, or abstract names written with a leading {@code @} (sent with a leading NUL byte).
 */
final class UnixDatagram {

    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    /** {@code sizeof(sun_path)} on Linux. */
    static final int SUN_PATH = 108;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrlen) throws LastErrorException;

        int bind(int fd, Pointer addr, int addrlen) throws LastErrorException;

        long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

        int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private UnixDatagram() {}

    /** A {@code struct sockaddr_un} for {@code address} and its length. */
    record SockAddr(Memory memory, int length) {}

    static SockAddr address(String address) {
        boolean abstractName = address.startsWith("@");
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        int pathBytes = name.length + 1; // leading NUL (abstract) or trailing NUL (path)
        if (name.length == 0 || pathBytes > SUN_PATH) {
            throw new IllegalArgumentException("socket address '" + address + "' is empty or longer than "
                    + (SUN_PATH - 1) + " bytes");
        }
        Memory m = new Memory(2 + SUN_PATH);
        m.clear();
        m.setShort(0, (short) AF_UNIX);
        m.write(abstractName ? 3 : 2, name, 0, name.length);
        // abstract: family + NUL + name (no terminator counted); path: family + name + NUL
        return new SockAddr(m, 2 + pathBytes);
    }

    /** Sends one datagram to {@code address} from a fresh socket. */
    static void send(String address, byte[] payload) {
        SockAddr a = address(address);
        int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            Memory buf = new Memory(Math.max(1, payload.length));
            buf.write(0, payload, 0, payload.length);
            long n = LibC.INSTANCE.sendto(fd, buf, payload.length, MSG_NOSIGNAL, a.memory(), a.length());
            if (n != payload.length) {
                throw new IllegalStateException("short datagram: " + n + " of " + payload.length + " bytes");
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
