package dev.porthole.rdp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.bulk.TestCompressors;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathUpdate;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathUpdatePdu;
import dev.porthole.rdp.protocol.pdu.rdp.CachedPointer;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.CompressedShareData;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.PointerPdu;
import dev.porthole.rdp.protocol.pdu.rdp.PointerPosition;
import dev.porthole.rdp.protocol.pdu.rdp.SetKeyboardIndicatorsPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.pdu.rdp.SystemPointer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The non-drawing side of {@link ActiveSession}: pointers through the cache, keyboard indicators, bulk decompression. */
class ActiveSessionIoTest {

    private final ActiveSession session = new ActiveSession(64, 48, PooledByteBufAllocator.DEFAULT, 1 << 20);

    /** A 2x2 32 bpp pointer: bottom row opaque red, transparent; top row opaque green, half-transparent blue. */
    private static NewPointer twoByTwo(int cacheIndex) {
        byte[] xor = {0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, (byte) 0xFF, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0x80};
        return new NewPointer(32, new ColorPointer(cacheIndex, 1, 0, 2, 2, Unpooled.wrappedBuffer(xor), Unpooled.EMPTY_BUFFER));
    }

    @Test
    void newPointersAreDecodedCachedAndShownAgainFromTheCache() {
        List<SessionEvent> shown = session.onShareData(new PointerPdu(twoByTwo(3)));
        assertThat(shown).singleElement().isInstanceOfSatisfying(SessionEvent.PointerShape.class, s -> {
            assertThat(s.width()).isEqualTo(2);
            assertThat(s.hotX()).isEqualTo(1);
            assertThat(s.argb()).containsExactly(0xFF00FF00, 0x800000FF, 0xFFFF0000, 0x00000000);
        });
        List<SessionEvent> again = session.onShareData(new PointerPdu(new CachedPointer(3)));
        assertThat(again).singleElement().isInstanceOfSatisfying(SessionEvent.PointerShape.class,
                s -> assertThat(s.argb()).containsExactly(0xFF00FF00, 0x800000FF, 0xFFFF0000, 0x00000000));
    }

    @Test
    void systemPointersAndPositionsBecomeTheirEvents() {
        assertThat(session.onShareData(new PointerPdu(new SystemPointer(SystemPointer.SYSPTR_NULL))))
                .containsExactly(new SessionEvent.PointerSystem(true));
        assertThat(session.onShareData(new PointerPdu(new SystemPointer(SystemPointer.SYSPTR_DEFAULT))))
                .containsExactly(new SessionEvent.PointerSystem(false));
        assertThat(session.onShareData(new PointerPdu(new PointerPosition(5, 6))))
                .containsExactly(new SessionEvent.PointerMoved(5, 6));
    }

    @Test
    void theCacheIsSizedFromThePointerCapabilitySetAndEmptySlotsAreMalformed() {
        PointerCache cache = PointerCache.forClientCapabilities();
        assertThat(cache.size()).isEqualTo(25); // ClientCapabilities confirms colorPointerCacheSize = pointerCacheSize = 25
        assertThatThrownBy(() -> session.onShareData(new PointerPdu(new CachedPointer(7))))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("slot 7");
        assertThatThrownBy(() -> session.onShareData(new PointerPdu(twoByTwo(25)))).hasMessageContaining("25 is outside");
    }

    @Test
    void aFastPathPduWithTheTwoByteLengthFormForAShortLengthIsRead() {
        // xrdp writes every fast-path length in the two-byte form (0x80 | high, low), even for 6 bytes
        ByteBuf pdu = Unpooled.wrappedBuffer(new byte[] {0x00, (byte) 0x80, 0x06, OutputUpdate.FASTPATH_UPDATETYPE_PTR_NULL, 0, 0});
        try {
            assertThat(session.onFastPath(pdu)).containsExactly(new SessionEvent.PointerSystem(true));
        } finally {
            pdu.release();
        }
    }

    @Test
    void keyboardIndicatorsAreReported() {
        assertThat(session.onShareData(new SetKeyboardIndicatorsPdu(0, SetKeyboardIndicatorsPdu.TS_SYNC_CAPS_LOCK)))
                .containsExactly(new SessionEvent.KeyboardIndicators(4));
    }

    @Test
    void bulkCompressedFastPathUpdatesAreDecompressedAcrossPackets() {
        // two pointer updates compressed with one RDP 5.0 (MPPC 64K) history; the second refers back to the first
        TestCompressors.Mppc mppc = new TestCompressors.Mppc(true);
        NewPointer pointer = twoByTwo(1);
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] plain = fastPathData(pointer);
            TestCompressors.Packet packet = mppc.compress(plain, false);
            FastPathUpdate update = new FastPathUpdate(OutputUpdate.FASTPATH_UPDATETYPE_POINTER,
                    FastPathUpdate.FASTPATH_FRAGMENT_SINGLE, packet.flags(), Unpooled.wrappedBuffer(packet.payload()));
            events.addAll(onFastPath(new FastPathUpdatePdu(List.of(update))));
        }
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(SessionEvent.PointerShape.class,
                s -> assertThat(s.argb()).containsExactly(0xFF00FF00, 0x800000FF, 0xFFFF0000, 0x00000000)));
    }

    @Test
    void bulkCompressedShareDataIsDecompressedAndDecoded() {
        SetKeyboardIndicatorsPdu indicators = new SetKeyboardIndicatorsPdu(0, 3);
        ByteBuf body = Unpooled.buffer();
        indicators.encodeBody(body);
        byte[] plain = ByteBufUtil.getBytes(body);
        body.release();
        TestCompressors.Packet packet = new TestCompressors.Mppc(true).compress(plain, false);
        List<SessionEvent> events = session.onShareData(new CompressedShareData(ShareData.PDUTYPE2_SET_KEYBOARD_INDICATORS,
                packet.flags(), plain.length, packet.payload().length, Unpooled.wrappedBuffer(packet.payload())));
        assertThat(events).containsExactly(new SessionEvent.KeyboardIndicators(3));
    }

    @Test
    void aCompressionTypeAboveTheOfferedOneIsMalformed() {
        FastPathUpdate update = new FastPathUpdate(OutputUpdate.FASTPATH_UPDATETYPE_CACHED, FastPathUpdate.FASTPATH_FRAGMENT_SINGLE,
                0x20 | 0x04, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> onFastPath(new FastPathUpdatePdu(List.of(update)))).isInstanceOf(RdpException.class)
                .hasMessageContaining("compressionFlags");
    }

    private List<SessionEvent> onFastPath(FastPathUpdatePdu pdu) {
        ByteBuf buf = Unpooled.buffer();
        try {
            pdu.encode(buf);
            return session.onFastPath(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] fastPathData(OutputUpdate update) {
        ByteBuf buf = Unpooled.buffer();
        update.encodeFastPath(buf);
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }
}
