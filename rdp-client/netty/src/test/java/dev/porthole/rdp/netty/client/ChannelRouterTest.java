package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.porthole.rdp.protocol.channel.drdynvc.DvcEvent;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.gcc.ServerCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerNetworkData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * The driver's static channel routing and the DRDYNVC binding on an embedded channel: server chunks in,
 * handler calls and client frames (TPKT/X.224/MCS Send Data Request/CHANNEL_PDU_HEADER) out.
 */
class ChannelRouterTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
    private final ChannelRouter router = new ChannelRouter(List.of(new ChannelDef("cliprdr", ChannelDef.CHANNEL_OPTION_INITIALIZED),
            new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED)), "test");

    ChannelRouterTest() {
        router.onServerSettings(ctx, new ServerData(new ServerCoreData(0x80004, 1, 0, 0),
                new ServerSecurityData(0, 0, new byte[0], new byte[0]), new ServerNetworkData(1003, List.of(1004, 1005)), null), () -> 1007);
    }

    /** Feeds one chunk (CHANNEL_PDU_HEADER + data) as a Send Data Indication's user data would arrive. */
    private void serverChunk(int channelId, int length, int flags, String hex) {
        ByteBuf b = Unpooled.buffer();
        new VirtualChannelPdu(length, flags, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex))).encode(b);
        try {
            router.onChannelData(channelId, b);
        } finally {
            b.release();
        }
    }

    /** Every frame the client wrote: "channelId:flags:hex-of-chunk". */
    private List<String> written() {
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        for (ByteBuf f; (f = channel.readOutbound()) != null; ) {
            try {
                DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) DomainPdu.decode(f);
                assertThat(sdr.initiator()).isEqualTo(1007);
                VirtualChannelPdu chunk = VirtualChannelPdu.decode(sdr.userData());
                out.add(sdr.channelId() + ":" + chunk.flags() + ":" + chunk.length() + ":" + ByteBufUtil.hexDump(chunk.data()));
            } finally {
                f.release();
            }
        }
        return out;
    }

    @Test
    void staticChannelMessagesAreReassembledAndWritesAreChunked() {
        List<String> received = new CopyOnWriteArrayList<>();
        List<StaticChannel> opened = new CopyOnWriteArrayList<>();
        assertThat(router.register("CLIPRDR", new StaticChannelHandler() {
            @Override
            public void onOpen(StaticChannel ch) {
                opened.add(ch);
            }

            @Override
            public void onMessage(StaticChannel ch, ByteBuf message) {
                received.add(ch.name() + ":" + ByteBufUtil.hexDump(message));
            }
        })).isTrue();
        assertThat(router.register("cliprdr", (ch, m) -> { })).isFalse();
        assertThatThrownBy(() -> router.register("rdpsnd", (ch, m) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rdpsnd' is not in the configuration");

        serverChunk(1004, 3, VirtualChannelPdu.CHANNEL_FLAG_FIRST, "0102");
        assertThat(received).isEmpty();
        serverChunk(1004, 3, VirtualChannelPdu.CHANNEL_FLAG_LAST, "03");
        assertThat(received).containsExactly("cliprdr:010203");

        router.onActivation(null);
        assertThat(opened).singleElement().extracting(StaticChannel::name).isEqualTo("cliprdr");
        CompletableFuture<Void> done = opened.getFirst().write(Unpooled.wrappedBuffer(new byte[2000]));
        List<String> frames = written();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("1004:1:2000:");
        assertThat(frames.get(1)).startsWith("1004:2:2000:");
        assertThat(frames.get(0).split(":")[3]).hasSize(1600 * 2);
        assertThat(done).isCompleted();

        router.onClosed();
        CompletableFuture<Void> late = opened.getFirst().write(Unpooled.wrappedBuffer(new byte[1]));
        channel.runPendingTasks();
        assertThat(late).isCompletedExceptionally();
        channel.finishAndReleaseAll();
    }

    @Test
    void drdynvcChannelsAreDeferredAcceptedAndCarryMessagesBothWays() {
        DynamicChannels dvc = router.dynamicChannels();
        List<String> calls = new CopyOnWriteArrayList<>();
        assertThat(dvc.listen("Echo", new DynamicChannels.Listener() {
            @Override
            public void onRequested(long id, String name, int priority) {
                calls.add("requested " + id + " " + name);
            }

            @Override
            public void onOpened(long id, String name) {
                calls.add("opened " + id);
            }

            @Override
            public void onMessage(long id, ByteBuf message) {
                calls.add("message " + id + " " + ByteBufUtil.hexDump(message));
            }

            @Override
            public void onClosed(long id, String name, DvcEvent.CloseReason reason) {
                calls.add("closed " + id + " " + reason);
            }
        })).isTrue();
        assertThat(dvc.listen("Echo", (DynamicChannels.Listener) (id, m) -> { })).isFalse();
        router.onActivation(null);

        int both = VirtualChannelPdu.CHANNEL_FLAG_FIRST | VirtualChannelPdu.CHANNEL_FLAG_LAST;
        // MS-RDPEDYC 2.2.1.1.2 DYNVC_CAPS_VERSION2 → the client answers DYNVC_CAPS_RSP version 2
        serverChunk(1005, 12, both, "500002000000000000000000");
        assertThat(dvc.isReady()).isTrue();
        assertThat(written()).containsExactly("1005:3:4:50000200");
        // 2.2.2.1 DYNVC_CREATE_REQ id 3 "Echo": deferred, no answer yet
        serverChunk(1005, 7, both, "1003" + "4563686f00");
        assertThat(calls).containsExactly("requested 3 Echo");
        assertThat(written()).isEmpty();
        assertThat(dvc.accept(3)).isCompletedWithValue(true);
        assertThat(written()).containsExactly("1005:3:6:100300000000");
        assertThat(dvc.accept(3)).as("no longer pending").isCompletedWithValue(false);
        assertThat(written()).isEmpty();
        assertThat(calls).contains("opened 3");
        // 2.2.3.2 DYNVC_DATA
        serverChunk(1005, 5, both, "3003abcdef");
        assertThat(calls).contains("message 3 abcdef");
        CompletableFuture<Void> sent = dvc.write(3, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0102")));
        assertThat(written()).containsExactly("1005:3:4:30030102");
        assertThat(sent).isCompleted();
        // a create request for a name nobody listens on is refused at once (E_FAIL)
        serverChunk(1005, 7, both, "1004" + "4e6f6e6500");
        assertThat(written()).containsExactly("1005:3:6:100405400080");

        router.onClosed();
        assertThat(calls).contains("closed 3 DISCONNECTED");
        assertThat(dvc.isReady()).isFalse();
        channel.finishAndReleaseAll();
    }
}
