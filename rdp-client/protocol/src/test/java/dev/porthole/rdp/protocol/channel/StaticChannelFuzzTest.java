package dev.porthole.rdp.protocol.channel;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/** Fuzz target for static channel data from a server: only RdpException may escape, memory stays bounded, nothing leaks. */
class StaticChannelFuzzTest {

    /**
     * A stream of Send Data Indication payloads: byte 0 of each picks channel 1004, 1005 or an unknown id,
     * then a 2-byte length and the payload (CHANNEL_PDU_HEADER + chunk). Cap 64 KiB.
     */
    @FuzzTest(maxDuration = "30s")
    void channelData(byte[] data) {
        StaticChannels s = new StaticChannels(List.of(new ChannelDef("a", 0), new ChannelDef("b", 0)), List.of(1004, 1005),
                1 << 16, ByteBufAllocator.DEFAULT);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            while (in.readableBytes() >= 3) {
                int id = 1004 + in.readUnsignedByte() % 3;
                int n = Math.min(in.readUnsignedShort(), in.readableBytes());
                ByteBuf payload = in.readSlice(n);
                try {
                    for (StaticChannels.Event e : s.receive(id, payload)) {
                        if (e instanceof StaticChannels.Message m) {
                            if (m.message().readableBytes() > 1 << 16) {
                                throw new IllegalStateException("message of " + m.message().readableBytes() + " bytes over the cap");
                            }
                            m.message().release();
                        }
                    }
                } catch (RdpException expected) {
                    // a truncated header
                }
            }
        } finally {
            s.release();
            in.release();
        }
    }
}
