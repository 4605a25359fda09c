package dev.porthole.rdp.protocol.pdu.fastpath;

import static dev.porthole.rdp.protocol.Decoding.decode;
import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.ExtendedMouseEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.KeyboardEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.MouseEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.QoeTimestampEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.SynchronizeEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.UnicodeKeyboardEvent;
import dev.porthole.rdp.protocol.pdu.rdp.BitmapData;
import dev.porthole.rdp.protocol.pdu.rdp.BitmapDataEx;
import dev.porthole.rdp.protocol.pdu.rdp.BitmapUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.FrameMarker;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.PointerPosition;
import dev.porthole.rdp.protocol.pdu.rdp.SurfaceBits;
import dev.porthole.rdp.protocol.pdu.rdp.SurfaceCommandsUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.SystemPointer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 4.7 (fast-path input), fast-path output, framing and fragment reassembly. */
class FastPathGoldenTest {

    static final byte[] INPUT_4_7 = HexVectors.load("/vectors/ms-rdpbcgr/4.7-fast-path-input-pdu.hex");
    static final byte[] EVENTS_4_7 = HexVectors.load("/vectors/ms-rdpbcgr/4.7-fast-path-input-events-decrypted.hex");

    @Test
    void inputPduOfTheSpecHasAnEncryptedEventWeDecodeAfterDecryption() {
        assertThat(decode(INPUT_4_7, FastPathFraming::peekLength)).isEqualTo(17);
        decode(INPUT_4_7, buf -> {
            FastPathHeader h = FastPathHeader.decode(buf);
            assertThat(h).isEqualTo(new FastPathHeader(1, FastPathHeader.FASTPATH_SECURE_CHECKSUM
                    | FastPathHeader.FASTPATH_ENCRYPTED, 17));
            assertThat(h.size()).isEqualTo(2);
            assertThat(buf.readableBytes()).isEqualTo(8 + EVENTS_4_7.length); // dataSignature + encrypted events
            return null;
        });
        assertThatThrownBy(() -> decode(INPUT_4_7, FastPathInputPdu::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
        FastPathInputEvent event = decodeAll(EVENTS_4_7, buf -> FastPathInputEvent.decode(buf, 0));
        assertThat(event).isEqualTo(MouseEvent.move(683, 367));
        assertThat(HexVectors.encode(event::encode)).isEqualTo(EVENTS_4_7);
    }

    @Test
    void theSameEventUnencryptedAsWeSendIt() {
        FastPathInputPdu pdu = FastPathInputPdu.of(MouseEvent.move(683, 367));
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("04 09 20 00 08 ab 02 6f 01"));
        assertThat(pdu.size()).isEqualTo(9);
        assertThat(decodeAll(bytes, FastPathInputPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void keyboardUnicodeSyncAndQoeEvents() {
        FastPathInputPdu pdu = FastPathInputPdu.of(KeyboardEvent.press(0x1d, true), KeyboardEvent.release(0x1d, true),
                new KeyboardEvent(0x1d, false, false, true), new UnicodeKeyboardEvent(0x20ac, false),
                new UnicodeKeyboardEvent(0x20ac, true), SynchronizeEvent.of(false, true, true, false),
                new QoeTimestampEvent(123456));
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("""
                1c 14                 -- header: 7 events; length 20
                02 1d                 -- scancode, EXTENDED, key down: right Ctrl
                03 1d                 -- scancode, EXTENDED | RELEASE
                04 1d                 -- scancode, EXTENDED1 (Pause prefix)
                80 ac 20              -- Unicode U+20AC down
                81 ac 20              -- Unicode U+20AC up
                66                    -- synchronize, NUM_LOCK | CAPS_LOCK
                c0 40 e2 01 00        -- QoE timestamp 123456
                """));
        assertThat(decodeAll(bytes, FastPathInputPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void mouseButtonsOneToFiveAndBothWheels() {
        assertThat(MouseEvent.button(1, true, 1, 2).pointerFlags()).isEqualTo(0x9000);
        assertThat(MouseEvent.button(2, false, 1, 2).pointerFlags()).isEqualTo(0x2000);
        assertThat(MouseEvent.button(3, true, 1, 2).pointerFlags()).isEqualTo(0xc000);
        assertThat(ExtendedMouseEvent.button(4, true, 1, 2).pointerFlags()).isEqualTo(0x8001);
        assertThat(ExtendedMouseEvent.button(5, false, 1, 2).pointerFlags()).isEqualTo(0x0002);
        MouseEvent down = MouseEvent.wheel(-MouseEvent.WHEEL_DELTA, 0, 0);
        assertThat(down.pointerFlags()).as("-120 as 9-bit two's complement with the negative bit").isEqualTo(0x0200 | 0x0188);
        assertThat(down.wheelRotation()).isEqualTo(-120);
        MouseEvent up = MouseEvent.wheel(120, 0, 0);
        assertThat(up.pointerFlags()).isEqualTo(0x0278);
        assertThat(up.wheelRotation()).isEqualTo(120);
        MouseEvent right = MouseEvent.horizontalWheel(-256, 0, 0);
        assertThat(right.pointerFlags()).isEqualTo(0x0500);
        assertThat(right.wheelRotation()).isEqualTo(-256);
        assertThatThrownBy(() -> MouseEvent.wheel(256, 0, 0)).hasMessageContaining("WheelRotationMask");
        assertThatThrownBy(() -> MouseEvent.button(4, true, 0, 0)).hasMessageContaining("ExtendedMouseEvent");
        FastPathInputPdu pdu = FastPathInputPdu.of(ExtendedMouseEvent.button(4, true, 10, 20), down);
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("08 10 40 01 80 0a 00 14 00 20 88 03 00 00 00 00"));
        assertThat(decodeAll(bytes, FastPathInputPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void moreThanFifteenEventsUseTheNumEventsByteAndATwoByteLength() {
        List<FastPathInputEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(MouseEvent.move(i, i));
        }
        FastPathInputPdu pdu = new FastPathInputPdu(events);
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(3 + 1 + 40 * 7);
        assertThat(bytes[0]).isEqualTo((byte) 0x00); // numEvents 0 in the header
        assertThat(bytes[1] & 0xff).isEqualTo(0x80 | (bytes.length >> 8));
        assertThat(bytes[2] & 0xff).isEqualTo(bytes.length & 0xff);
        assertThat(bytes[3]).isEqualTo((byte) 40);
        assertThat(decode(bytes, FastPathFraming::peekLength)).isEqualTo(bytes.length);
        assertThat(decodeAll(bytes, FastPathInputPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void framingTellsTpktFromFastPathAndNeedsAtMostThreeBytes() {
        assertThat(decode(HexVectors.parse("03 00 01 ab 02"), FastPathFraming::peekLength)).isEqualTo(0x1ab);
        assertThat(decode(HexVectors.parse("03 00 01"), FastPathFraming::peekLength)).isEqualTo(-1);
        assertThat(decode(HexVectors.parse("00 10"), FastPathFraming::peekLength)).isEqualTo(16);
        assertThat(decode(HexVectors.parse("c4"), FastPathFraming::peekLength)).isEqualTo(-1);
        assertThat(decode(HexVectors.parse("00 81"), FastPathFraming::peekLength)).isEqualTo(-1);
        assertThat(decode(HexVectors.parse("00 81 23"), FastPathFraming::peekLength)).isEqualTo(0x123);
        assertThat(decode(new byte[0], FastPathFraming::peekLength)).isEqualTo(-1);
        assertThat(FastPathFraming.isTpkt(0x03)).isTrue();
        assertThat(FastPathFraming.isFastPath(0xc4)).isTrue();
        assertThatThrownBy(() -> decode(HexVectors.parse("01 10"), FastPathFraming::peekLength))
                .isInstanceOf(RdpException.class).hasMessageContaining("first byte");
        assertThatThrownBy(() -> decode(HexVectors.parse("00 01"), FastPathFraming::peekLength))
                .as("a length that cannot even hold the header would stall the frame decoder")
                .isInstanceOf(RdpException.class).hasMessageContaining("length1");
        assertThatThrownBy(() -> decode(HexVectors.parse("00 80 02"), FastPathFraming::peekLength))
                .isInstanceOf(RdpException.class).hasMessageContaining("3-byte header");
        assertThatThrownBy(() -> decode(HexVectors.parse("03 00 00 02"), FastPathFraming::peekLength))
                .isInstanceOf(RdpException.class).hasMessageContaining("TPKT");
    }

    @Test
    void updatePduWithBitmapSurfaceAndPointerUpdates() {
        ByteBuf pixels = Unpooled.wrappedBuffer(HexVectors.parse("01 02 03 04 05 06 07 08"));
        ByteBuf tile = Unpooled.wrappedBuffer(HexVectors.parse("aa bb cc"));
        BitmapUpdate bitmap = new BitmapUpdate(List.of(new BitmapData(0, 0, 1, 0, 2, 1, 32, 0, null, pixels)));
        SurfaceCommandsUpdate surface = new SurfaceCommandsUpdate(List.of(new FrameMarker(FrameMarker.SURFACECMD_FRAMEACTION_BEGIN, 7),
                SurfaceBits.set(10, 20, 74, 84, new BitmapDataEx(32, 3, 64, 64, null, tile)),
                new FrameMarker(FrameMarker.SURFACECMD_FRAMEACTION_END, 7)));
        FastPathUpdatePdu pdu = new FastPathUpdatePdu(List.of(FastPathUpdate.of(bitmap), FastPathUpdate.of(surface),
                FastPathUpdate.of(new SystemPointer(SystemPointer.SYSPTR_NULL)), FastPathUpdate.of(new PointerPosition(5, 6))));
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(pdu.size());
        assertThat(bytes[0]).isEqualTo((byte) 0x00);
        assertThat(decode(bytes, FastPathFraming::peekLength)).isEqualTo(bytes.length);
        decode(bytes, buf -> {
            FastPathUpdatePdu back = FastPathUpdatePdu.decode(buf);
            assertThat(back).isEqualTo(pdu);
            List<OutputUpdate> contents = back.updates().stream().map(FastPathUpdate::content).toList();
            assertThat(contents).containsExactly(bitmap, surface, new SystemPointer(SystemPointer.SYSPTR_NULL),
                    new PointerPosition(5, 6));
            assertThat(back.updates().get(2).updateData().readableBytes()).isZero();
            assertThat(back.updates().get(2).updateCode()).isEqualTo(OutputUpdate.FASTPATH_UPDATETYPE_PTR_NULL);
            return null;
        });
        pdu.updates().forEach(u -> u.updateData().release());
    }

    /**
     * xrdp (libxrdp/xrdp_fastpath.c) always writes the two-byte length form, also for PDUs shorter than 0x80
     * bytes: this 6-byte Synchronize update (what xrdp 0.9.21 sends first after activation) has a 3-byte header.
     */
    @Test
    void aShortPduInTheTwoByteLengthFormIsDecodedWithItsRealHeaderSize() {
        byte[] bytes = HexVectors.parse("00 80 06 03 00 00");
        assertThat(decode(bytes, FastPathFraming::peekLength)).isEqualTo(6);
        decode(bytes, buf -> {
            FastPathUpdatePdu pdu = FastPathUpdatePdu.decode(buf);
            assertThat(buf.isReadable()).isFalse();
            assertThat(pdu.updates()).hasSize(1);
            assertThat(pdu.updates().getFirst().updateCode()).isEqualTo(OutputUpdate.FASTPATH_UPDATETYPE_SYNCHRONIZE);
            assertThat(pdu.updates().getFirst().updateData().readableBytes()).isZero();
            return null;
        });
        // the same PDU one byte short fails naming the length, instead of reading past it
        assertThatThrownBy(() -> decode(HexVectors.parse("00 80 06 03 00"), FastPathUpdatePdu::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("length");
    }

    @Test
    void encryptedOutputIsRefusedAndCompressedDataIsNotDecodedBlindly() {
        assertThatThrownBy(() -> decode(HexVectors.parse("80 0a 01 02 03 04 05 06 07 08"), FastPathUpdatePdu::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
        decode(HexVectors.parse("00 08 81 21 02 00 de ad"), buf -> {
            FastPathUpdate u = FastPathUpdatePdu.decode(buf).updates().getFirst();
            assertThat(u.compressed()).isTrue();
            assertThat(u.compressionFlags()).isEqualTo(0x21);
            assertThatThrownBy(u::content).isInstanceOfSatisfying(RdpException.class,
                    e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE));
            return null;
        });
    }

    @Test
    void reassemblerJoinsFirstNextLast() {
        try (FastPathReassembler r = new FastPathReassembler(PooledByteBufAllocator.DEFAULT, 64)) {
            assertThat(r.accept(OutputUpdate.FASTPATH_UPDATETYPE_BITMAP, FastPathUpdate.FASTPATH_FRAGMENT_FIRST,
                    Unpooled.wrappedBuffer(new byte[] {1, 2}))).isNull();
            assertThat(r.inProgress()).isTrue();
            assertThat(r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_NEXT, Unpooled.wrappedBuffer(new byte[] {3}))).isNull();
            assertThat(r.bufferedBytes()).isEqualTo(3);
            FastPathReassembler.Reassembled done = r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_LAST,
                    Unpooled.wrappedBuffer(new byte[] {4, 5}));
            assertThat(done.updateCode()).isEqualTo(1);
            assertThat(done.data()).isEqualTo(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5}));
            assertThat(r.inProgress()).isFalse();
            done.data().release();
            FastPathReassembler.Reassembled single = r.accept(8, FastPathUpdate.FASTPATH_FRAGMENT_SINGLE,
                    Unpooled.wrappedBuffer(new byte[] {9}));
            assertThat(single.data().readableBytes()).isEqualTo(1);
            single.data().release();
        }
    }

    @Test
    void reassemblerRefusesBadSequencesAndOversizedUpdates() {
        try (FastPathReassembler r = new FastPathReassembler(PooledByteBufAllocator.DEFAULT, 4)) {
            ByteBuf two = Unpooled.wrappedBuffer(new byte[] {1, 2});
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_NEXT, two)).hasMessageContaining("without a FIRST");
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_LAST, two)).hasMessageContaining("without a FIRST");
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two);
            assertThatThrownBy(() -> r.accept(2, FastPathUpdate.FASTPATH_FRAGMENT_NEXT, two)).hasMessageContaining("inside update 1");
            assertThat(r.inProgress()).as("an error drops the partial update").isFalse();
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two);
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two)).hasMessageContaining("FIRST fragment");
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two);
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_SINGLE, two)).hasMessageContaining("single update");
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two);
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_NEXT, two);
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_LAST, Unpooled.wrappedBuffer(new byte[] {3})))
                    .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                    .hasMessageContaining("4-byte reassembly buffer");
            assertThat(r.bufferedBytes()).isZero();
            assertThatThrownBy(() -> r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, Unpooled.wrappedBuffer(new byte[5])))
                    .hasMessageContaining("exceeds");
            r.accept(1, FastPathUpdate.FASTPATH_FRAGMENT_FIRST, two);
        }
    }
}
