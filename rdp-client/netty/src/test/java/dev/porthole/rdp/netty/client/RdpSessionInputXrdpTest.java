package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Point;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Surface;
import dev.porthole.testbed.x11.TestDesktop;
import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input through {@link RdpSession} against the real xrdp: keys typed with fast-path scancode events arrive in
 * the test desktop's xterm, pointer moves, clicks and wheel turns in its xev pointer pad, and the server's
 * pointer shapes come back as {@link SessionEvent.PointerShape}s.
 */
@ExtendWith(XrdpExtension.class)
class RdpSessionInputXrdpTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    /** Set-1 scancodes of a US keyboard (MS-RDPBCGR 2.2.8.1.2.2.1 sends these). */
    private static final Map<Character, Integer> US = Map.ofEntries(
            Map.entry('q', 0x10), Map.entry('w', 0x11), Map.entry('e', 0x12), Map.entry('r', 0x13), Map.entry('t', 0x14),
            Map.entry('y', 0x15), Map.entry('u', 0x16), Map.entry('i', 0x17), Map.entry('o', 0x18), Map.entry('p', 0x19),
            Map.entry('a', 0x1E), Map.entry('s', 0x1F), Map.entry('d', 0x20), Map.entry('f', 0x21), Map.entry('g', 0x22),
            Map.entry('h', 0x23), Map.entry('j', 0x24), Map.entry('k', 0x25), Map.entry('l', 0x26), Map.entry('z', 0x2C),
            Map.entry('x', 0x2D), Map.entry('c', 0x2E), Map.entry('v', 0x2F), Map.entry('b', 0x30), Map.entry('n', 0x31),
            Map.entry('m', 0x32), Map.entry('1', 0x02), Map.entry('2', 0x03), Map.entry('3', 0x04), Map.entry('4', 0x05),
            Map.entry('5', 0x06), Map.entry('6', 0x07), Map.entry('7', 0x08), Map.entry('8', 0x09), Map.entry('9', 0x0A),
            Map.entry('0', 0x0B), Map.entry(' ', 0x39), Map.entry('.', 0x34), Map.entry('\n', 0x1C));
    private static final int LEFT_SHIFT = 0x2A;

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private RdpSession session;

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void connect(XrdpServer xrdp) throws Exception {
        RdpClientConfig config = RdpClientConfig.builder(xrdp.host()).port(xrdp.port())
                .credentials(xrdp.username(), "", xrdp.password().toCharArray())
                .security(RdpClientConfig.Security.AUTO)
                .trust(CertificateTrust.pinned(xrdp.certificateSha256()))
                .desktop(1024, 768)
                .phaseTimeout(Duration.ofSeconds(15))
                .build();
        session = RdpConnection.connect(GROUP, config, new ConnectionListener() {
            @Override
            public void onSessionEvent(Surface surface, SessionEvent event) {
                if (!(event instanceof SessionEvent.FrameDamaged)) {
                    events.add(event);
                }
            }
        });
        session.activated().get(60, TimeUnit.SECONDS);
        xrdp.awaitDesktop(Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void textTypedWithFastPathScancodesArrivesInTheXterm(XrdpServer xrdp) {
        awaitKeyboard(xrdp);
        type("porthole types 42\n");
        // shifted letters: the left shift held around them
        session.sendKey(LEFT_SHIFT, false, true);
        type("ok");
        session.sendKey(LEFT_SHIFT, false, false);
        // keypad Enter is the extended (E0) form of Enter's scancode
        session.sendKey(0x1C, true, true);
        session.sendKey(0x1C, true, false);

        String text = await(() -> xrdp.readTypedText(), t -> t.contains("OK\n"));
        assertThat(withoutProbes(text)).isEqualTo("porthole types 42\nOK\n");
    }

    @Test
    void slowPathInputEventsArriveToo(XrdpServer xrdp) {
        session.useSlowPathInput();
        awaitKeyboard(xrdp);
        type("slow path 7\n");
        int x = TestDesktop.POINTER_PAD.x + 70;
        int y = TestDesktop.POINTER_PAD.y + 20;
        session.sendPointerMove(x, y);
        session.sendPointerButton(5, true, x, y);  // TS_POINTERX_EVENT: X button 9
        session.sendPointerButton(5, false, x, y);
        session.sendWheel(false, -120, x, y);       // X button 5
        session.sendPointerButton(1, true, x, y);
        session.sendPointerButton(1, false, x, y);
        assertThat(withoutProbes(await(() -> xrdp.readTypedText(), t -> t.contains("\n")))).isEqualTo("slow path 7\n");
        List<TestDesktop.PointerEvent> presses = await(() -> xrdp.pointerEvents().stream()
                .filter(e -> e.type().equals("ButtonPress") && e.rootX() == x && e.rootY() == y).toList(),
                l -> l.stream().anyMatch(e -> e.button() == 1));
        assertThat(presses).extracting(TestDesktop.PointerEvent::button).containsExactly(9, 5, 1);
    }

    @Test
    void synchronizeSetsNumLockWhichDecidesWhatTheKeypadTypes(XrdpServer xrdp) {
        awaitKeyboard(xrdp);
        int keypad7 = 0x47; // without E0: keypad 7 (Home when Num Lock is off); with E0: the Home key
        session.sendSynchronize(RdpSession.NUM_LOCK);
        session.sendKey(keypad7, false, true);
        session.sendKey(keypad7, false, false);
        session.sendSynchronize(0);
        session.sendKey(keypad7, false, true);
        session.sendKey(keypad7, false, false);
        type("\n");
        String line = withoutProbes(await(() -> xrdp.readTypedText(), t -> t.contains("\n")));
        // Num Lock on: the digit; off: Home, which the xterm sends as an escape sequence (ESC [ H or ESC O H)
        assertThat(line).matches("7\u001b(\\[|O)H\n");
    }

    @Test
    void unicodeInputArrivesInTheXterm(XrdpServer xrdp) {
        awaitKeyboard(xrdp);
        for (char c : "unicode".toCharArray()) {
            session.sendUnicode(c, true);
            session.sendUnicode(c, false);
        }
        type("\n");
        String text = await(() -> xrdp.readTypedText(), t -> t.contains("\n"));
        assertThat(withoutProbes(text)).isEqualTo("unicode\n");
    }

    @Test
    void pointerMovesClicksAndWheelTurnsArriveInThePointerPad(XrdpServer xrdp) {
        int x = TestDesktop.POINTER_PAD.x + 40;
        int y = TestDesktop.POINTER_PAD.y + 50;
        session.sendPointerMove(x, y);
        Point at = await(xrdp::pointerPosition, p -> p.x == x && p.y == y);
        assertThat(at).isEqualTo(new Point(x, y));

        session.sendPointerButton(1, true, x, y);
        session.sendPointerButton(1, false, x, y);
        session.sendPointerButton(3, true, x, y);
        session.sendPointerButton(3, false, x, y);
        session.sendPointerButton(4, true, x, y);  // TS_FP_POINTERX_EVENT: X button 8
        session.sendPointerButton(4, false, x, y);
        session.sendWheel(false, 120, x, y);        // one notch up: X button 4
        session.sendWheel(false, -120, x, y);       // one notch down: X button 5
        session.sendWheel(true, 120, x, y);         // one notch right: X button 7
        session.sendPointerButton(2, true, x, y);   // the right button, last: everything before has arrived
        session.sendPointerButton(2, false, x, y);

        List<TestDesktop.PointerEvent> presses = await(() -> xrdp.pointerEvents().stream()
                .filter(e -> e.type().equals("ButtonPress")).toList(), l -> l.stream().anyMatch(e -> e.button() == 3));
        assertThat(presses).extracting(TestDesktop.PointerEvent::button).containsExactly(1, 2, 8, 4, 5, 7, 3);
        assertThat(presses).allSatisfy(e -> {
            assertThat(e.rootX()).isEqualTo(x);
            assertThat(e.rootY()).isEqualTo(y);
        });
    }

    @Test
    void theServersPointerShapesArriveAsArgbCursors(XrdpServer xrdp) {
        // crossing from the pattern into the xterm and the pad makes the X server change the cursor
        session.sendPointerMove(TestDesktop.POINTER_PAD.x + 10, TestDesktop.POINTER_PAD.y + 10);
        List<SessionEvent.PointerShape> shapes = await(() -> events.stream()
                .filter(SessionEvent.PointerShape.class::isInstance).map(SessionEvent.PointerShape.class::cast).toList(),
                l -> !l.isEmpty());
        for (SessionEvent.PointerShape s : shapes) {
            assertThat(s.width()).isBetween(1, 384);
            assertThat(s.height()).isBetween(1, 384);
            assertThat(s.argb()).hasSize(s.width() * s.height());
            assertThat(s.hotX()).isBetween(0, s.width() - 1);
            assertThat(s.hotY()).isBetween(0, s.height() - 1);
            // a cursor shape, not a filled block: some pixels fully transparent, some opaque
            assertThat(java.util.Arrays.stream(s.argb()).anyMatch(p -> p >>> 24 == 0)).as("transparent pixels").isTrue();
            assertThat(java.util.Arrays.stream(s.argb()).anyMatch(p -> p >>> 24 == 0xFF)).as("opaque pixels").isTrue();
        }
    }

    @Test
    void inputTheServerDidNotOfferOrOutOfRangeIsRefusedOnTheCallersThread() {
        assertThatThrownBy(() -> session.sendKey(0x100, false, true)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.ARGUMENT)).hasMessageContaining("scancode 256");
        assertThatThrownBy(() -> session.sendPointerButton(6, true, 1, 1)).isInstanceOf(RdpException.class)
                .hasMessageContaining("button 6");
        assertThatThrownBy(() -> session.sendPointerMove(-1, 0)).isInstanceOf(RdpException.class);
        session.close();
        RdpException closed = await(() -> {
            try {
                session.sendPointerMove(1, 1);
                return null;
            } catch (RdpException e) {
                return e;
            }
        }, java.util.Objects::nonNull);
        assertThat(closed.kind()).isEqualTo(RdpException.Kind.STATE);
    }

    /**
     * Waits until keys reach the xterm. When a client reconnects to an existing xrdp session, xorgxrdp reloads
     * the keyboard layout and drops the keys of the first seconds; a probe key ('.') is typed until one arrives.
     */
    private void awaitKeyboard(XrdpServer xrdp) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            xrdp.clearTypedText();
            type(".");
            long probe = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < probe) {
                if (xrdp.readTypedText().contains(".")) {
                    xrdp.clearTypedText();
                    return;
                }
                pause();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no key typed through RDP reached the xterm within 60 s");
            }
        }
    }

    /** A probe key that arrived after the typed text was cleared is not part of the text. */
    private static String withoutProbes(String text) {
        return text.replaceFirst("^\\.+", "");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void type(String text) {
        for (char c : text.toCharArray()) {
            int code = US.get(Character.toLowerCase(c));
            session.sendKey(code, false, true);
            session.sendKey(code, false, false);
        }
    }

    private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within " + ARRIVAL.toSeconds() + " s; last seen: " + value);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }
}
