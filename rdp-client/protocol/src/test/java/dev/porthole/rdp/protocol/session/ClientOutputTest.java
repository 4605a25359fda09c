package dev.porthole.rdp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.capability.FrameAcknowledgeCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.GeneralCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.InputCapabilitySet;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.DemandActivePdu;
import dev.porthole.rdp.protocol.pdu.rdp.FrameAcknowledgePdu;
import dev.porthole.rdp.protocol.pdu.rdp.InputPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Rectangle16;
import dev.porthole.rdp.protocol.pdu.rdp.RefreshRectPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.pdu.rdp.SuppressOutputPdu;
import dev.porthole.rdp.protocol.surface.Rect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link ClientOutput}: input in fast-path and slow-path form, suppress output, refresh rect, frame acknowledge. */
class ClientOutputTest {

    static final int ALL_INPUT = InputCapabilitySet.INPUT_FLAG_SCANCODES | InputCapabilitySet.INPUT_FLAG_MOUSEX
            | InputCapabilitySet.INPUT_FLAG_UNICODE | InputCapabilitySet.TS_INPUT_FLAG_MOUSE_HWHEEL;
    static final ClientOutput FAST = new ClientOutput(ALL_INPUT | InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT2, true, true,
            true, 1024, 768);
    static final ClientOutput SLOW = new ClientOutput(ALL_INPUT, true, true, false, 1024, 768);
    static final ClientOutput BARE = new ClientOutput(InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT, false, false, false, 800, 600);

    @Test
    void aPointerMoveEncodesAsTheSpecsAnnotatedFastPathEvent() {
        // MS-RDPBCGR 4.7: the decrypted fpInputEvents of the annotated Fast-Path Input Event PDU, a move to (683, 367)
        byte[] expected = HexVectors.load("/vectors/ms-rdpbcgr/4.7-fast-path-input-events-decrypted.hex");
        byte[] pdu = fastPathBytes(FAST.move(683, 367));
        // fpInputHeader (numEvents 1 in bits 2-5) and a one-byte length, then the events
        assertThat(pdu[0] & 0xFF).isEqualTo(1 << 2);
        assertThat(pdu[1] & 0xFF).isEqualTo(pdu.length);
        assertThat(java.util.Arrays.copyOfRange(pdu, 2, pdu.length)).isEqualTo(expected);
    }

    @Test
    void keysCarryReleaseAndExtendedInTheEventFlags() {
        // TS_FP_KEYBOARD_EVENT (2.2.8.1.2.2.1): eventHeader = eventFlags | eventCode << 5, then keyCode
        assertThat(events(FAST.key(0x1E, false, true))).isEqualTo(new byte[] {0x00, 0x1E});
        assertThat(events(FAST.key(0x1C, true, false))).isEqualTo(new byte[] {0x03, 0x1C});
        assertThat(events(FAST.unicode(0x20AC, true))).isEqualTo(new byte[] {(byte) 0x80, (byte) 0xAC, 0x20});
        assertThat(events(FAST.synchronize(RdpLocks.NUM | RdpLocks.CAPS))).isEqualTo(new byte[] {0x66});
        assertThat(events(FAST.button(4, true, 1, 2))).isEqualTo(new byte[] {0x40, 0x01, (byte) 0x80, 0x01, 0x00, 0x02, 0x00});
        assertThat(events(FAST.button(1, false, 3, 4))).isEqualTo(new byte[] {0x20, 0x00, 0x10, 0x03, 0x00, 0x04, 0x00});
    }

    @Test
    void pauseIsTheE1PrefixedCtrlAndNumLockPressedAndReleasedInOnePdu() {
        // TS_FP_KEYBOARD_EVENT flags: FASTPATH_INPUT_KBDFLAGS_RELEASE 0x01, FASTPATH_INPUT_KBDFLAGS_EXTENDED1 0x04
        assertThat(events(FAST.pause())).isEqualTo(new byte[] {0x04, 0x1D, 0x00, 0x45, 0x05, 0x1D, 0x01, 0x45});
        assertThat(((ClientOutput.SlowPath) SLOW.pause()).pdu().events()).containsExactly(
                new InputPdu.Event(0, InputPdu.INPUT_EVENT_SCANCODE, InputPdu.KBDFLAGS_EXTENDED1, 0x1D, 0),
                new InputPdu.Event(0, InputPdu.INPUT_EVENT_SCANCODE, 0, 0x45, 0),
                new InputPdu.Event(0, InputPdu.INPUT_EVENT_SCANCODE, InputPdu.KBDFLAGS_EXTENDED1 | InputPdu.KBDFLAGS_RELEASE, 0x1D, 0),
                new InputPdu.Event(0, InputPdu.INPUT_EVENT_SCANCODE, InputPdu.KBDFLAGS_RELEASE, 0x45, 0));
    }

    @Test
    void wheelTurnsAreSplitIntoNotchesWithTheSignInTheNinthBit() {
        assertThat(events(FAST.wheel(false, 360, 5, 6))).isEqualTo(new byte[] {
                0x20, 0x78, 0x02, 0x05, 0x00, 0x06, 0x00, 0x20, 0x78, 0x02, 0x05, 0x00, 0x06, 0x00,
                0x20, 0x78, 0x02, 0x05, 0x00, 0x06, 0x00});
        // -120: 0x188 in the rotation bits (PTRFLAGS_WHEEL_NEGATIVE 0x100 set), PTRFLAGS_HWHEEL 0x400
        assertThat(events(FAST.wheel(true, -120, 0, 0))).isEqualTo(new byte[] {0x20, (byte) 0x88, 0x05, 0, 0, 0, 0});
    }

    @Test
    void withoutFastPathInputTheSlowPathInputPduIsUsed() {
        ClientOutput.Input key = SLOW.key(0x1C, true, false);
        assertThat(key).isInstanceOf(ClientOutput.SlowPath.class);
        InputPdu pdu = ((ClientOutput.SlowPath) key).pdu();
        assertThat(pdu.events()).containsExactly(new InputPdu.Event(0, InputPdu.INPUT_EVENT_SCANCODE,
                InputPdu.KBDFLAGS_EXTENDED | InputPdu.KBDFLAGS_RELEASE, 0x1C, 0));
        assertThat(((ClientOutput.SlowPath) SLOW.button(5, true, 7, 8)).pdu().events())
                .containsExactly(new InputPdu.Event(0, InputPdu.INPUT_EVENT_MOUSEX, 0x8002, 7, 8));
        assertThat(((ClientOutput.SlowPath) SLOW.unicode('x', false)).pdu().events())
                .containsExactly(new InputPdu.Event(0, InputPdu.INPUT_EVENT_UNICODE, InputPdu.KBDFLAGS_RELEASE, 'x', 0));
        assertThat(((ClientOutput.SlowPath) SLOW.synchronize(RdpLocks.SCROLL)).pdu().events())
                .containsExactly(new InputPdu.Event(0, InputPdu.INPUT_EVENT_SYNC, 0, 1, 0));
        // the slow-path body: numEvents, pad, then 12-byte events (2.2.8.1.1.3.1)
        ByteBuf body = Unpooled.buffer();
        pdu.encodeBody(body);
        assertThat(ByteBufUtil.hexDump(body)).isEqualTo("0100" + "0000" + "00000000" + "0400" + "0081" + "1c00" + "0000");
        body.release();
    }

    @Test
    void whatTheServerDidNotOfferIsUnsupported() {
        assertThatThrownBy(() -> BARE.unicode('a', true)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED)).hasMessageContaining("INPUT_FLAG_UNICODE");
        assertThatThrownBy(() -> BARE.button(5, true, 0, 0)).hasMessageContaining("INPUT_FLAG_MOUSEX");
        assertThatThrownBy(() -> BARE.wheel(true, 120, 0, 0)).hasMessageContaining("TS_INPUT_FLAG_MOUSE_HWHEEL");
        assertThatThrownBy(() -> BARE.suppressOutput(true)).hasMessageContaining("suppressOutputSupport");
        assertThatThrownBy(() -> BARE.refreshRect(List.of(new Rect(0, 0, 1, 1)))).hasMessageContaining("refreshRectSupport");
        assertThat(BARE.frameAcknowledge(3)).isEmpty();
    }

    @Test
    void argumentsOutsideTheirFieldsAreRefused() {
        assertThatThrownBy(() -> FAST.key(256, false, true)).hasMessageContaining("scancode 256");
        assertThatThrownBy(() -> FAST.button(0, true, 0, 0)).hasMessageContaining("button 0");
        assertThatThrownBy(() -> FAST.move(70000, 0)).hasMessageContaining("xPos/yPos");
        assertThatThrownBy(() -> FAST.wheel(false, 0, 0, 0)).hasMessageContaining("delta 0");
        assertThatThrownBy(() -> FAST.synchronize(0x10)).hasMessageContaining("toggleFlags");
        assertThatThrownBy(() -> FAST.refreshRect(List.of(new Rect(2000, 2000, 5, 5)))).hasMessageContaining("no area");
    }

    @Test
    void suppressOutputAllowsUpdatesAgainForTheWholeDesktop() {
        assertThat(FAST.suppressOutput(true)).isEqualTo(SuppressOutputPdu.suppress());
        assertThat(FAST.suppressOutput(false)).isEqualTo(SuppressOutputPdu.allow(new Rectangle16(0, 0, 1023, 767)));
        assertThat(FAST.refreshRect(List.of(new Rect(1000, 700, 100, 100), new Rect(0, 0, 10, 20))))
                .isEqualTo(new RefreshRectPdu(List.of(new Rectangle16(1000, 700, 1023, 767), new Rectangle16(0, 0, 9, 19))));
    }

    @Test
    void framesAreAcknowledgedOnlyWhenBothSidesSentTheCapabilitySet() {
        DemandActivePdu with = demand(List.of(new InputCapabilitySet(ALL_INPUT, 0, 4, 0, 12, ""),
                new FrameAcknowledgeCapabilitySet(2)));
        DemandActivePdu without = demand(List.of(new InputCapabilitySet(ALL_INPUT, 0, 4, 0, 12, "")));
        assertThat(ClientOutput.forServer(with, 800, 600).frameAcknowledge(9)).contains(new FrameAcknowledgePdu(9));
        assertThat(ClientOutput.forServer(without, 800, 600).frameAcknowledge(9)).isEmpty();
        assertThat(ClientOutput.forServer(without, 800, 600).fastPathInput()).isFalse();
        assertThat(ClientOutput.forServer(demand(List.of(new GeneralCapabilitySet(1, 3, 0x200, 0, 0, 0, 0, 0, 1, 1))), 800, 600)
                .suppressOutput(true)).isEqualTo(SuppressOutputPdu.suppress());
    }

    @Property
    void fastPathInputDecodesToWhatWasAsked(@ForAll @IntRange(max = 255) int scancode, @ForAll boolean extended,
                                            @ForAll boolean down, @ForAll @IntRange(max = 0xFFFF) int x,
                                            @ForAll @IntRange(max = 0xFFFF) int y, @ForAll @IntRange(min = 1, max = 5) int button,
                                            @ForAll @IntRange(min = -3000, max = 3000) int delta) {
        assertThat(decodeFast(FAST.key(scancode, extended, down)))
                .containsExactly(new FastPathInputEvent.KeyboardEvent(scancode, !down, extended, false));
        assertThat(decodeFast(FAST.move(x, y))).containsExactly(FastPathInputEvent.MouseEvent.move(x, y));
        List<FastPathInputEvent> b = decodeFast(FAST.button(button, down, x, y));
        assertThat(b).hasSize(1);
        if (delta != 0) {
            int sum = 0;
            for (FastPathInputEvent e : decodeFast(FAST.wheel(false, delta, x, y))) {
                sum += ((FastPathInputEvent.MouseEvent) e).wheelRotation();
            }
            assertThat(sum).isEqualTo(delta);
        }
    }

    @Property
    void slowPathInputRoundTripsThroughTheShareDataCodec(@ForAll @IntRange(max = 255) int scancode, @ForAll boolean down,
                                                         @ForAll @IntRange(max = 0xFFFF) int x, @ForAll @IntRange(max = 0xFFFF) int y) {
        for (ClientOutput.Input in : List.of(SLOW.key(scancode, false, down), SLOW.move(x, y), SLOW.wheel(false, -240, x, y))) {
            InputPdu pdu = ((ClientOutput.SlowPath) in).pdu();
            ByteBuf body = Unpooled.buffer();
            try {
                pdu.encodeBody(body);
                assertThat(ShareData.decode(ShareData.PDUTYPE2_INPUT, body)).isEqualTo(pdu);
            } finally {
                body.release();
            }
        }
    }

    /** The lock flag values of TS_SYNC_EVENT, spelled out. */
    static final class RdpLocks {
        static final int SCROLL = 1;
        static final int NUM = 2;
        static final int CAPS = 4;
    }

    private static DemandActivePdu demand(List<dev.porthole.rdp.protocol.pdu.capability.CapabilitySet> caps) {
        return new DemandActivePdu(1002, 0x10000, Bytes.of(new byte[] {'R', 'D', 'P', 0}), caps, 0);
    }

    static byte[] fastPathBytes(ClientOutput.Input input) {
        FastPathInputPdu pdu = ((ClientOutput.FastPath) input).pdu();
        ByteBuf buf = Unpooled.buffer();
        try {
            pdu.encode(buf);
            assertThat(buf.readableBytes()).isEqualTo(pdu.size());
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] events(ClientOutput.Input input) {
        byte[] pdu = fastPathBytes(input);
        return java.util.Arrays.copyOfRange(pdu, 2, pdu.length);
    }

    private static List<FastPathInputEvent> decodeFast(ClientOutput.Input input) {
        ByteBuf buf = Unpooled.wrappedBuffer(fastPathBytes(input));
        try {
            return FastPathInputPdu.decode(buf).events();
        } finally {
            buf.release();
        }
    }
}
