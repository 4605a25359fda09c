package dev.porthole.rdp.protocol.channel.drdynvc;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.FuzzSupport;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcListener.Decision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Fuzz targets for the DRDYNVC decoders, the reassembler and the manager: only RdpException may escape, nothing leaks. */
class DvcFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void pduFromServer(byte[] data) {
        FuzzSupport.decodeOnly(data, DvcPdu::decodeFromServer);
    }

    @FuzzTest(maxDuration = "30s")
    void pduFromClient(byte[] data) {
        FuzzSupport.decodeOnly(data, DvcPdu::decodeFromClient);
    }

    /**
     * The reassembler driven by an op stream: byte 0 of each op picks DATA_FIRST (with a 3-byte
     * length) or DATA, then a 1-byte block length and the block.
     */
    @FuzzTest(maxDuration = "30s")
    void reassembler(byte[] data) {
        MessageReassembler r = new MessageReassembler(1 << 16);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            while (in.readableBytes() >= 2) {
                int op = in.readUnsignedByte();
                long total = 0;
                if ((op & 1) == 0) {
                    if (in.readableBytes() < 4) { // the 3-byte length and the block length
                        break;
                    }
                    total = in.readUnsignedMedium();
                }
                int n = Math.min(in.readUnsignedByte() * 8, in.readableBytes());
                ByteBuf block = in.readSlice(n);
                try {
                    MessageReassembler.Result res = (op & 1) == 0 ? r.dataFirst(total, block) : r.data(block);
                    if (res instanceof MessageReassembler.Complete c) {
                        c.message().release();
                    }
                } catch (RdpException expected) {
                    // a protocol violation; the stream goes on with a fresh state where allowed
                }
            }
        } finally {
            r.release();
            in.release();
        }
    }

    /** The manager fed a sequence of PDUs, each prefixed with a 2-byte length; listeners accept, refuse or defer by name. */
    @FuzzTest(maxDuration = "30s")
    void manager(byte[] data) {
        DynamicChannelManager m = new DynamicChannelManager(new DynamicChannelManager.Settings(3, 1 << 16, 8));
        m.registerListener("a", (id, n, p) -> Decision.ACCEPT);
        m.registerListener("r", (id, n, p) -> Decision.REFUSE);
        m.registerListener("d", (id, n, p) -> Decision.DEFER);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            while (in.readableBytes() >= 2) {
                int n = Math.min(in.readUnsignedShort(), in.readableBytes());
                ByteBuf pdu = in.readSlice(n);
                try {
                    for (DvcEvent e : m.receive(pdu)) {
                        release(e);
                        if (e instanceof DvcEvent.ChannelRequested req) {
                            (req.channelId() % 2 == 0 ? m.accept(req.channelId()) : m.refuse(req.channelId(), "odd"))
                                    .forEach(DvcFuzzTest::release);
                        }
                        if (e instanceof DvcEvent.MessageReceived msg && m.isOpen(msg.channelId())) {
                            m.write(msg.channelId(), Unpooled.wrappedBuffer(new byte[3000])).forEach(DvcFuzzTest::release);
                        }
                    }
                } catch (RdpException expected) {
                    // would terminate the static channel; keep feeding to explore later states
                }
            }
        } finally {
            m.disconnect();
            in.release();
        }
    }

    /** The RDP8 decompressor over a stream of RDP_SEGMENTED_DATA (2-byte length each), sharing its history. */
    @FuzzTest(maxDuration = "30s")
    void rdp8(byte[] data) {
        Rdp8Decompressor d = Rdp8Decompressor.lite(1 << 16);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            while (in.readableBytes() >= 2) {
                int n = Math.min(in.readUnsignedShort(), in.readableBytes());
                try {
                    d.decompress(in.readSlice(n)).release();
                } catch (RdpException expected) {
                    // malformed input
                }
            }
        } finally {
            in.release();
        }
    }

    private static void release(DvcEvent e) {
        if (e instanceof DvcEvent.Send s) {
            s.pdu().release();
        } else if (e instanceof DvcEvent.MessageReceived m) {
            m.message().release();
        }
    }
}
