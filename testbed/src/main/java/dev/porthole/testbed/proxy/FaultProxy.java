package dev.porthole.testbed.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.PeerException;

/**
 * A fault-injecting TCP proxy on loopback: listens on a free 127.0.0.1 port and forwards every connection to
 * 127.0.0.1:{@code targetPort}, byte for byte, until told otherwise. On command it cuts every open connection
 * with a TCP reset on both sides ({@link #cutAll()}), refuses new connections for a while ({@link #refuseNew}),
 * delays each forwarded chunk ({@link #delay}) or splits the stream into small writes ({@link #fragment}). Each
 * connection uses two virtual threads, one per direction.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean refusing;
    private volatile long delayNanos;
    private volatile int maxChunk = 16384;
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Starts a proxy in front of 127.0.0.1:{@code targetPort}. */
    public static FaultProxy start(int targetPort) {
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("target port " + targetPort + " outside 1..65535");
        }
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(Loopback.address(), 0));
            FaultProxy proxy = new FaultProxy(s, targetPort);
            Thread.ofVirtual().name("fault-proxy-accept-" + s.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new PeerException("fault proxy cannot listen on " + Loopback.HOST + ": " + e.getMessage());
        }
    }

    public String host() {
        return Loopback.HOST;
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    public int targetPort() {
        return targetPort;
    }

    /** Connections accepted so far (including refused ones). */
    public int accepted() {
        return accepted.get();
    }

    /** Connections currently being forwarded. */
    public int openConnections() {
        return open.size();
    }

    /** Connections ended by {@link #cutAll()} or {@link #refuseNew} so far. */
    public int cutConnections() {
        return cut.get();
    }

    /** Writes made while forwarding so far, both directions (each at most the {@link #fragment} size). */
    public long forwardedWrites() {
        return writes.get();
    }

    /** Resets every open connection on both sides (RST, as when a network path dies); returns how many. */
    public int cutAll() {
        int n = 0;
        for (Pair p : open) {
            p.reset();
            n++;
        }
        return n;
    }

    /** While {@code refuse} is true, new connections are accepted and reset at once (server unreachable). */
    public void refuseNew(boolean refuse) {
        this.refusing = refuse;
    }

    /** Waits this long before forwarding each chunk (both directions); zero turns it off. */
    public void delay(Duration perChunk) {
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + perChunk);
        }
        this.delayNanos = perChunk.toNanos();
    }

    /** Forwards at most {@code bytes} per write (1..16384), so that peers see a fragmented stream. */
    public void fragment(int bytes) {
        if (bytes < 1 || bytes > 16384) {
            throw new IllegalArgumentException("fragment size " + bytes + " outside 1..16384");
        }
        this.maxChunk = bytes;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing) {
                cut.incrementAndGet();
                resetQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(Loopback.address(), targetPort), 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                resetQuietly(client);
                resetQuietly(upstream);
                continue;
            }
            Pair p = new Pair(client, upstream);
            open.add(p);
            Thread.ofVirtual().name("fault-proxy-up-" + client.getPort()).start(() -> p.pump(client, upstream));
            Thread.ofVirtual().name("fault-proxy-down-" + client.getPort()).start(() -> p.pump(upstream, client));
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // already gone
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One proxied connection. */
    private final class Pair {
        private final Socket a;
        private final Socket b;
        private final AtomicInteger finished = new AtomicInteger();
        private volatile boolean reset;

        Pair(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void reset() {
            if (!reset) {
                reset = true;
                cut.incrementAndGet();
                resetQuietly(a);
                resetQuietly(b);
                open.remove(this);
            }
        }

        void pump(Socket from, Socket to) {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buf, 0, maxChunk);
                    if (n < 0) {
                        break;
                    }
                    long d = delayNanos;
                    if (d > 0) {
                        Thread.sleep(Duration.ofNanos(d));
                    }
                    writes.incrementAndGet(); // before the write: whoever sees the bytes sees the count
                    out.write(buf, 0, n);
                    out.flush();
                }
                if (!to.isClosed()) {
                    to.shutdownOutput(); // pass the FIN on
                }
            } catch (IOException | InterruptedException e) {
                if (!reset) {
                    resetQuietly(to);
                }
            } finally {
                if (finished.incrementAndGet() == 2) {
                    open.remove(this);
                    try {
                        a.close();
                        b.close();
                    } catch (IOException ignored) {
                        // done
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        cutAll();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + Loopback.HOST + ":" + port() + " -> " + Loopback.HOST + ":" + targetPort + "]";
    }
}
