package dev.porthole.testbed.x11;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The lock file ({@code /tmp/.X<n>-lock}) and socket ({@code /tmp/.X11-unix/X<n>}) of X display {@code :n}. An
 * X server (Xvfb, Xorg) removes both when it stops, but not when it is killed; left behind, they keep the display
 * number taken.
 */
public final class XServerFiles {

    private XServerFiles() {}

    public static Path lock(int display) {
        return Path.of("/tmp", ".X" + display + "-lock");
    }

    public static Path socket(int display) {
        return Path.of("/tmp", ".X11-unix", "X" + display);
    }

    /**
     * Removes the lock file of {@code :display} when the process it names is gone, and the socket when, in
     * addition, nothing accepts connections on it any more. Files of a running server (also one that took the
     * number over meanwhile) stay.
     *
     * @return a description of what went wrong, or {@code null}; never throws
     */
    public static String removeIfStale(int display) {
        Path lock = lock(display);
        Path socket = socket(display);
        try {
            if (Files.exists(lock)) {
                OptionalLong owner = lockOwner(lock);
                if (owner.isEmpty() || ProcessHandle.of(owner.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    return null; // a running server's, or not ours to judge
                }
                Files.deleteIfExists(lock);
            }
            if (Files.exists(socket) && !listening(socket)) {
                Files.deleteIfExists(socket);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cleaning up after X display :" + display + ": " + e.getMessage();
        }
    }

    /** The process id written in the lock file, or empty when it holds none. */
    private static OptionalLong lockOwner(Path lock) throws IOException {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether something accepts connections on the Unix socket {@code socket} (a stale one refuses). */
    private static boolean listening(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }
}
