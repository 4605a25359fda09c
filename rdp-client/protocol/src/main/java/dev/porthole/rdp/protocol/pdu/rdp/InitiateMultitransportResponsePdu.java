package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.15.2 Client Initiate Multitransport Response PDU: the request id and an HRESULT. */
public record InitiateMultitransportResponsePdu(int requestId, int hrResponse) implements MessageChannelPdu {

    static final String PDU = "Initiate Multitransport Response PDU";
    public static final int S_OK = 0x00000000;
    public static final int E_ABORT = 0x80004004;

    /** The answer of a client that will not set up the UDP transport. */
    public static InitiateMultitransportResponsePdu declining(InitiateMultitransportRequestPdu request) {
        return new InitiateMultitransportResponsePdu(request.requestId(), E_ABORT);
    }

    @Override
    public int securityFlag() {
        return SecurityHeader.SEC_TRANSPORT_RSP;
    }

    @Override
    public int bodySize() {
        return 8;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(requestId);
        out.writeIntLE(hrResponse);
    }

    static InitiateMultitransportResponsePdu decodeBody(ByteBuf in) {
        Wire.need(in, 8, PDU, "requestId/hrResponse");
        return new InitiateMultitransportResponsePdu(in.readIntLE(), in.readIntLE());
    }
}
