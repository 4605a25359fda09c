package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpSecurity;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard RDP Security (MS-RDPBCGR 5.3) against xrdp 0.9 configured with {@code security_layer=rdp}: refused
 * without {@link RdpClientConfig.Builder#allowStandardRdpSecurity}; with it the client reaches ACTIVE, renders
 * the desktop (at least 99.5 % of the pixels equal to the server's own capture, as {@link RenderXrdpTest}) and
 * keys typed with fast-path (encrypted) and slow-path input arrive in the desktop's xterm. xrdp uses its 512-bit
 * key with a proprietary certificate signed with the Terminal Services key; one class per crypt_level: high
 * (128-bit RC4 both ways), medium (client compatible, 40-bit) and low (40-bit, only the client's data encrypted).
 */
class StandardSecurityXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final Map<Character, Integer> US = Map.ofEntries(
            Map.entry('r', 0x13), Map.entry('t', 0x14), Map.entry('o', 0x18), Map.entry('p', 0x19), Map.entry('e', 0x12),
            Map.entry('h', 0x23), Map.entry('a', 0x1E), Map.entry('l', 0x26), Map.entry('c', 0x2E), Map.entry('s', 0x1F), Map.entry('w', 0x11),
            Map.entry('4', 0x05), Map.entry('2', 0x03), Map.entry(' ', 0x39), Map.entry('.', 0x34), Map.entry('\n', 0x1C));

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static RdpClientConfig.Builder config(XrdpServer server) {
        return RdpClientConfig.builder(server.host()).port(server.port())
                .credentials(server.username(), "", server.password().toCharArray())
                .security(RdpClientConfig.Security.AUTO)
                .trust(CertificateTrust.pinned(server.certificateSha256()))
                .desktop(1024, 768).colorDepth(32)
                .phaseTimeout(Duration.ofSeconds(20));
    }

    @Nested
    @ExtendWith(XrdpExtension.class)
    @XrdpSecurity(layer = "rdp", cryptLevel = "high")
    class High {
        @Test
        void refusedUnlessTheConfigAllowsIt(XrdpServer server) {
            RdpClientConfig config = config(server).build();
            assertThat(config.allowStandardRdpSecurity()).isFalse();
            try (RdpSession session = RdpConnection.connect(GROUP, config, new ConnectionListener() {})) {
                assertThatThrownBy(() -> session.activated().get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(RdpException.class,
                                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.NEGOTIATION))
                        .hasMessageContaining("Standard RDP Security").hasMessageContaining("allowStandardRdpSecurity");
            }
        }

        @Test
        void rendersAndTypesWhenAllowed(XrdpServer server, @TempDir Path dir) throws Exception {
            rendersAndTypes(server, dir, "high", "RC4 128-bit, encryption level 3");
        }
    }

    @Nested
    @ExtendWith(XrdpExtension.class)
    @XrdpSecurity(layer = "rdp", cryptLevel = "low")
    class Low {
        @Test
        void rendersAndTypesWhenAllowed(XrdpServer server, @TempDir Path dir) throws Exception {
            rendersAndTypes(server, dir, "low", "RC4 40-bit, encryption level 1");
        }
    }

    @Nested
    @ExtendWith(XrdpExtension.class)
    @XrdpSecurity(layer = "rdp", cryptLevel = "medium")
    class Medium {
        @Test
        void rendersAndTypesWhenAllowed(XrdpServer server, @TempDir Path dir) throws Exception {
            rendersAndTypes(server, dir, "medium", "RC4 40-bit, encryption level 2");
        }
    }

    /**
     * @param negotiated what the SECURITY_ESTABLISHED milestone must say: xrdp (libxrdp/xrdp_sec.c) picks 128-bit
     *                   RC4 for crypt_level=high and 40-bit for low and medium (client compatible)
     */
    static void rendersAndTypes(XrdpServer server, Path dir, String level, String negotiated) throws Exception {
        SurfaceMirror mirror = new SurfaceMirror();
        java.util.List<String> milestones = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void onMilestone(ConnectorAction.Phase phase, String detail, Duration elapsed) {
                milestones.add(phase + ": " + detail);
            }

            @Override
            public void onSessionEvent(dev.porthole.rdp.protocol.surface.Surface surface,
                                       dev.porthole.rdp.protocol.session.SessionEvent event) {
                mirror.onSessionEvent(surface, event);
            }
        };
        RdpClientConfig config = config(server).allowStandardRdpSecurity(true).build();
        try (RdpSession session = RdpConnection.connect(GROUP, config, listener)) {
            RdpConnection.Progress p = session.activated().get(60, TimeUnit.SECONDS);
            assertThat(p.selectedProtocol()).as("PROTOCOL_RDP").isZero();
            assertThat(p.serverCertificate()).as("no TLS certificate under Standard RDP Security").isNull();
            assertThat(milestones).anySatisfy(m -> assertThat(m).isEqualTo("SECURITY_ESTABLISHED: Standard RDP Security, " + negotiated));
            int screen = 1024 * 768;
            mirror.awaitPainted(screen, Duration.ofMillis(1500), Duration.ofSeconds(60));
            server.awaitDesktop(Duration.ofSeconds(60));
            mirror.awaitPainted(screen, Duration.ofMillis(1500), Duration.ofSeconds(60));
            BufferedImage truth = ImageIO.read(server.captureDisplay(dir.resolve("server.png")).toFile());
            assertThat(java.util.Arrays.stream(truth.getRGB(0, 0, truth.getWidth(), truth.getHeight(), null, 0,
                    truth.getWidth())).distinct().count()).as("distinct colors in the capture").isGreaterThan(16);
            assertThat(SurfaceMirror.percentEqual(mirror.image(), truth, 32, "stdsec-" + level))
                    .as("%% of pixels equal to the server's capture").isGreaterThanOrEqualTo(99.5);

            awaitKeyboard(server, session);
            type(session, "porthole rc4 42\n");              // fast-path input, encrypted
            assertThat(await(server, "\n").replaceFirst("^\\.+", "")).isEqualTo("porthole rc4 42\n");
            server.clearTypedText();
            session.useSlowPathInput();
            type(session, "slow path\n");                    // slow-path input PDUs, encrypted
            assertThat(await(server, "\n").replaceFirst("^\\.+", "")).isEqualTo("slow path\n");
        }
    }

    private static String await(XrdpServer server, String end) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String text = server.readTypedText();
        while (!text.contains(end)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("typed text did not arrive within 30 s; last seen: " + text);
            }
            Thread.sleep(50);
            text = server.readTypedText();
        }
        return text;
    }

    private static void awaitKeyboard(XrdpServer server, RdpSession session) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            server.clearTypedText();
            type(session, ".");
            long probe = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < probe) {
                if (server.readTypedText().contains(".")) {
                    server.clearTypedText();
                    return;
                }
                Thread.sleep(50);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no key typed through RDP reached the xterm within 60 s");
            }
        }
    }

    private static void type(RdpSession session, String text) {
        for (char c : text.toCharArray()) {
            int code = US.get(c);
            session.sendKey(code, false, true);
            session.sendKey(code, false, false);
        }
    }
}
