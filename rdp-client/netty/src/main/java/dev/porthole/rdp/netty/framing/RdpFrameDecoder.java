package dev.porthole.rdp.netty.framing;

import java.util.List;

import dev.porthole.rdp.protocol.pdu.fastpath.FastPathFraming;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts the server's stream into whole PDUs of either kind: slow-path TPKT packets (first byte 0x03)
 * and fast-path output PDUs (MS-RDPBCGR 2.2.9.1.2, action bits 0), whatever the TCP fragmentation.
 */
public final class RdpFrameDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int length;
            try {
                length = FastPathFraming.peekLength(in);
            } catch (RuntimeException malformed) {
                in.skipBytes(in.readableBytes());
                throw malformed;
            }
            if (length < 0 || in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
