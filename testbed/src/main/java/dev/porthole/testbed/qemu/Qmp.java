package dev.porthole.testbed.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.porthole.testbed.PeerException;

/**
 * A minimal QMP (QEMU Machine Protocol) client over QEMU's unix socket: capability negotiation and
 * single commands, skipping asynchronous events. JSON is written by hand; replies are only checked
 * for {@code "return"} versus {@code "error"}.
 */
public final class Qmp implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        String greeting = in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new PeerException("QMP greeting expected from QEMU, got: " + greeting);
        }
        execute("{\"execute\":\"qmp_capabilities\"}");
    }

    /** Connects to the QMP socket at {@code socket}. */
    public static Qmp connect(Path socket) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Qmp(ch);
        } catch (IOException e) {
            throw new PeerException("cannot connect to QEMU's QMP socket " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Sends one command (a JSON object) and returns the reply line; a QMP error becomes an exception. */
    public synchronized String execute(String json) {
        try {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new PeerException("QEMU closed QMP while waiting for the reply to " + json);
                }
                if (line.contains("\"event\"")) {
                    continue;
                }
                if (line.contains("\"error\"")) {
                    throw new PeerException("QMP command " + json + " failed: " + line);
                }
                if (line.contains("\"return\"")) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new PeerException("QMP I/O failed for " + json + ": " + e.getMessage(), e);
        }
    }

    /** {@code screendump} of the primary display into a PPM file (a path QEMU can write). */
    public void screendump(Path ppm) {
        execute("{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"" + ppm.toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}}");
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // QEMU may already be gone
        }
    }
}
