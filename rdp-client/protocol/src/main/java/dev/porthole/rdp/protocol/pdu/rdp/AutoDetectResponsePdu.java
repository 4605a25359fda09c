package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.14.4 Client Auto-Detect Response PDU: SEC_AUTODETECT_RSP and one {@link AutoDetectResponse}. */
public record AutoDetectResponsePdu(AutoDetectResponse response) implements MessageChannelPdu {

    public AutoDetectResponsePdu {
        if (response == null) {
            throw RdpException.argument("Auto-Detect Response PDU", "autoDetectRspPduData", "is null");
        }
    }

    @Override
    public int securityFlag() {
        return SecurityHeader.SEC_AUTODETECT_RSP;
    }

    @Override
    public int bodySize() {
        return response.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        response.encode(out);
    }
}
