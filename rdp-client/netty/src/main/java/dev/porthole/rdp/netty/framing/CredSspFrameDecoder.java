package dev.porthole.rdp.netty.framing;

import java.util.List;

import dev.porthole.rdp.protocol.credssp.EarlyUserAuthorizationResult;
import dev.porthole.rdp.protocol.credssp.TsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts the decrypted TLS stream into whole CredSSP messages (MS-CSSP 2.2.1 TSRequest, DER framed) or,
 * for HYBRID_EX, the 4-byte Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2) when the client
 * says that comes next. Malformed DER raises the protocol core's {@code RdpException}.
 */
public final class CredSspFrameDecoder extends ByteToMessageDecoder {

    private volatile boolean expectAuthorizationResult;

    /** Whether the next message is the 4-byte authorization result instead of a TSRequest. */
    public void expectAuthorizationResult(boolean value) {
        this.expectAuthorizationResult = value;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int length;
            try {
                length = expectAuthorizationResult ? EarlyUserAuthorizationResult.SIZE : TsRequest.peekLength(in);
            } catch (RuntimeException malformed) {
                in.skipBytes(in.readableBytes());
                throw malformed;
            }
            if (length < 0 || in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
            if (expectAuthorizationResult) {
                return; // the client decides what follows
            }
        }
    }
}
