package dev.porthole.agent.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import dev.porthole.rdp.netty.client.RdpClient;
import dev.porthole.rdp.netty.client.RdpClientConfig;
import dev.porthole.rdp.netty.client.RdpClientListener;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole connect}: connects to an RDP server with Porthole's client ({@link RdpClient}), prints each
 * milestone with the time since the process started, and writes the rendered session surface as a PNG:
 * once the whole desktop has been painted and stayed quiet for a moment, or {@code --after} seconds after
 * the session became active. Headless; for scripts, smoke tests and the boot-to-first-frame benchmark.
 */
@Command(name = "connect", description = "Connect to an RDP server, print the milestones and write the rendered desktop as PNG.")
final class ConnectCommand implements Callable<Integer> {

    @Option(names = "--host", required = true, paramLabel = "H", description = "Server host name or address.")
    String host;

    @Option(names = "--port", defaultValue = "3389", paramLabel = "P", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", defaultValue = "", paramLabel = "U", description = "User name (default: none, server-side logon).")
    String user;

    @Option(names = "--password-file", paramLabel = "F",
            description = "File holding the password (UTF-8; one trailing newline is dropped).")
    Path passwordFile;

    @Option(names = "--domain", defaultValue = "", paramLabel = "D", description = "Domain (default: none).")
    String domain;

    @Option(names = "--security", defaultValue = "auto", paramLabel = "tls|nla|auto",
            description = "Security protocols to offer (default: ${DEFAULT-VALUE}).")
    String security;

    @Option(names = "--trust-fingerprint", paramLabel = "SHA256",
            description = "Accept only the server certificate with this SHA-256 (hex); default: the system trust store.")
    String fingerprint;

    @Option(names = "--size", defaultValue = "1024x768", paramLabel = "WxH", description = "Desktop size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--bpp", defaultValue = "32", paramLabel = "16|24|32", description = "Color depth (default: ${DEFAULT-VALUE}).")
    int bpp;

    @Option(names = "--screenshot", required = true, paramLabel = "out.png", description = "Where to write the rendered desktop.")
    Path screenshot;

    @Option(names = "--after", paramLabel = "SECONDS",
            description = "Write the screenshot this long after the session is active (default: once the whole desktop "
                    + "was painted and stayed quiet for 0.5 s, at most 30 s).")
    Double after;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up when the session is not active within this time (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Milliseconds since this process started (the JVM's start time). */
    private static long sinceProcessStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RdpClientConfig config = config();
        Path target = screenshot.toAbsolutePath();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw usage("--screenshot " + screenshot + ": directory " + target.getParent() + " does not exist");
        }
        Frame frame = new Frame(config.width(), config.height());
        CountDownLatch ended = new CountDownLatch(1);
        RdpClientListener listener = new RdpClientListener() {
            @Override
            public void milestone(Phase phase, String detail, Duration elapsed) {
                print(out, "%-26s %s", phase, detail);
            }

            @Override
            public void connected(Connected c) {
                print(out, "connected: %s, %dx%d at %d bpp%s", c.protocol(), c.width(), c.height(), c.colorDepth(),
                        c.reconnected() ? " (reconnected)" : "");
            }

            @Override
            public void reconnecting(int attempt, Duration delay, RdpException cause) {
                print(out, "reconnecting: attempt %d in %d ms (%s)", attempt, delay.toMillis(), cause.getMessage());
            }

            @Override
            public void redirected(Redirected r) {
                print(out, "redirected: to %s:%d", r.host(), r.port());
            }

            @Override
            public void disconnected(Disconnected d) {
                if (d.reason() != Reason.CLOSED_LOCALLY) {
                    print(out, "disconnected: %s: %s", d.reason(), d.sentence());
                }
                ended.countDown();
            }

            @Override
            public void sessionEvent(Surface surface, SessionEvent event) {
                if (event instanceof SessionEvent.FrameDamaged d && frame.copy(surface, d)) {
                    print(out, "first frame: %d damaged rectangle(s) epoch_ms=%d", d.areas().size(), System.currentTimeMillis());
                }
            }
        };
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RdpClient client = RdpClient.create(group, config, listener);
        try {
            try {
                client.connect().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                out.println("connect: failed: " + (c instanceof RdpException r ? r.kind() + ": " + r.getMessage() : c));
                return 1;
            } catch (TimeoutException e) {
                out.println("connect: failed: the session was not active within " + timeoutSeconds + " s");
                return 1;
            }
            if (after != null) {
                Thread.sleep(Duration.ofMillis((long) (after * 1000)));
            } else {
                frame.awaitPaintedAndQuiet(Duration.ofSeconds(30), Duration.ofMillis(500));
            }
            if (ended.getCount() == 0) {
                out.println("connect: the session ended before the screenshot");
                return 1;
            }
            BufferedImage image = frame.image();
            ImageIO.write(image, "png", target.toFile());
            print(out, "screenshot: %s (%d of %d pixels painted)", target, frame.painted(), (long) config.width() * config.height());
            return 0;
        } finally {
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void print(PrintWriter out, String format, Object... args) {
        out.printf("connect: %6d ms  %s%n", sinceProcessStart(), String.format(format, args));
        out.flush();
    }

    private RdpClientConfig config() {
        if (host.isBlank()) {
            throw usage("--host is empty");
        }
        if (port < 1 || port > 65535) {
            throw usage("--port " + port + " is outside 1..65535");
        }
        if (bpp != 16 && bpp != 24 && bpp != 32) {
            throw usage("--bpp " + bpp + " is not 16, 24 or 32");
        }
        if (after != null && (after < 0 || after > 3600 || after.isNaN())) {
            throw usage("--after " + after + " is outside 0..3600 seconds");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw usage("--timeout " + timeoutSeconds + " is outside 1..3600 seconds");
        }
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        int width;
        int height;
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        } catch (NumberFormatException e) {
            throw usage("--size " + size + " is not WIDTHxHEIGHT (for example 1024x768)");
        }
        RdpClientConfig.Security sec = switch (security.toLowerCase(java.util.Locale.ROOT)) {
            case "tls" -> RdpClientConfig.Security.TLS;
            case "nla" -> RdpClientConfig.Security.NLA;
            case "auto" -> RdpClientConfig.Security.AUTO;
            default -> throw usage("--security " + security + " is not tls, nla or auto");
        };
        CertificateTrust trust;
        try {
            trust = fingerprint == null ? CertificateTrust.systemTrustStore() : CertificateTrust.pinned(fingerprint);
        } catch (IllegalArgumentException e) {
            throw usage("--trust-fingerprint: " + e.getMessage());
        }
        char[] password = readPassword();
        try {
            RdpClientConfig.Builder b = RdpClientConfig.builder(host).port(port)
                    .credentials(user, domain, password)
                    .security(sec)
                    .trust(trust)
                    .colorDepth(bpp)
                    .noReconnect();
            try {
                b.desktop(width, height);
            } catch (IllegalArgumentException e) {
                throw usage("--size " + size + ": " + e.getMessage());
            }
            return b.build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] readPassword() {
        if (passwordFile == null) {
            return new char[0];
        }
        byte[] bytes;
        try {
            if (Files.size(passwordFile) > 4096) {
                throw usage("--password-file " + passwordFile + " is larger than 4096 bytes");
            }
            bytes = Files.readAllBytes(passwordFile);
        } catch (IOException e) {
            throw usage("--password-file " + passwordFile + " cannot be read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            char[] password = new char[end];
            chars.get(0, password, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (password.length == 0) {
                throw usage("--password-file " + passwordFile + " is empty");
            }
            return password;
        } catch (CharacterCodingException e) {
            throw usage("--password-file " + passwordFile + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A copy of the session surface, updated on the event loop from damage events, read by the command thread. */
    static final class Frame {
        private final int width;
        private final int height;
        private final int[] pixels;
        private final boolean[] painted;
        private long paintedCount;
        private long lastDamage;
        private boolean first = true;

        Frame(int width, int height) {
            this.width = width;
            this.height = height;
            this.pixels = new int[width * height];
            this.painted = new boolean[width * height];
        }

        /** Copies the damaged areas; true for the first damage. */
        synchronized boolean copy(Surface s, SessionEvent.FrameDamaged d) {
            int[] src = s.pixels();
            for (Rect r : d.areas()) {
                Rect a = r.intersect(new Rect(0, 0, Math.min(width, s.width()), Math.min(height, s.height())));
                for (int y = a.y(); y < a.y() + a.height(); y++) {
                    System.arraycopy(src, y * s.width() + a.x(), pixels, y * width + a.x(), a.width());
                    for (int x = a.x(); x < a.x() + a.width(); x++) {
                        if (!painted[y * width + x]) {
                            painted[y * width + x] = true;
                            paintedCount++;
                        }
                    }
                }
            }
            lastDamage = System.nanoTime();
            notifyAll();
            boolean wasFirst = first;
            first = false;
            return wasFirst;
        }

        synchronized long painted() {
            return paintedCount;
        }

        synchronized void awaitPaintedAndQuiet(Duration max, Duration quiet) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                if (paintedCount == (long) width * height && System.nanoTime() - lastDamage >= quiet.toNanos()) {
                    return;
                }
                wait(50);
            }
        }

        synchronized BufferedImage image() {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, width, height, pixels, 0, width);
            return img;
        }
    }
}
