package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.13.3.1 Enhanced Security Server Redirection PDU (TS_ENHANCED_SECURITY_SERVER_REDIRECTION),
 * kept raw: {@code body} is everything after the Share Control Header (pad2Octets, the
 * RDP_SERVER_REDIRECTION_PACKET of 2.2.13.1 and the optional pad1Octet); {@link #packet()} decodes the
 * redirection packet.
 */
public record ServerRedirectionPdu(int pduSource, Bytes body) implements ShareControlPdu {

    static final String PDU = "TS_ENHANCED_SECURITY_SERVER_REDIRECTION";

    public ServerRedirectionPdu {
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
        if (body == null) {
            throw RdpException.argument(PDU, "body", "is null");
        }
    }

    @Override
    public int type() {
        return PDUTYPE_SERVER_REDIR_PKT;
    }

    @Override
    public int bodySize() {
        return body.length();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        body.writeTo(out);
    }

    /** The embedded Server Redirection Packet (2.2.13.1), after pad2Octets; a trailing pad1Octet is ignored. */
    public ServerRedirectionPacket packet() {
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(body.toByteArray());
        try {
            Wire.need(in, 2, PDU, "pad2Octets");
            in.skipBytes(2);
            return ServerRedirectionPacket.decode(in);
        } finally {
            in.release();
        }
    }

    static ServerRedirectionPdu decodeBody(ShareControlHeader h, ByteBuf body) {
        return new ServerRedirectionPdu(h.pduSource(), Bytes.read(body, body.readableBytes(), PDU, "body"));
    }
}
