package dev.porthole.rdp.protocol.pdu.fastpath;

import static dev.porthole.rdp.protocol.Arb.i32;
import static dev.porthole.rdp.protocol.Arb.u16;
import static dev.porthole.rdp.protocol.Arb.u8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.Arb;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips of fast-path input and output, framing lengths and reassembly of split updates. */
class FastPathPropertiesTest {

    @Provide
    Arbitrary<FastPathInputPdu> inputPdus() {
        Arbitrary<FastPathInputEvent> event = Arbitraries.oneOf(
                Combinators.combine(u8(), Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as(FastPathInputEvent.KeyboardEvent::new),
                Combinators.combine(u16(), Arbitraries.of(true, false)).as(FastPathInputEvent.UnicodeKeyboardEvent::new),
                Combinators.combine(u16(), u16(), u16()).as(FastPathInputEvent.MouseEvent::new),
                Combinators.combine(u16(), u16(), u16()).as(FastPathInputEvent.ExtendedMouseEvent::new),
                Arbitraries.integers().between(0, 31).map(FastPathInputEvent.SynchronizeEvent::new),
                Combinators.combine(u16(), Arbitraries.shorts().map(Integer::valueOf), Arbitraries.shorts().map(Integer::valueOf))
                        .as(FastPathInputEvent.RelativeMouseEvent::new),
                i32().map(FastPathInputEvent.QoeTimestampEvent::new));
        return event.list().ofMinSize(1).ofMaxSize(255).map(FastPathInputPdu::new);
    }

    @Property(tries = 500)
    void inputPdusRoundTripAndFrame(@ForAll("inputPdus") FastPathInputPdu pdu) {
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), FastPathInputPdu::decode);
        byte[] bytes = HexVectors.encode(pdu::encode);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        assertThat(FastPathFraming.peekLength(buf)).isEqualTo(bytes.length);
        buf.release();
    }

    @Provide
    Arbitrary<FastPathUpdatePdu> updatePdus() {
        Arbitrary<FastPathUpdate> raw = Combinators.combine(Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 3), u8().injectNull(0.5), Arb.buf(300)).as(FastPathUpdate::new);
        Arbitrary<FastPathUpdate> typed = dev.porthole.rdp.protocol.pdu.rdp.RdpPropertiesTestAccess.outputUpdates()
                .filter(u -> u.fastPathSize() < 4000).map(FastPathUpdate::of);
        return Arbitraries.oneOf(raw, typed).list().ofMaxSize(6).map(FastPathUpdatePdu::new);
    }

    @Property(tries = 500)
    void updatePdusRoundTripAndFrame(@ForAll("updatePdus") FastPathUpdatePdu pdu) {
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), FastPathUpdatePdu::decode);
        byte[] bytes = HexVectors.encode(pdu::encode);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        assertThat(FastPathFraming.peekLength(buf)).isEqualTo(bytes.length);
        for (FastPathUpdate u : FastPathUpdatePdu.decode(buf).updates()) {
            if (u.fragmentation() == FastPathUpdate.FASTPATH_FRAGMENT_SINGLE && !u.compressed() && u.updateCode() <= 0xC
                    && u.updateCode() != 0x7) {
                try {
                    OutputUpdate content = u.content();
                    assertThat(content.fastPathUpdateCode() == u.updateCode()
                            || content instanceof dev.porthole.rdp.protocol.pdu.rdp.SystemPointer).isTrue();
                } catch (dev.porthole.rdp.protocol.RdpException e) {
                    assertThat(e.kind()).isEqualTo(dev.porthole.rdp.protocol.RdpException.Kind.MALFORMED);
                }
            }
        }
        buf.release();
    }

    @Property(tries = 300)
    void splitUpdatesReassembleToTheOriginal(@ForAll @Size(max = 3000) byte[] data,
                                             @ForAll @IntRange(min = 1, max = 700) int chunk,
                                             @ForAll @IntRange(min = 0, max = 12) int code) {
        try (FastPathReassembler r = new FastPathReassembler(PooledByteBufAllocator.DEFAULT, 3000)) {
            List<byte[]> pieces = new ArrayList<>();
            for (int at = 0; at < data.length; at += chunk) {
                pieces.add(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + chunk)));
            }
            FastPathReassembler.Reassembled done;
            if (pieces.size() <= 1) {
                done = r.accept(code, FastPathUpdate.FASTPATH_FRAGMENT_SINGLE, Unpooled.wrappedBuffer(data));
            } else {
                done = null;
                for (int i = 0; i < pieces.size(); i++) {
                    int frag = i == 0 ? FastPathUpdate.FASTPATH_FRAGMENT_FIRST
                            : i == pieces.size() - 1 ? FastPathUpdate.FASTPATH_FRAGMENT_LAST : FastPathUpdate.FASTPATH_FRAGMENT_NEXT;
                    done = r.accept(code, frag, Unpooled.wrappedBuffer(pieces.get(i)));
                    assertThat(done == null).isEqualTo(i < pieces.size() - 1);
                    assertThat(r.bufferedBytes()).isLessThanOrEqualTo(r.maxSize());
                }
            }
            try {
                assertThat(done.updateCode()).isEqualTo(code);
                assertThat(io.netty.buffer.ByteBufUtil.getBytes(done.data())).isEqualTo(data);
            } finally {
                done.data().release();
            }
        }
    }
}
