package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.1.1 RDP Negotiation Request (RDP_NEG_REQ).
 *
 * @param flags              RESTRICTED_ADMIN_MODE_REQUIRED (0x01), REDIRECTED_AUTHENTICATION_MODE_REQUIRED
 *                           (0x02), CORRELATION_INFO_PRESENT (0x08)
 * @param requestedProtocols {@link SecurityProtocols} flags
 */
public record NegotiationRequest(int flags, int requestedProtocols) {

    static final String PDU = "RDP_NEG_REQ";
    public static final int TYPE = 0x01;
    public static final int SIZE = 8;

    public static final int RESTRICTED_ADMIN_MODE_REQUIRED = 0x01;
    public static final int REDIRECTED_AUTHENTICATION_MODE_REQUIRED = 0x02;
    public static final int CORRELATION_INFO_PRESENT = 0x08;

    public NegotiationRequest {
        Wire.requireUnsigned(flags, 8, PDU, "flags");
    }

    /** Decodes the structure including its type byte. */
    public static NegotiationRequest decode(ByteBuf in) {
        NegotiationStructure.Fields f = NegotiationStructure.decode(in, TYPE, PDU);
        return new NegotiationRequest(f.flags(), f.value());
    }

    public void encode(ByteBuf out) {
        NegotiationStructure.encode(out, TYPE, flags, requestedProtocols);
    }

    public int size() {
        return SIZE;
    }
}
