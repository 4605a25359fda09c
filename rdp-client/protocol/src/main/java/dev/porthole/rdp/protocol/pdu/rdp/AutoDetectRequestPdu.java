package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.14.3 Server Auto-Detect Request PDU: SEC_AUTODETECT_REQ and one {@link AutoDetectRequest}. */
public record AutoDetectRequestPdu(AutoDetectRequest request) implements MessageChannelPdu {

    public AutoDetectRequestPdu {
        if (request == null) {
            throw RdpException.argument("Auto-Detect Request PDU", "autoDetectReqPduData", "is null");
        }
    }

    @Override
    public int securityFlag() {
        return SecurityHeader.SEC_AUTODETECT_REQ;
    }

    @Override
    public int bodySize() {
        return request.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        request.encode(out);
    }
}
