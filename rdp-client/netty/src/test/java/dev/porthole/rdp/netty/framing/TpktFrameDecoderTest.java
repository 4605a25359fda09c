package dev.porthole.rdp.netty.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TpktFrameDecoderTest {

    private static byte[] packet(int srcRef) {
        ConnectionConfirm cc = new ConnectionConfirm(srcRef, new NegotiationResponse(0, 1));
        ByteBuf b = Unpooled.buffer();
        cc.encode(b);
        byte[] bytes = ByteBufUtil.getBytes(b);
        b.release();
        return bytes;
    }

    /** Any split of three back-to-back packets into TCP segments yields the same three packets. */
    @Property(tries = 200)
    void reassemblesPacketsFromArbitraryFragmentation(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
        byte[] stream = new byte[0];
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] p = packet(i);
            expected.add(p);
            byte[] s = new byte[stream.length + p.length];
            System.arraycopy(stream, 0, s, 0, stream.length);
            System.arraycopy(p, 0, s, stream.length, p.length);
            stream = s;
        }
        Random r = new Random(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder());
        int at = 0;
        while (at < stream.length) {
            int n = 1 + r.nextInt(Math.min(25, stream.length - at));
            ch.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
            at += n;
        }
        List<byte[]> got = new ArrayList<>();
        ByteBuf frame;
        while ((frame = ch.readInbound()) != null) {
            got.add(ByteBufUtil.getBytes(frame));
            frame.release();
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(ch.finish()).isFalse();
    }

    @Example
    void garbageIsAMalformedTpktError() {
        EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x10})))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(RdpException.class)
                .hasMessageContaining("TPKT.version");
        ch.finishAndReleaseAll();
    }

}
