package dev.porthole.rdp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for the message channel (auto-detect and heartbeat PDUs, invariant 4): the input is a sequence of
 * PDUs, each prefixed by one length byte, fed to one {@link MessageChannel} with a rising clock. Only an
 * {@link RdpException} may escape; every reply encodes to exactly its size. The saved corpus under
 * {@code MessageChannelFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class MessageChannelFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void feed(byte[] data) {
        MessageChannel channel = new MessageChannel();
        long now = 0;
        int at = 0;
        while (at < data.length) {
            int length = Math.min(data[at] & 0xFF, data.length - at - 1);
            ByteBuf pdu = Unpooled.wrappedBuffer(data, at + 1, length);
            at += 1 + length;
            now += 700;
            try {
                for (MessageChannelPdu reply : channel.onData(pdu, now).replies()) {
                    ByteBuf out = Unpooled.buffer();
                    try {
                        reply.encode(out);
                        assertThat(out.readableBytes()).isEqualTo(reply.size());
                    } finally {
                        out.release();
                    }
                }
                channel.onTick(now);
            } catch (RdpException expected) {
                // the only acceptable failure for bad input
            } finally {
                pdu.release();
            }
        }
    }
}
