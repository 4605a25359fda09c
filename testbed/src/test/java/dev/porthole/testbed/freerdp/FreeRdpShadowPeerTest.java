package dev.porthole.testbed.freerdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.PeerProcess;
import dev.porthole.testbed.TlsMaterial;
import dev.porthole.testbed.x11.ReferenceClient;
import dev.porthole.testbed.x11.TestDesktop;
import dev.porthole.testbed.x11.TestPattern;
import dev.porthole.testbed.x11.XvfbDesktop;

/** Smoke tests of the FreeRDP shadow server peer against the real server; no mocks. */
@ExtendWith(FreeRdpShadowExtension.class)
class FreeRdpShadowPeerTest {

    /** MS-RDPBCGR 2.2.1.1.1 requestedProtocols / 2.2.1.2.1 selectedProtocol flags. */
    private static final int PROTOCOL_SSL = 0x1;
    private static final int PROTOCOL_HYBRID = 0x2;

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Client X.224 Connection Request PDU, MS-RDPBCGR 2.2.1.1, without cookie or routing token:
     * <pre>
     * tpktHeader  (T.123 / RFC 1006 sect. 6)  03 00 00 13      version 3, reserved, length 19 (big-endian)
     * x224Crq     (X.224 sect. 13.3)          0E E0 00 00 00 00 00
     *             LI 14 (header after LI incl. variable part), CR TPDU code 0xE0 with CDT 0,
     *             DST-REF 0, SRC-REF 0, class 0
     * rdpNegReq   (MS-RDPBCGR 2.2.1.1.1)       01 00 08 00 pp pp pp pp
     *             type TYPE_RDP_NEG_REQ (0x01), flags 0, length 8 (LE), requestedProtocols (LE)
     * </pre>
     */
    private static byte[] connectionRequest(int requestedProtocols) {
        return new byte[] {
                0x03, 0x00, 0x00, 0x13,
                0x0E, (byte) 0xE0, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x01, 0x00, 0x08, 0x00,
                (byte) requestedProtocols, (byte) (requestedProtocols >>> 8),
                (byte) (requestedProtocols >>> 16), (byte) (requestedProtocols >>> 24)};
    }

    /** Sends the Connection Request and reads one whole TPKT-framed reply (length from its header). */
    private static byte[] negotiate(Socket socket, int requestedProtocols) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(connectionRequest(requestedProtocols));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[4];
        in.readFully(header);
        assertThat(header[0]).as("TPKT version (T.123)").isEqualTo((byte) 3);
        int length = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        assertThat(length).as("TPKT length").isBetween(11, 64);
        byte[] pdu = new byte[length];
        System.arraycopy(header, 0, pdu, 0, 4);
        in.readFully(pdu, 4, length - 4);
        return pdu;
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(Loopback.address(), port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static int le32(byte[] b, int offset) {
        return b[offset] & 0xFF | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16 | (b[offset + 3] & 0xFF) << 24;
    }

    /**
     * Asserts a Server X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2): TPKT, x224Ccf with TPDU code
     * 0xD0, then RDP_NEG_RSP (2.2.1.2.1, type 0x02) selecting {@code expectedProtocol}.
     */
    private static void assertSelects(byte[] pdu, int expectedProtocol) {
        assertThat(pdu).as("Connection Confirm with RDP_NEG_RSP is 19 bytes: %s", HexFormat.of().formatHex(pdu)).hasSize(19);
        assertThat(pdu[4] & 0xFF).as("X.224 LI").isEqualTo(14);
        assertThat(pdu[5] & 0xFF).as("X.224 TPDU code (CC)").isEqualTo(0xD0);
        assertThat(pdu[11] & 0xFF).as("rdpNegData type (TYPE_RDP_NEG_RSP)").isEqualTo(0x02);
        assertThat((pdu[13] & 0xFF) | (pdu[14] & 0xFF) << 8).as("RDP_NEG_RSP length").isEqualTo(8);
        assertThat(le32(pdu, 15)).as("selectedProtocol").isEqualTo(expectedProtocol);
    }

    @Test
    void connectionRequestIsConfirmedWithNla(FreeRdpShadowServer server) throws IOException {
        try (Socket s = connect(server.port())) {
            assertSelects(negotiate(s, PROTOCOL_SSL | PROTOCOL_HYBRID), PROTOCOL_HYBRID);
        }
    }

    @Test
    void tlsWithoutNlaIsRefusedBecauseNlaIsRequired(FreeRdpShadowServer server) throws IOException {
        try (Socket s = connect(server.port())) {
            byte[] pdu = negotiate(s, PROTOCOL_SSL);
            assertThat(pdu).as("X.224 CC with RDP_NEG_FAILURE: %s", HexFormat.of().formatHex(pdu)).hasSize(19);
            assertThat(pdu[5] & 0xFF).as("X.224 TPDU code (CC)").isEqualTo(0xD0);
            // MS-RDPBCGR 2.2.1.2.2 RDP_NEG_FAILURE: type 0x03, failureCode HYBRID_REQUIRED_BY_SERVER (0x5)
            assertThat(pdu[11] & 0xFF).as("rdpNegData type (TYPE_RDP_NEG_FAILURE)").isEqualTo(0x03);
            assertThat(le32(pdu, 15)).as("failureCode").isEqualTo(0x5);
        }
    }

    /** Accepts any server certificate and remembers the chain it was shown (test only). */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        final List<X509Certificate> presented = new ArrayList<>();

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.addAll(List.of(chain));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void tlsAfterNegotiationPresentsTheGeneratedCertificate(FreeRdpShadowServer server) throws Exception {
        try (Socket s = connect(server.port())) {
            assertSelects(negotiate(s, PROTOCOL_SSL | PROTOCOL_HYBRID), PROTOCOL_HYBRID);
            RecordingTrustManager trust = new RecordingTrustManager();
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, server.host(), server.port(), true)) {
                ssl.setUseClientMode(true);
                ssl.startHandshake();
                assertThat(ssl.getSession().getProtocol()).startsWith("TLSv1.");
            }
            assertThat(trust.presented).as("certificates the server presented").isNotEmpty();
            assertThat(TlsMaterial.fingerprint(trust.presented.getFirst())).isEqualTo(server.certificateSha256());
        }
    }

    @Test
    void nlaLogonWithTheRightPasswordSucceeds(FreeRdpShadowServer server) {
        ReferenceClient.Outcome o = server.referenceClient().authenticate(CLIENT_TIMEOUT);
        assertThat(o.succeeded()).as("xfreerdp +auth-only status %d, log:\n%s", o.exitCode(), o.readLog()).isTrue();
    }

    @Test
    void nlaLogonWithAWrongPasswordIsRefused(FreeRdpShadowServer server) {
        int failuresBefore = count(server.readServerLog(), "client authentication failure");
        ReferenceClient.Outcome o = server.referenceClient().credentials(server.username(), server.password() + "x")
                .authenticate(CLIENT_TIMEOUT);
        assertThat(o.succeeded()).as("xfreerdp with a wrong password must fail, log:\n%s", o.readLog()).isFalse();
        // the refusal is the server's NLA verdict, not a broken server
        assertThat(count(server.readServerLog(), "client authentication failure")).isGreaterThan(failuresBefore);
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void referenceClientRefusesAnotherCertificate(FreeRdpShadowServer server) {
        String other = TlsMaterial.selfSignedServer("other", List.of(), List.of()).sha256Fingerprint();
        ReferenceClient.Outcome o = server.referenceClient().certificateSha256(other).authenticate(CLIENT_TIMEOUT);
        assertThat(o.succeeded()).as("xfreerdp pinned to another certificate must fail, log:\n%s", o.readLog()).isFalse();
        assertThat(o.readLog()).contains("certificate");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void captureShowsTheTestPatternAtDisplaySize(FreeRdpShadowServer server, @TempDir Path dir) throws IOException {
        BufferedImage img = ImageIO.read(server.captureDisplay(dir.resolve("screen.png")).toFile());
        int w = FreeRdpShadowServer.DEFAULT_WIDTH;
        int h = FreeRdpShadowServer.DEFAULT_HEIGHT;
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);

        // known pattern colours at known places (64 px bars repeating every 512 px, then 32 px tiles)
        assertThat(rgb(img, 32, 32)).as("first bar").isEqualTo(0xFFFFFF);
        assertThat(rgb(img, 5 * 64 + 32, 32)).as("sixth bar").isEqualTo(0xFF0000);
        assertThat(rgb(img, 6 * 64 + 32, 32)).as("seventh bar").isEqualTo(0x0000FF);
        assertThat(rgb(img, 512 + 6 * 64 + 32, 32)).as("seventh bar, second round").isEqualTo(0x0000FF);
        assertThat(rgb(img, 0, 64)).as("first tile").isEqualTo(0xE6194B);
        assertThat(rgb(img, 1023, 767)).as("last tile: column 31, row 21, (3 * 31 + 5 * 21) mod 16 = 6")
                .isEqualTo(0x46F0F0);

        // every pixel outside the two windows is the pattern; the terminal shows its black background
        XvfbDesktop desktop = server.desktop();
        int mismatches = 0;
        int checked = 0;
        String first = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                checked += desktop.showsPattern(x, y) ? 1 : 0;
                if (desktop.showsPattern(x, y) && rgb(img, x, y) != TestPattern.rgbAt(x, y)) {
                    if (first == null) {
                        first = String.format("(%d,%d) #%06x", x, y, rgb(img, x, y));
                    }
                    mismatches++;
                }
            }
        }
        assertThat(mismatches).as("pixels differing from the pattern, first %s", first).isZero();
        assertThat(checked).as("pattern pixels checked").isGreaterThan(600_000);
        assertThat(rgb(img, 300, 200)).as("inside the typing xterm (black background)").isEqualTo(0x000000);
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void textTypedOnTheDisplayReachesTheTypedTextFile(FreeRdpShadowServer server) {
        String text = "porthole typed " + Long.toHexString(ThreadLocalRandom.current().nextLong());
        server.runOnDisplay("xdotool", "type", "--delay", "2", text);
        assertThat(server.desktop().awaitTypedText(text, Duration.ofSeconds(5))).contains(text);
        assertThat(server.typedTextFile()).content().contains(text);
    }

    @Test
    void pointerPositionAndClicksAreObservable(FreeRdpShadowServer server) throws InterruptedException {
        XvfbDesktop desktop = server.desktop();
        Rectangle pad = TestDesktop.POINTER_PAD;
        int x = pad.x + pad.width / 2;
        int y = pad.y + pad.height / 2;
        int before = desktop.buttonEvents().size();
        server.runOnDisplay("xdotool", "mousemove", Integer.toString(x), Integer.toString(y), "click", "3");
        assertThat(desktop.pointerLocation()).isEqualTo(new Point(x, y));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (desktop.buttonEvents().size() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<TestDesktop.PointerEvent> clicks = desktop.buttonEvents();
        assertThat(clicks.subList(before, clicks.size()))
                .extracting(TestDesktop.PointerEvent::type, TestDesktop.PointerEvent::button,
                        TestDesktop.PointerEvent::rootX, TestDesktop.PointerEvent::rootY)
                .containsExactly(tuple("ButtonPress", 3, x, y), tuple("ButtonRelease", 3, x, y));

        // clicking elsewhere does not take the keyboard focus from the terminal
        String text = "after click " + Long.toHexString(ThreadLocalRandom.current().nextLong());
        server.runOnDisplay("xdotool", "type", "--delay", "2", text);
        assertThat(desktop.awaitTypedText(text, Duration.ofSeconds(5))).contains(text);
    }

    @Test
    void sessionOfTheReferenceClientShowsTheTestPattern(FreeRdpShadowServer server, @TempDir Path dir)
            throws IOException, InterruptedException {
        int w = FreeRdpShadowServer.DEFAULT_WIDTH;
        int h = FreeRdpShadowServer.DEFAULT_HEIGHT;
        // centres of the eight bars and of a few tiles: flat areas, so lossy codecs keep their colour
        int[][] samples = {{32, 32}, {96, 32}, {160, 32}, {224, 32}, {288, 32}, {352, 32}, {416, 32}, {480, 32},
                {656, 400}, {848, 560}, {176, 656}, {1008, 752}};
        try (ReferenceClient session = server.referenceClient().start()) {
            session.awaitWindow(CLIENT_TIMEOUT);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String mismatch;
            int round = 0;
            do {
                BufferedImage img = ImageIO.read(session.capture(dir.resolve("client-" + round++ + ".png")).toFile());
                mismatch = firstFarOff(img, samples, w, h);
                if (mismatch == null) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
            assertThat(mismatch).as("client display vs test pattern (log %s)", session.log()).isNull();
            assertThat(session.isAlive()).isTrue();
            assertThat(server.readServerLog()).contains("Client from 127.0.0.1 is activated");
        }
    }

    /** The first sample whose colour differs by more than 24 per channel from the pattern, or null. */
    private static String firstFarOff(BufferedImage img, int[][] samples, int w, int h) {
        if (img.getWidth() < w || img.getHeight() < h) {
            return "capture is " + img.getWidth() + "x" + img.getHeight();
        }
        for (int[] s : samples) {
            int actual = rgb(img, s[0], s[1]);
            int expected = TestPattern.rgbAt(s[0], s[1]);
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs((actual >> shift & 0xFF) - (expected >> shift & 0xFF)) > 24) {
                    return String.format("(%d,%d) is #%06x, pattern #%06x", s[0], s[1], actual, expected);
                }
            }
        }
        return null;
    }

    @Test
    void twoServersRunSideBySideAndLeaveNothingBehind(FreeRdpShadowServer server) throws IOException {
        List<PeerProcess> processes;
        String display;
        int port;
        try (FreeRdpShadowServer second = FreeRdpShadowServer.start()) {
            display = second.display();
            port = second.port();
            processes = second.processes();
            assertThat(port).isNotEqualTo(server.port());
            assertThat(display).isNotEqualTo(server.display());
            assertThat(second.certificateSha256()).isNotEqualTo(server.certificateSha256());
            for (int p : new int[] {server.port(), second.port()}) {
                try (Socket s = connect(p)) {
                    assertSelects(negotiate(s, PROTOCOL_SSL | PROTOCOL_HYBRID), PROTOCOL_HYBRID);
                }
            }
        }
        assertThat(processes).as("processes of the closed server").noneMatch(PeerProcess::isAlive);
        assertThat(Loopback.accepts(port)).as("closed server's port still accepts").isFalse();
        String n = display.substring(1);
        assertThat(Path.of("/tmp/.X11-unix/X" + n)).doesNotExist();
        assertThat(Path.of("/tmp/.X" + n + "-lock")).doesNotExist();
        assertThat(server.isRunning()).as("first server unaffected").isTrue();
        assertThat(Files.exists(server.typedTextFile())).isTrue();
    }
}
