package dev.porthole.rdp.netty.framing;

import java.util.List;

import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts the inbound byte stream into whole TPKT packets (header included), whatever the TCP
 * fragmentation. Malformed headers raise the protocol core's {@code RdpException}. Fast-path
 * framing joins this decoder with the active session (issue #3).
 */
public final class TpktFrameDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int length;
            try {
                length = TpktHeader.peekPacketLength(in);
            } catch (RuntimeException malformed) {
                in.skipBytes(in.readableBytes()); // the stream is unusable; never decode it again
                throw malformed;
            }
            if (length < 0 || in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
