package dev.porthole.display.backend;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.tinylog.TaggedLogger;

/**
 * A development view of a {@link HeadlessScanout} over HTTP on 127.0.0.1 only: {@code /} is a page
 * that reloads the picture every second, {@code /frame.png} the current frame. One small request at
 * a time, GET only; it is a window for developers, not a service.
 *
 * <p>Written over {@link ServerSocket} rather than {@code com.sun.net.httpserver} because the module
 * rules (ArchUnit) allow display-output only {@code java..}/{@code javax..} JDK packages.
 */
public final class LiveView implements AutoCloseable {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("display");
    private static final int MAX_REQUEST_LINE = 2048;

    private final HeadlessScanout scanout;
    private final ServerSocket server;
    private final Thread thread;

    private LiveView(HeadlessScanout scanout, ServerSocket server) {
        this.scanout = scanout;
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("display-liveview").start(this::serve);
    }

    /** Serves {@code scanout} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static LiveView start(HeadlessScanout scanout, int port) throws IOException {
        ServerSocket s = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        LiveView v = new LiveView(scanout, s);
        LOG.info("display live view url=http://127.0.0.1:{}/", s.getLocalPort());
        return v;
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                c.setSoTimeout(5000);
                handle(c);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("live view request failed: {}", e.getMessage());
                }
            }
        }
    }

    private void handle(Socket c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        if (line == null || line.length() > MAX_REQUEST_LINE) {
            return;
        }
        String[] parts = line.split(" ");
        OutputStream out = c.getOutputStream();
        if (parts.length < 2 || !parts[0].equals("GET")) {
            respond(out, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        switch (parts[1]) {
            case "/", "/index.html" -> respond(out, 200, "text/html; charset=utf-8", ("<!doctype html><title>Porthole display</title>"
                    + "<meta http-equiv=refresh content=1><body style='margin:0;background:#111'>"
                    + "<img src='/frame.png' alt='display'></body>").getBytes(StandardCharsets.UTF_8));
            case "/frame.png" -> {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                scanout.writePng(png);
                respond(out, 200, "image/png", png.toByteArray());
            }
            default -> respond(out, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void respond(OutputStream out, int status, String type, byte[] body) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            default -> "Method Not Allowed";
        };
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
