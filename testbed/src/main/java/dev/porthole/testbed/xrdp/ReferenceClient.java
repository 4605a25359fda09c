package dev.porthole.testbed.xrdp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.Workspace;
import dev.porthole.testbed.x11.HostCommand;
import dev.porthole.testbed.x11.XvfbDisplay;

/**
 * FreeRDP's X11 client ({@code xfreerdp}, Debian package freerdp2-x11) as the reference RDP client: it runs
 * on its own private {@link XvfbDisplay}, so tests and benchmarks can log in to a real server, drive input
 * through the RDP path (XTEST events on the client's display via xdotool) and capture what the client
 * rendered. Not tied to xrdp; {@link #logIn(XrdpServer)} is the shortcut for the xrdp test peer.
 */
public final class ReferenceClient implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Path workspace;
    private final XvfbDisplay display;
    private final PeerProcess process;
    private final String target;
    private volatile String window;

    private ReferenceClient(Path workspace, XvfbDisplay display, PeerProcess process, String target) {
        this.workspace = workspace;
        this.display = display;
        this.process = process;
        this.target = target;
    }

    /** Options of one xfreerdp connection. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private String certificateSha256;
        private int width = 1024;
        private int height = 768;
        private int bpp = 32;
        private final List<String> extraArguments = new ArrayList<>();

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Credentials sent in the Client Info PDU (MS-RDPBCGR 2.2.1.11.1.1) or via NLA. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Accept only the server certificate with this SHA-256 (hex, any case, separators allowed); without it the
         * client accepts any certificate ({@code /cert:ignore}).
         */
        public Builder certificateSha256(String hex) {
            this.certificateSha256 = hex;
            return this;
        }

        /** Desktop size requested in the Client Core Data (MS-RDPBCGR 2.2.1.3.2); default 1024 x 768. */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Colour depth requested; default 32. */
        public Builder bpp(int bpp) {
            this.bpp = bpp;
            return this;
        }

        /** Further xfreerdp arguments, e.g. {@code /sec:tls}, {@code /gfx}, {@code -compression}. */
        public Builder arguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /** Starts Xvfb and xfreerdp; returns once the client process runs (not necessarily logged in). */
        public ReferenceClient start() {
            Path xfreerdp = Programs.require("xfreerdp", "freerdp2-x11");
            Programs.require("xdotool", "xdotool");
            Path ws = Workspace.create("xfreerdp");
            XvfbDisplay x = XvfbDisplay.start(width, height, ws, Duration.ofSeconds(15));
            List<String> cmd = new ArrayList<>(List.of(xfreerdp.toString(), "/v:" + host + ":" + port,
                    "/size:" + width + "x" + height, "/bpp:" + bpp, "/log-level:INFO", "-grab-keyboard"));
            if (username != null) {
                cmd.add("/u:" + username);
            }
            if (password != null) {
                cmd.add("/p:" + password);
            }
            cmd.add(certificateSha256 == null ? "/cert:ignore" : "/cert:fingerprint:sha256:" + colonHex(certificateSha256));
            cmd.addAll(extraArguments);
            try {
                PeerProcess p = PeerProcess.start("xfreerdp", cmd, ws, ws.resolve("xfreerdp.log"),
                        Map.of("DISPLAY", x.name(), "HOME", ws.toString()));
                return new ReferenceClient(ws, x, p, host + ":" + port);
            } catch (RuntimeException e) {
                x.close();
                throw e;
            }
        }
    }

    /** A connection to {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Logs in to {@code server} at 1024 x 768, 32 bpp, TLS, pinning the server's certificate, and waits until
     * the server's test desktop is complete. Fails early with the client's log when xfreerdp exits.
     */
    public static ReferenceClient logIn(XrdpServer server) {
        return logIn(server, 1024, 768, Duration.ofSeconds(30));
    }

    /** {@link #logIn(XrdpServer)} with another desktop size and timeout. */
    public static ReferenceClient logIn(XrdpServer server, int width, int height, Duration timeout) {
        ReferenceClient client = builder(server.host(), server.port())
                .credentials(server.username(), server.password())
                .certificateSha256(server.certificateSha256())
                .size(width, height)
                .arguments("/sec:tls")
                .start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                OptionalInt d = server.desktopDisplay();
                if (d.isPresent()) {
                    return client;
                }
                if (!client.isAlive()) {
                    throw new PeerException("xfreerdp exited with status " + client.process.exitValue()
                            + " before the session on " + server.describe() + " was ready; xfreerdp log:\n"
                            + client.process.logTail(40));
                }
                Thread.sleep(50);
            }
            throw new PeerException("no complete session on " + server.describe() + " within " + timeout.toMillis()
                    + " ms after xfreerdp connected; xfreerdp log:\n" + client.process.logTail(40));
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while logging in to " + server.describe(), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The client's private X display. */
    public XvfbDisplay display() {
        return display;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** xfreerdp's log (WLog output; passwords are masked by xfreerdp). */
    public Path log() {
        return process.log();
    }

    /** Captures what the client shows (its Xvfb root window) into {@code png}. */
    public Path capture(Path png) {
        return display.capture(png);
    }

    /** {@link #capture(Path)} into the client's workspace. */
    public Path capture() {
        return capture(workspace.resolve("client-" + System.nanoTime() + ".png"));
    }

    /** Types {@code text} into the client window, so it reaches the server as RDP keyboard input. */
    public void type(String text) {
        focus();
        xdotool("type", "--delay", "15", "--", text);
    }

    /** Presses a key combination such as {@code Return} or {@code ctrl+a} in the client window. */
    public void key(String keys) {
        focus();
        xdotool("key", "--", keys);
    }

    /** Moves the pointer to ({@code x}, {@code y}) of the remote desktop (client window coordinates). */
    public void moveMouse(int x, int y) {
        xdotool("mousemove", "--window", window(), "--sync", Integer.toString(x), Integer.toString(y));
    }

    /** Clicks {@code button} (1 left, 2 middle, 3 right) at the current pointer position. */
    public void click(int button) {
        xdotool("click", Integer.toString(button));
    }

    private void focus() {
        xdotool("windowfocus", "--sync", window());
    }

    /** The X window id of xfreerdp's main window on the client display. */
    public String window() {
        String w = window;
        if (w == null) {
            String out = xdotool("search", "--sync", "--limit", "1", "--onlyvisible", "--class", "xfreerdp").strip();
            if (out.isEmpty()) {
                throw new PeerException("no xfreerdp window on " + display + "; log:\n" + process.logTail(30));
            }
            window = w = out.lines().findFirst().orElseThrow();
        }
        return w;
    }

    private String xdotool(String... args) {
        if (!isAlive()) {
            throw new PeerException("xfreerdp (connected to " + target + ") is not running (status "
                    + process.exitValue() + "); log:\n" + process.logTail(30));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Programs.require("xdotool", "xdotool").toString());
        cmd.addAll(List.of(args));
        return HostCommand.run(cmd, Map.of("DISPLAY", display.name()), null, COMMAND_TIMEOUT).requireSuccess().stdout();
    }

    /** Ends the client and its Xvfb. Never throws. */
    @Override
    public void close() {
        process.close();
        display.close();
    }

    private static String colonHex(String hex) {
        String clean = hex.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        HexFormat.of().parseHex(clean); // validates
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(clean));
    }

    @Override
    public String toString() {
        return "xfreerdp -> " + target + " on " + display;
    }
}
