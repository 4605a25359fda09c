package dev.porthole.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback addresses and free ports chosen at run time, so two runs on one machine never collide. */
public final class Loopback {

    /** The only address test peers bind to. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {}

    public static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it from the ephemeral range). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(address(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until 127.0.0.1:{@code port} accepts connections, failing early when {@code process} dies.
     */
    public static void awaitListening(int port, Duration timeout, PeerProcess process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new PeerException(process.name() + " exited with status " + process.exitValue()
                        + " before listening on " + HOST + ":" + port + "; log tail:\n" + process.logTail(40));
            }
            Pause.sleep(50);
        }
        throw new PeerException((process == null ? "peer" : process.name()) + " not listening on " + HOST + ":" + port
                + " after " + timeout.toMillis() + " ms"
                + (process == null ? "" : "; log tail:\n" + process.logTail(40)));
    }
}
