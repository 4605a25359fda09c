package dev.porthole.rdp.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.capability.VirtualChannelCapabilitySet;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Static virtual channels: name/id mapping, chunking with the server's VCChunkSize, bounded reassembly. */
class StaticChannelsTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final int FIRST = VirtualChannelPdu.CHANNEL_FLAG_FIRST;
    private static final int LAST = VirtualChannelPdu.CHANNEL_FLAG_LAST;

    private static StaticChannels channels(int cap) {
        return new StaticChannels(List.of(new ChannelDef("cliprdr", ChannelDef.CHANNEL_OPTION_INITIALIZED),
                new ChannelDef("rdpsnd", 0),
                new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED | ChannelDef.CHANNEL_OPTION_SHOW_PROTOCOL)),
                List.of(1004, 0, 1005), cap, ALLOC);
    }

    private static ByteBuf chunk(int length, int flags, byte[] data) {
        ByteBuf b = Unpooled.buffer();
        new VirtualChannelPdu(length, flags, Unpooled.wrappedBuffer(data)).encode(b);
        return b;
    }

    /** Feeds a chunk and releases it; returns the events (messages copied out and released). */
    private static List<Object> feed(StaticChannels s, int id, int length, int flags, byte[] data) {
        ByteBuf b = chunk(length, flags, data);
        try {
            List<Object> out = new ArrayList<>();
            for (StaticChannels.Event e : s.receive(id, b)) {
                if (e instanceof StaticChannels.Message m) {
                    out.add(m.name() + ":" + ByteBufUtil.hexDump(m.message()));
                    m.message().release();
                } else {
                    out.add(e);
                }
            }
            return out;
        } finally {
            b.release();
        }
    }

    @Test
    void mapsNamesToGrantedIdsInRequestOrder() {
        StaticChannels s = channels(1 << 20);
        assertThat(s.names()).containsExactly("cliprdr", "drdynvc");
        assertThat(s.channelId("DRDYNVC")).hasValue(1005);
        assertThat(s.channelId("rdpsnd")).isEmpty();
        assertThat(s.name(1004)).hasValue("cliprdr");
        assertThat(s.name(1003)).isEmpty();
    }

    @Test
    void rejectsServerDataWithTheWrongNumberOfIds() {
        assertThatThrownBy(() -> new StaticChannels(List.of(new ChannelDef("a", 0)), List.of(1004, 1005), 100, ALLOC))
                .isInstanceOf(RdpException.class).hasMessageContaining("channelIdArray");
        assertThatThrownBy(() -> new StaticChannels(List.of(new ChannelDef("a", 0), new ChannelDef("b", 0)), List.of(1004, 1004), 100, ALLOC))
                .isInstanceOf(RdpException.class).hasMessageContaining("granted twice");
    }

    @Test
    void singleChunkIsAWholeMessage() {
        StaticChannels s = channels(1 << 20);
        assertThat(feed(s, 1005, 3, FIRST | LAST, new byte[] {1, 2, 3})).containsExactly("drdynvc:010203");
    }

    @Test
    void chunksAreReassembledPerChannelIndependently() {
        StaticChannels s = channels(1 << 20);
        assertThat(feed(s, 1005, 4, FIRST, new byte[] {1, 2})).isEmpty();
        assertThat(feed(s, 1004, 1, FIRST | LAST, new byte[] {9})).containsExactly("cliprdr:09");
        assertThat(feed(s, 1005, 4, 0, new byte[] {3})).isEmpty();
        assertThat(feed(s, 1005, 4, LAST, new byte[] {4})).containsExactly("drdynvc:01020304");
    }

    @Test
    void messagesOverTheCapAreSkippedWithoutBufferingAndTheNextOneArrives() {
        StaticChannels s = channels(8);
        List<Object> first = feed(s, 1005, 100, FIRST, new byte[10]);
        assertThat(first).singleElement().isInstanceOfSatisfying(StaticChannels.Discarded.class,
                d -> assertThat(d.reason()).contains("exceeds the cap of 8"));
        assertThat(feed(s, 1005, 100, 0, new byte[80])).singleElement().isInstanceOf(StaticChannels.Discarded.class);
        assertThat(feed(s, 1005, 100, LAST, new byte[10])).singleElement().isInstanceOf(StaticChannels.Discarded.class);
        assertThat(feed(s, 1005, 2, FIRST | LAST, new byte[] {7, 7})).containsExactly("drdynvc:0707");
        // after the skipped message ended, a stray chunk is a sequence error, not part of the skipped one
        assertThat(feed(s, 1005, 2, LAST, new byte[] {1})).singleElement().isInstanceOfSatisfying(StaticChannels.Discarded.class,
                d -> assertThat(d.reason()).contains("without CHANNEL_FLAG_FIRST"));
    }

    @Test
    void sequenceErrorsAreReportedAndTheChannelRecovers() {
        StaticChannels s = channels(1 << 20);
        assertThat(feed(s, 1005, 3, LAST, new byte[] {1})).singleElement().isInstanceOf(StaticChannels.Discarded.class);
        assertThat(feed(s, 1005, 3, FIRST | LAST, new byte[] {1})).singleElement().isInstanceOfSatisfying(
                StaticChannels.Discarded.class, d -> assertThat(d.reason()).contains("single chunk carries 1 bytes"));
        assertThat(feed(s, 1005, 3, FIRST, new byte[] {1, 2})).isEmpty();
        assertThat(feed(s, 1005, 3, LAST, new byte[] {3, 4})).singleElement().isInstanceOfSatisfying(
                StaticChannels.Discarded.class, d -> assertThat(d.reason()).contains("more than CHANNEL_PDU_HEADER.length 3"));
        assertThat(feed(s, 1005, 3, FIRST, new byte[] {1})).isEmpty();
        assertThat(feed(s, 1005, 4, LAST, new byte[] {2, 3})).singleElement().isInstanceOfSatisfying(
                StaticChannels.Discarded.class, d -> assertThat(d.reason()).contains("changed from 3 to 4"));
        assertThat(feed(s, 1005, 3, FIRST, new byte[] {1})).isEmpty();
        assertThat(feed(s, 1005, 3, LAST, new byte[] {2})).singleElement().isInstanceOfSatisfying(
                StaticChannels.Discarded.class, d -> assertThat(d.reason()).contains("ends the message at 2"));
        assertThat(feed(s, 1005, 1, FIRST | LAST, new byte[] {5})).containsExactly("drdynvc:05");
    }

    @Test
    void compressedChunksAreDiscardedBecauseCompressionWasNotAnnounced() {
        StaticChannels s = channels(1 << 20);
        assertThat(feed(s, 1005, 1, FIRST | LAST | VirtualChannelPdu.CHANNEL_PACKET_COMPRESSED, new byte[] {5}))
                .singleElement().isInstanceOfSatisfying(StaticChannels.Discarded.class,
                        d -> assertThat(d.reason()).contains("VCCAPS_NO_COMPR"));
    }

    @Test
    void dataOnAChannelThatWasNotJoinedIsReported() {
        StaticChannels s = channels(1 << 20);
        assertThat(feed(s, 1010, 1, FIRST | LAST, new byte[] {5})).singleElement().isInstanceOfSatisfying(
                StaticChannels.Discarded.class, d -> assertThat(d.reason()).contains("1010 was not joined"));
    }

    @Test
    void truncatedHeaderIsMalformed() {
        StaticChannels s = channels(1 << 20);
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {1, 0, 0});
        try {
            assertThatThrownBy(() -> s.receive(1005, b)).isInstanceOf(RdpException.class)
                    .satisfies(e -> assertThat(((RdpException) e).kind()).isEqualTo(RdpException.Kind.MALFORMED));
        } finally {
            b.release();
        }
    }

    @Test
    void encodesOneChunkWithFirstLastAndShowProtocolWhenRequested() {
        StaticChannels s = channels(1 << 20);
        List<ByteBuf> frames = s.encode("drdynvc", Unpooled.wrappedBuffer(new byte[] {0x50, 0, 2, 0}), 1007, ALLOC);
        try {
            assertThat(frames).hasSize(1);
            // TPKT, X.224 DT, MCS SDrq (initiator 1007, channel 1005), CHANNEL_PDU_HEADER (length 4, flags FIRST|LAST|SHOW_PROTOCOL)
            assertThat(ByteBufUtil.hexDump(frames.getFirst())).isEqualTo(
                    "0300001a" + "02f080" + "64" + "0006" + "03ed" + "70" + "0c" + "04000000" + "13000000" + "50000200");
        } finally {
            frames.forEach(ByteBuf::release);
        }
    }

    @Test
    void chunkSizeFollowsTheServersVcChunkSizeWithinTheSpecRange() {
        StaticChannels s = channels(1 << 20);
        assertThat(s.chunkSize()).isEqualTo(1600);
        s.onServerCapability(new VirtualChannelCapabilitySet(0, 8000));
        assertThat(s.chunkSize()).isEqualTo(8000);
        s.onServerCapability(new VirtualChannelCapabilitySet(0, 100));
        assertThat(s.chunkSize()).isEqualTo(1600);
        s.onServerCapability(new VirtualChannelCapabilitySet(0, 20000));
        assertThat(s.chunkSize()).isEqualTo(1600);
        s.onServerCapability(new VirtualChannelCapabilitySet(0, null));
        assertThat(s.chunkSize()).isEqualTo(1600);
    }

    @Test
    void encodingAChannelTheServerDidNotGrantIsAStateError() {
        StaticChannels s = channels(1 << 20);
        ByteBuf m = Unpooled.wrappedBuffer(new byte[1]);
        assertThatThrownBy(() -> s.encode("rdpsnd", m, 1007, ALLOC)).isInstanceOf(RdpException.class)
                .hasMessageContaining("'rdpsnd' was not granted");
        m.release();
    }

    /** What the client encodes, a server-side reassembler (the same rules) turns back into the message. */
    @Property(tries = 60)
    void encodeThenReassembleRoundTrips(@ForAll @IntRange(min = 0, max = 70_000) int size,
                                        @ForAll @IntRange(min = 1600, max = 16256) int chunkSize,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        StaticChannels s = channels(1 << 20);
        s.onServerCapability(new VirtualChannelCapabilitySet(0, chunkSize));
        byte[] message = new byte[size];
        new Random(seed).nextBytes(message);
        List<ByteBuf> frames = s.encode("cliprdr", Unpooled.wrappedBuffer(message), 1007, ALLOC);
        ChunkReassembler server = new ChunkReassembler(1 << 20, ALLOC);
        try {
            assertThat(frames).hasSize(Math.max(1, (size + chunkSize - 1) / chunkSize));
            ByteBuf whole = null;
            for (int i = 0; i < frames.size(); i++) {
                DomainPdu pdu = DomainPdu.decode(frames.get(i));
                assertThat(pdu).isInstanceOf(DomainPdu.SendDataRequest.class);
                DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) pdu;
                assertThat(sdr.channelId()).isEqualTo(1004);
                VirtualChannelPdu chunk = VirtualChannelPdu.decode(sdr.userData());
                assertThat(chunk.data().readableBytes()).isLessThanOrEqualTo(chunkSize);
                assertThat(chunk.length()).isEqualTo(size);
                ChunkReassembler.Result r = server.chunk(chunk);
                if (i < frames.size() - 1) {
                    assertThat(r).isInstanceOf(ChunkReassembler.Partial.class);
                } else {
                    assertThat(r).isInstanceOf(ChunkReassembler.Complete.class);
                    whole = ((ChunkReassembler.Complete) r).message();
                }
            }
            assertThat(ByteBufUtil.getBytes(whole)).isEqualTo(message);
            whole.release();
        } finally {
            frames.forEach(ByteBuf::release);
            server.release();
        }
    }
}
