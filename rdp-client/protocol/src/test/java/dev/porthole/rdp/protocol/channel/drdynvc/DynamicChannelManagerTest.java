package dev.porthole.rdp.protocol.channel.drdynvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcEvent.CloseReason;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcListener.Decision;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Close;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Data;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirst;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.PriorityCharges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The client DVC manager driven by server PDUs, as a transcript: bytes in, events out. */
class DynamicChannelManagerTest {

    private final DynamicChannelManager dvc = new DynamicChannelManager(DynamicChannelManager.Settings.defaults());

    /** Server → client: feeds the PDU, returns the events with every Send decoded (and released). */
    private List<Object> feed(DvcPdu pdu) {
        byte[] bytes = HexVectors.encode(pdu::encode);
        return feed(bytes);
    }

    private List<Object> feed(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return decoded(dvc.receive(in));
        } finally {
            in.release();
        }
    }

    /** Turns Send events into the client PDUs they carry, and copies received messages to byte[]s. */
    static List<Object> decoded(List<DvcEvent> events) {
        List<Object> out = new ArrayList<>();
        for (DvcEvent e : events) {
            switch (e) {
                case DvcEvent.Send s -> {
                    assertThat(s.pdu().readableBytes()).isLessThanOrEqualTo(DvcPdu.MAX_PDU_SIZE);
                    out.add(copyOf(DvcPdu.decodeFromClient(s.pdu().duplicate())));
                    s.pdu().release();
                }
                case DvcEvent.MessageReceived m -> {
                    out.add(new Message(m.channelId(), ByteBufUtil.getBytes(m.message())));
                    m.message().release();
                }
                default -> out.add(e);
            }
        }
        return out;
    }

    /** Data PDUs hold slices of the Send buffer: copy them before it is released. */
    static DvcPdu copyOf(DvcPdu pdu) {
        return switch (pdu) {
            case Data d -> new Data(d.sp(), d.channelId(), Unpooled.wrappedBuffer(ByteBufUtil.getBytes(d.data())));
            case DataFirst d -> new DataFirst(d.channelId(), d.totalLength(), Unpooled.wrappedBuffer(ByteBufUtil.getBytes(d.data())));
            default -> pdu;
        };
    }

    record Message(long channelId, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && m.channelId == channelId && Arrays.equals(m.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(channelId) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Message[" + channelId + ", " + bytes.length + " bytes]";
        }
    }

    private void capsV2() {
        assertThat(feed(new CapabilitiesRequest(2, new PriorityCharges(936, 3276, 9362, 21845)))).containsExactly(
                new DvcPdu.CapabilitiesResponse(2), new DvcEvent.CapabilitiesNegotiated(2, new PriorityCharges(936, 3276, 9362, 21845)));
    }

    private void openEcho(long id) {
        dvc.registerListener("ECHO", (i, n, p) -> Decision.ACCEPT);
        assertThat(feed(new CreateRequest(1, id, "ECHO"))).containsExactly(new CreateResponse(id, 0),
                new DvcEvent.ChannelOpened(id, "ECHO", 1));
    }

    @Test
    void capabilitiesAnswerTheLowerVersion() {
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.1.1-caps-request-v2.hex")))
                .startsWith(new DvcPdu.CapabilitiesResponse(2));
        assertThat(feed(new CapabilitiesRequest(3, new PriorityCharges(0, 0, 0, 0)))).startsWith(new DvcPdu.CapabilitiesResponse(3));
        assertThat(dvc.version()).isEqualTo(3);
        assertThat(feed(new CapabilitiesRequest(1, null))).containsExactly(new DvcPdu.CapabilitiesResponse(1),
                new DvcEvent.CapabilitiesNegotiated(1, null));
        assertThat(dvc.version()).isEqualTo(1);
        DynamicChannelManager v2 = new DynamicChannelManager(new DynamicChannelManager.Settings(2, 1 << 20, 8));
        assertThat(decoded(receive(v2, new CapabilitiesRequest(3, new PriorityCharges(1, 1, 1, 1)))))
                .startsWith(new DvcPdu.CapabilitiesResponse(2));
    }

    @Test
    void createBeforeCapabilitiesIsOutOfSequence() {
        dvc.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        assertThatThrownBy(() -> feed(new CreateRequest(0, 3, "ECHO"))).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE)).hasMessageContaining("before the capabilities");
    }

    @Test
    void unknownListenerIsRefusedAndTheIdIsNotKept() {
        capsV2();
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.2.1-create-request.hex"))).containsExactly(
                new CreateResponse(3, CreateResponse.E_FAIL), new DvcEvent.ChannelRefused(3, "testdvc", "no listener named 'testdvc'"));
        assertThat(dvc.channelCount()).isZero();
        dvc.registerListener("testdvc", (id, n, p) -> Decision.ACCEPT);
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.2.1-create-request.hex"))).containsExactly(
                new CreateResponse(3, CreateResponse.S_OK), new DvcEvent.ChannelOpened(3, "testdvc", 0));
    }

    @Test
    void listenerRefusalAndDeferredDecisions() {
        capsV2();
        dvc.registerListener("NO", (id, n, p) -> Decision.REFUSE);
        dvc.registerListener("LATER", (id, n, p) -> Decision.DEFER);
        assertThat(feed(new CreateRequest(0, 5, "NO"))).containsExactly(new CreateResponse(5, CreateResponse.E_ACCESSDENIED),
                new DvcEvent.ChannelRefused(5, "NO", "refused by the listener"));
        assertThat(feed(new CreateRequest(2, 6, "LATER"))).containsExactly(new DvcEvent.ChannelRequested(6, "LATER", 2));
        assertThat(feed(new CreateRequest(2, 7, "LATER"))).containsExactly(new DvcEvent.ChannelRequested(7, "LATER", 2));
        assertThat(dvc.isOpen(6)).isFalse();
        assertThat(decoded(dvc.accept(6))).containsExactly(new CreateResponse(6, 0), new DvcEvent.ChannelOpened(6, "LATER", 2));
        assertThat(decoded(dvc.refuse(7, "plugin said no"))).containsExactly(new CreateResponse(7, CreateResponse.E_ACCESSDENIED),
                new DvcEvent.ChannelRefused(7, "LATER", "plugin said no"));
        assertThat(dvc.accept(7)).isEmpty();
        assertThat(dvc.accept(6)).isEmpty();
        assertThat(dvc.isOpen(6)).isTrue();
    }

    @Test
    void dataBeforeTheDeferredAnswerIsOutOfSequence() {
        capsV2();
        dvc.registerListener("LATER", (id, n, p) -> Decision.DEFER);
        feed(new CreateRequest(0, 6, "LATER"));
        assertThatThrownBy(() -> feed(new Data(6, Unpooled.wrappedBuffer(new byte[] {1})))).isInstanceOf(RdpException.class)
                .hasMessageContaining("before its create response");
    }

    @Test
    void theSpecFragmentedMessageIsReassembledWhole() {
        capsV2();
        dvc.registerListener("testdvc", (id, n, p) -> Decision.ACCEPT);
        feed(HexVectors.load("/vectors/ms-rdpedyc/4.2.1-create-request.hex"));
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.1-data-first.hex"))).isEmpty();
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.2-data.hex"))).isEmpty();
        byte[] expected = new byte[3195];
        Arrays.fill(expected, (byte) 0x71);
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.2-data-last.hex"))).containsExactly(new Message(3, expected));
        assertThat(feed(new Data(3, Unpooled.wrappedBuffer(new byte[] {9, 8})))).containsExactly(new Message(3, new byte[] {9, 8}));
    }

    @Test
    void writesFragmentLikeTheSpecExample() {
        capsV2();
        dvc.registerListener("testdvc", (id, n, p) -> Decision.ACCEPT);
        feed(HexVectors.load("/vectors/ms-rdpedyc/4.2.1-create-request.hex"));
        byte[] message = new byte[3195];
        Arrays.fill(message, (byte) 0x71);
        ByteBuf m = Unpooled.wrappedBuffer(message);
        List<DvcEvent> events = dvc.write(3, m);
        assertThat(m.readableBytes()).isEqualTo(3195); // not consumed
        m.release();
        assertThat(events).hasSize(3).allMatch(e -> e instanceof DvcEvent.Send);
        byte[] first = ByteBufUtil.getBytes(((DvcEvent.Send) events.get(0)).pdu());
        byte[] second = ByteBufUtil.getBytes(((DvcEvent.Send) events.get(1)).pdu());
        byte[] third = ByteBufUtil.getBytes(((DvcEvent.Send) events.get(2)).pdu());
        events.forEach(e -> ((DvcEvent.Send) e).pdu().release());
        assertThat(first).isEqualTo(HexVectors.load("/vectors/ms-rdpedyc/4.3.1-data-first.hex"));
        byte[] specSecond = HexVectors.load("/vectors/ms-rdpedyc/4.3.2-data.hex");
        specSecond[0] = 0x30; // the spec's sender left Sp = 1; this client writes 0
        assertThat(second).isEqualTo(specSecond);
        assertThat(third).containsExactly(0x30, 0x03, 0x71);
    }

    @Test
    void writeBoundaries() {
        capsV2();
        openEcho(300); // 2-byte channel id
        for (int size : new int[] {0, 1, 1590, 1591, 1596, 1597, 3192, 70_000}) {
            byte[] msg = new byte[size];
            new Random(size).nextBytes(msg);
            List<DvcEvent> events = dvc.write(300, Unpooled.wrappedBuffer(msg));
            MessageReassembler server = new MessageReassembler(1 << 20);
            ByteBuf whole = null;
            for (DvcEvent e : events) {
                ByteBuf pdu = ((DvcEvent.Send) e).pdu();
                assertThat(pdu.readableBytes()).isLessThanOrEqualTo(DvcPdu.MAX_PDU_SIZE);
                DvcPdu p = DvcPdu.decodeFromClient(pdu);
                MessageReassembler.Result r = switch (p) {
                    case DataFirst df -> server.dataFirst(df.totalLength(), df.data());
                    case Data d -> server.data(d.data());
                    default -> throw new AssertionError(p);
                };
                if (r instanceof MessageReassembler.Complete c) {
                    whole = c.message();
                }
                pdu.release();
            }
            int firstBlock = 1600 - (1 + 2 + (size > 0xFFFF ? 4 : 2));
            assertThat(events).as("PDUs for %d bytes", size).hasSize(size <= firstBlock ? 1
                    : 1 + (int) Math.ceil((size - (double) firstBlock) / (1600 - 3)));
            assertThat(ByteBufUtil.getBytes(whole)).as("%d bytes", size).isEqualTo(msg);
            whole.release();
        }
    }

    @Property(tries = 60)
    void anyMessageSurvivesWriteAndReassembly(@ForAll @IntRange(min = 0, max = 200_000) int size,
                                              @ForAll @IntRange(min = 0, max = 70_000) int channelId) {
        DynamicChannelManager client = new DynamicChannelManager(DynamicChannelManager.Settings.defaults());
        client.registerListener("X", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(client, new CapabilitiesRequest(1, null)));
        decoded(receive(client, new CreateRequest(0, channelId, "X")));
        byte[] msg = new byte[size];
        new Random(size * 31L + channelId).nextBytes(msg);
        // loop the client's own PDUs back into a second client as if they came from the server
        DynamicChannelManager peer = new DynamicChannelManager(DynamicChannelManager.Settings.defaults());
        peer.registerListener("X", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(peer, new CapabilitiesRequest(1, null)));
        decoded(receive(peer, new CreateRequest(0, channelId, "X")));
        List<Object> got = new ArrayList<>();
        for (DvcEvent e : client.write(channelId, Unpooled.wrappedBuffer(msg))) {
            ByteBuf pdu = ((DvcEvent.Send) e).pdu();
            got.addAll(decoded(peer.receive(pdu)));
            pdu.release();
        }
        assertThat(got).containsExactly(new Message(channelId, msg));
    }

    private static List<DvcEvent> receive(DynamicChannelManager m, DvcPdu pdu) {
        ByteBuf b = Unpooled.wrappedBuffer(HexVectors.encode(pdu::encode));
        try {
            return m.receive(b);
        } finally {
            b.release();
        }
    }

    @Test
    void closeInBothDirections() {
        capsV2();
        openEcho(3);
        openEcho(4);
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.4.1-close.hex"))).containsExactly(new Close(3),
                new DvcEvent.ChannelClosed(3, "ECHO", CloseReason.SERVER));
        assertThat(feed(new Close(3))).as("close of an unknown id is ignored, not answered").isEmpty();
        assertThat(decoded(dvc.close(4))).containsExactly(new Close(4), new DvcEvent.ChannelClosed(4, "ECHO", CloseReason.CLIENT));
        assertThat(dvc.close(4)).isEmpty();
        assertThatThrownBy(() -> dvc.write(4, Unpooled.EMPTY_BUFFER)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE));
        assertThat(feed(new Data(4, Unpooled.wrappedBuffer(new byte[] {1, 2})))).containsExactly(new DvcEvent.DataDropped(4, 2));
        openEcho(3); // the server may reuse a closed id
    }

    @Test
    void aMessageOverTheCapClosesOnlyThatChannel() {
        DynamicChannelManager small = new DynamicChannelManager(new DynamicChannelManager.Settings(2, 4096, 8));
        small.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(small, new CapabilitiesRequest(1, null)));
        decoded(receive(small, new CreateRequest(0, 1, "ECHO")));
        decoded(receive(small, new CreateRequest(0, 2, "ECHO")));
        byte[] block = new byte[1500];
        assertThat(decoded(receive(small, new DataFirst(1, 0xFFFF_FFF0L, Unpooled.wrappedBuffer(block))))).containsExactly(
                new Close(1), new DvcEvent.ChannelClosed(1, "ECHO", CloseReason.MESSAGE_TOO_LARGE));
        assertThat(decoded(receive(small, new Data(1, Unpooled.wrappedBuffer(block))))).containsExactly(new DvcEvent.DataDropped(1, 1500));
        assertThat(decoded(receive(small, new Data(2, Unpooled.wrappedBuffer(new byte[] {7}))))).containsExactly(new Message(2, new byte[] {7}));
    }

    @Test
    void reassemblyViolationsAreProtocolErrors() {
        capsV2();
        openEcho(3);
        feed(new DataFirst(3, 10, Unpooled.wrappedBuffer(new byte[4])));
        assertThatThrownBy(() -> feed(new DataFirst(3, 10, Unpooled.wrappedBuffer(new byte[4])))).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE)).hasMessageContaining("new message started");
        DynamicChannelManager other = new DynamicChannelManager(DynamicChannelManager.Settings.defaults());
        other.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(other, new CapabilitiesRequest(1, null)));
        decoded(receive(other, new CreateRequest(0, 3, "ECHO")));
        decoded(receive(other, new DataFirst(3, 10, Unpooled.wrappedBuffer(new byte[4]))));
        assertThatThrownBy(() -> receive(other, new Data(3, Unpooled.wrappedBuffer(new byte[7])))).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED)).hasMessageContaining("overruns");
    }

    @Test
    void duplicateChannelIdIsOutOfSequence() {
        capsV2();
        openEcho(3);
        assertThatThrownBy(() -> feed(new CreateRequest(0, 3, "ECHO"))).hasMessageContaining("already in use by 'ECHO'");
    }

    @Test
    void compressedDataNeedsVersion3() {
        DynamicChannelManager v2 = new DynamicChannelManager(new DynamicChannelManager.Settings(2, 1 << 20, 8));
        v2.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(v2, new CapabilitiesRequest(2, new PriorityCharges(1, 1, 1, 1))));
        decoded(receive(v2, new CreateRequest(0, 3, "ECHO")));
        ByteBuf c = Unpooled.wrappedBuffer(HexVectors.load("/vectors/ms-rdpedyc/4.3.4-data-compressed.hex"));
        assertThatThrownBy(() -> v2.receive(c)).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.STATE)).hasMessageContaining("version 2 was negotiated");
        c.release();
    }

    @Test
    void theSpecCompressedMessageDecompressesAndReassembles() {
        feed(new CapabilitiesRequest(3, new PriorityCharges(1, 1, 1, 1)));
        openEcho(3);
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.3-data-first-compressed.hex"))).isEmpty();
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.4-data-compressed.hex"))).isEmpty();
        byte[] expected = new byte[3195];
        Arrays.fill(expected, (byte) 0x71);
        assertThat(feed(HexVectors.load("/vectors/ms-rdpedyc/4.3.4-data-compressed-last.hex"))).containsExactly(new Message(3, expected));
    }

    @Test
    void channelLimitRefusesFurtherChannels() {
        DynamicChannelManager two = new DynamicChannelManager(new DynamicChannelManager.Settings(2, 4096, 2));
        two.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        decoded(receive(two, new CapabilitiesRequest(1, null)));
        decoded(receive(two, new CreateRequest(0, 1, "ECHO")));
        decoded(receive(two, new CreateRequest(0, 2, "ECHO")));
        assertThat(decoded(receive(two, new CreateRequest(0, 3, "ECHO")))).containsExactly(new CreateResponse(3, CreateResponse.E_FAIL),
                new DvcEvent.ChannelRefused(3, "ECHO", "channel limit 2 reached"));
    }

    @Test
    void disconnectClosesEverythingAndForgetsCapabilities() {
        capsV2();
        openEcho(3);
        dvc.registerListener("LATER", (id, n, p) -> Decision.DEFER);
        feed(new CreateRequest(0, 9, "LATER"));
        feed(new DataFirst(3, 5000, Unpooled.wrappedBuffer(new byte[100]))); // a partial message is dropped, not leaked
        assertThat(dvc.disconnect()).containsExactly(new DvcEvent.ChannelClosed(3, "ECHO", CloseReason.DISCONNECTED),
                new DvcEvent.ChannelRefused(9, "LATER", "static channel disconnected"));
        assertThat(dvc.version()).isZero();
        assertThat(dvc.channelCount()).isZero();
    }

    @Test
    void softSyncIsRecognisedAndNotAnswered() {
        capsV2();
        DvcPdu.SoftSyncRequest req = new DvcPdu.SoftSyncRequest(1, 0, List.of());
        assertThat(feed(req)).containsExactly(new DvcEvent.SoftSyncIgnored(req));
    }

    @Test
    void serverMustNotSendClientPdus() {
        capsV2();
        assertThatThrownBy(() -> feed(new byte[] {0x10, 0x03, 0x61, 0x00, 0x00, 0x00})).isInstanceOf(RdpException.class);
        assertThatThrownBy(() -> feed(new byte[] {(byte) 0x90, 0, 0, 0, 0, 0})).hasMessageContaining("SOFT_SYNC_RESPONSE");
    }

    @Test
    void openEchoHelperWorks() {
        capsV2();
        dvc.registerListener("ECHO", (id, n, p) -> Decision.ACCEPT);
        openEcho(0xFFFF_FFFFL);
        assertThat(dvc.isOpen(0xFFFF_FFFFL)).isTrue();
    }
}
