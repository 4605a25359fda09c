package dev.porthole.testbed.xrdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.x11.HostCommand;
import dev.porthole.testbed.x11.ReferenceClient;
import dev.porthole.testbed.x11.TestDesktop;
import dev.porthole.testbed.x11.TestPattern;
import dev.porthole.testbed.x11.XCapture;

/** Smoke tests of the xrdp test peer against the real xrdp 0.9 (no mocks). */
@ExtendWith(XrdpExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpPeerTest {

    /** MS-RDPBCGR 2.2.1.1.1 requestedProtocols / 2.2.1.2.1 selectedProtocol flags. */
    private static final int PROTOCOL_RDP = 0x0;
    private static final int PROTOCOL_SSL = 0x1;
    private static final int PROTOCOL_HYBRID = 0x2;

    /** What the X.224 Connection Confirm carried (MS-RDPBCGR 2.2.1.2). */
    private record Confirm(int tpduCode, int negotiationType, int value) {}

    /**
     * MS-RDPBCGR 2.2.1.1 Client X.224 Connection Request PDU, without cookie or routing token:
     * tpktHeader (T.123 section 8: version 3, reserved 0, 16-bit big-endian length of the whole packet),
     * x224Crq (X.224 section 13.3: length indicator, CR code 0xE0 with credit 0, DST-REF 0, SRC-REF 0,
     * class 0), rdpNegReq (2.2.1.1.1: type 0x01, flags 0, length 8 little-endian, requestedProtocols
     * little-endian).
     */
    private static byte[] connectionRequest(int requestedProtocols) {
        ByteBuffer b = ByteBuffer.allocate(19);
        b.put((byte) 0x03).put((byte) 0x00).order(ByteOrder.BIG_ENDIAN).putShort((short) 19); // TPKT
        b.put((byte) 14);            // LI: 6 bytes of fixed TPDU header after LI + 8 bytes of RDP_NEG_REQ
        b.put((byte) 0xE0);          // CR
        b.putShort((short) 0);       // DST-REF
        b.putShort((short) 0);       // SRC-REF
        b.put((byte) 0);             // class 0
        b.put((byte) 0x01);          // TYPE_RDP_NEG_REQ
        b.put((byte) 0x00);          // flags
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) 8);
        b.putInt(requestedProtocols);
        return b.array();
    }

    /** Sends a Connection Request and parses the Connection Confirm (MS-RDPBCGR 2.2.1.2) from {@code socket}. */
    private static Confirm negotiate(Socket socket, int requestedProtocols) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(connectionRequest(requestedProtocols));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] tpkt = new byte[4];
        in.readFully(tpkt);
        assertThat(tpkt[0]).as("TPKT version").isEqualTo((byte) 3);
        int length = ((tpkt[2] & 0xFF) << 8) | (tpkt[3] & 0xFF);
        assertThat(length).as("TPKT length of the Connection Confirm").isEqualTo(19);
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer b = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        int li = b.get() & 0xFF;
        assertThat(li).as("X.224 length indicator").isEqualTo(14);
        int code = b.get() & 0xF0;
        b.getShort(); // DST-REF
        b.getShort(); // SRC-REF
        b.get();      // class
        int type = b.get() & 0xFF;
        b.get();      // flags
        int negLength = b.getShort() & 0xFFFF;
        assertThat(negLength).as("RDP_NEG_RSP/RDP_NEG_FAILURE length").isEqualTo(8);
        return new Confirm(code, type, b.getInt());
    }

    private static Socket connect(XrdpServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.host(), server.port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Negotiates TLS and completes a TLS handshake on the same socket; returns the certificate presented. */
    private static X509Certificate presentedCertificate(XrdpServer server) throws Exception {
        try (Socket raw = connect(server)) {
            Confirm confirm = negotiate(raw, PROTOCOL_SSL | PROTOCOL_HYBRID);
            assertThat(confirm.value()).as("selectedProtocol").isEqualTo(PROTOCOL_SSL);
            RecordingTrustManager recorder = new RecordingTrustManager();
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, server.host(), server.port(), true)) {
                tls.setUseClientMode(true);
                tls.startHandshake();
                assertThat(recorder.presented).as("certificates seen by the trust manager").hasSize(1);
                X509Certificate fromSession = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                assertThat(fromSession).isEqualTo(recorder.presented.getFirst());
                return fromSession;
            }
        }
    }

    @Test
    @Order(1)
    void x224NegotiationSelectsTls(XrdpServer server) throws IOException {
        try (Socket s = connect(server)) {
            Confirm confirm = negotiate(s, PROTOCOL_SSL | PROTOCOL_HYBRID);
            assertThat(confirm.tpduCode()).as("X.224 TPDU code (Connection Confirm)").isEqualTo(0xD0);
            assertThat(confirm.negotiationType()).as("TYPE_RDP_NEG_RSP").isEqualTo(0x02);
            assertThat(confirm.value()).as("selectedProtocol: PROTOCOL_SSL (xrdp 0.9 has no HYBRID)")
                    .isEqualTo(PROTOCOL_SSL);
        }
    }

    @Test
    @Order(2)
    void standardRdpSecurityIsRefused(XrdpServer server) throws IOException {
        try (Socket s = connect(server)) {
            Confirm confirm = negotiate(s, PROTOCOL_RDP);
            assertThat(confirm.tpduCode()).as("X.224 TPDU code (Connection Confirm)").isEqualTo(0xD0);
            assertThat(confirm.negotiationType()).as("TYPE_RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.2)").isEqualTo(0x03);
            assertThat(confirm.value()).as("failureCode SSL_REQUIRED_BY_SERVER").isEqualTo(0x1);
        }
    }

    @Test
    @Order(3)
    void tlsHandshakePresentsTheGeneratedCertificate(XrdpServer server) throws Exception {
        X509Certificate cert = presentedCertificate(server);
        assertThat(TlsMaterial.fingerprint(cert)).isEqualTo(server.certificateSha256());
        assertThat(server.certificateSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    @Order(4)
    void nothingToCaptureBeforeALogin(XrdpServer server, @TempDir Path tmp) {
        assertThat(server.sessionDisplay()).isEmpty();
        assertThatThrownBy(() -> server.captureDisplay(tmp.resolve("none.png")))
                .isInstanceOf(PeerException.class)
                .hasMessageContaining("has no session for user " + server.username());
    }

    @Test
    @Order(5)
    void referenceClientLogsInAndTheCaptureShowsTheTestDesktop(XrdpServer server, @TempDir Path tmp) {
        long t0 = System.nanoTime();
        try (ReferenceClient client = server.logIn()) {
            long loggedIn = System.nanoTime();
            System.out.printf("login to complete desktop: %d ms%n", (loggedIn - t0) / 1_000_000);
            assertThat(server.sessionDisplay()).isPresent();

            BufferedImage img = XCapture.read(server.captureDisplay(tmp.resolve("session.png")));
            assertThat(img.getWidth()).as("captured width").isEqualTo(1024);
            assertThat(img.getHeight()).as("captured height").isEqualTo(768);
            assertShowsPattern(img, "server capture");
            assertThat(img.getRGB(300, 200) & 0xFFFFFF).as("inside the typing xterm (black background)").isZero();

            // Typing inside the session (XTEST on the session's own X server).
            server.runInSession("xdotool", "type", "--delay", "10", "hello from xdotool");
            await(() -> server.readTypedText().equals("hello from xdotool"), Duration.ofSeconds(10),
                    () -> "typed text is '" + server.readTypedText() + "'");

            // A long-running process in the session sees the session's display.
            try (var watcher = server.startInSession("display-echo", "/bin/sh", "-c", "echo \"on $DISPLAY\"; exec sleep 60")) {
                await(() -> readQuietly(watcher.log()).contains("on :" + server.sessionDisplay().getAsInt()),
                        Duration.ofSeconds(5), () -> "log: " + readQuietly(watcher.log()));
            }

            // Typing through the RDP path: XTEST on the client's Xvfb -> xfreerdp -> RDP input PDUs -> xrdp.
            server.clearTypedText();
            client.type("via rdp 123");
            await(() -> server.readTypedText().equals("via rdp 123"), Duration.ofSeconds(10),
                    () -> "typed text is '" + server.readTypedText() + "'");

            // Pointer through the RDP path, observed by xev in the session.
            int x = TestDesktop.POINTER_PAD.x + 41;
            int y = TestDesktop.POINTER_PAD.y + 27;
            client.moveMouse(x, y);
            client.click(1);
            await(() -> server.pointerEvents().stream().anyMatch(e -> e.type().equals("ButtonPress")
                            && e.button() == 1 && e.rootX() == x && e.rootY() == y),
                    Duration.ofSeconds(10), () -> "pointer events: " + server.pointerEvents());
            assertThat(server.pointerPosition()).isEqualTo(new Point(x, y));

            // The reference client shows the same desktop (lossless at 32 bpp).
            BufferedImage shown = XCapture.read(client.capture(tmp.resolve("client.png")));
            assertThat(shown.getWidth()).isEqualTo(1024);
            assertShowsPattern(shown, "reference client");
            System.out.printf("session checks: %d ms%n", (System.nanoTime() - loggedIn) / 1_000_000);
        }
    }

    @Test
    @Order(6)
    void aSecondInstanceRunsAlongsideAndCleansUp(XrdpServer server, @TempDir Path tmp) throws Exception {
        String otherUser;
        int otherDisplay;
        long closing;
        long t0 = System.nanoTime();
        try (XrdpServer other = XrdpServer.start()) {
            System.out.printf("second instance started: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            otherUser = other.username();
            assertThat(other.port()).isNotEqualTo(server.port());
            assertThat(other.username()).isNotEqualTo(server.username());
            assertThat(other.certificateSha256()).isNotEqualTo(server.certificateSha256());
            // each instance reads its own configuration although both use the compiled-in /etc/xrdp
            assertThat(TlsMaterial.fingerprint(presentedCertificate(other))).isEqualTo(other.certificateSha256());
            assertThat(TlsMaterial.fingerprint(presentedCertificate(server))).isEqualTo(server.certificateSha256());

            try (ReferenceClient client = other.logIn()) {
                assertThat(client.isAlive()).isTrue();
                otherDisplay = other.sessionDisplay().orElseThrow();
                assertThat(server.sessionDisplay()).as("the first server's (disconnected) session is still there")
                        .isPresent();
                assertThat(otherDisplay).isNotEqualTo(server.sessionDisplay().getAsInt());
                assertShowsPattern(XCapture.read(other.captureDisplay(tmp.resolve("other.png"))), "second server");
                server.clearTypedText();
                other.runInSession("xdotool", "type", "only here");
                await(() -> other.readTypedText().equals("only here"), Duration.ofSeconds(10),
                        () -> "typed text is '" + other.readTypedText() + "'");
                assertThat(server.readTypedText()).as("typed text of the first server").isEmpty();
            }
            closing = System.nanoTime();
        }
        long closed = System.nanoTime();
        assertThat(HostCommand.run(Duration.ofSeconds(10), "getent", "passwd", otherUser).exitCode())
                .as("getent passwd " + otherUser + " after close (2 = no such user)").isEqualTo(2);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().user().orElse("").equals(otherUser)).toList())
                .as("processes of the removed user").isEmpty();
        assertThat(Files.exists(Path.of("/tmp/.X11-unix/X" + otherDisplay))).as("X socket of the closed session")
                .isFalse();
        System.out.printf("second instance: total %d ms, close %d ms, checks after close %d ms%n",
                (closed - t0) / 1_000_000, (closed - closing) / 1_000_000, (System.nanoTime() - closed) / 1_000_000);
    }

    /** Every pixel outside the two windows equals the test pattern. */
    private static void assertShowsPattern(BufferedImage img, String what) {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (!TestDesktop.showsPattern(x, y)) {
                    continue;
                }
                checked++;
                int actual = img.getRGB(x, y) & 0xFFFFFF;
                int expected = TestPattern.rgbAt(x, y);
                if (actual != expected && wrong.size() < 10) {
                    wrong.add(String.format("(%d,%d) is %06x, expected %06x", x, y, actual, expected));
                }
            }
        }
        assertThat(checked).as(what + ": pattern pixels checked").isGreaterThan(600_000);
        assertThat(wrong).as(what + ": pixels differing from the test pattern").isEmpty();
        // sanity of the expectations themselves: bars and tiles are where the pattern says
        assertThat(TestPattern.rgbAt(10, 10)).isEqualTo(0xFFFFFF);
        assertThat(TestPattern.rgbAt(64 * 6 + 1, 63)).isEqualTo(0x0000FF);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout.toMillis() + " ms: " + state.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Trusts every server certificate and records what was presented (test only). */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        final List<X509Certificate> presented = new ArrayList<>();

        private void record(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            presented.add(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
