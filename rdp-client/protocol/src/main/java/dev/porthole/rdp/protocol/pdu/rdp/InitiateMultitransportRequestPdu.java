package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.15.1 Server Initiate Multitransport Request PDU: the server offers a UDP transport
 * (MS-RDPEUDP). This client does not implement UDP and answers with E_ABORT
 * ({@link InitiateMultitransportResponsePdu#declining}).
 */
public record InitiateMultitransportRequestPdu(int requestId, int requestedProtocol, Bytes securityCookie)
        implements MessageChannelPdu {

    static final String PDU = "Initiate Multitransport Request PDU";
    public static final int INITITATE_REQUEST_PROTOCOL_UDPFECR = 0x01;
    public static final int INITITATE_REQUEST_PROTOCOL_UDPFECL = 0x02;

    public InitiateMultitransportRequestPdu {
        Wire.requireUnsigned(requestedProtocol, 16, PDU, "requestedProtocol");
        if (securityCookie == null || securityCookie.length() != 16) {
            throw RdpException.argument(PDU, "securityCookie", "must have 16 bytes");
        }
    }

    @Override
    public int securityFlag() {
        return SecurityHeader.SEC_TRANSPORT_REQ;
    }

    @Override
    public int bodySize() {
        return 24;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(requestId);
        out.writeShortLE(requestedProtocol);
        out.writeShortLE(0); // reserved
        securityCookie.writeTo(out);
    }

    static InitiateMultitransportRequestPdu decodeBody(ByteBuf in) {
        Wire.need(in, 24, PDU, "fields");
        int id = in.readIntLE();
        int protocol = in.readUnsignedShortLE();
        in.skipBytes(2);
        return new InitiateMultitransportRequestPdu(id, protocol, Bytes.read(in, 16, PDU, "securityCookie"));
    }
}
