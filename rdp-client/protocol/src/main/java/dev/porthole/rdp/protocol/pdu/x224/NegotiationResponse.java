package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.2.1 RDP Negotiation Response (RDP_NEG_RSP).
 *
 * @param flags            EXTENDED_CLIENT_DATA_SUPPORTED (0x01), DYNVC_GFX_PROTOCOL_SUPPORTED (0x02),
 *                         NEGRSP_FLAG_RESERVED (0x04), RESTRICTED_ADMIN_MODE_SUPPORTED (0x08),
 *                         REDIRECTED_AUTHENTICATION_MODE_SUPPORTED (0x10)
 * @param selectedProtocol one {@link SecurityProtocols} value
 */
public record NegotiationResponse(int flags, int selectedProtocol) implements NegotiationOutcome {

    static final String PDU = "RDP_NEG_RSP";
    public static final int TYPE = 0x02;
    public static final int SIZE = 8;

    public static final int EXTENDED_CLIENT_DATA_SUPPORTED = 0x01;
    public static final int DYNVC_GFX_PROTOCOL_SUPPORTED = 0x02;
    public static final int RESTRICTED_ADMIN_MODE_SUPPORTED = 0x08;
    public static final int REDIRECTED_AUTHENTICATION_MODE_SUPPORTED = 0x10;

    public NegotiationResponse {
        Wire.requireUnsigned(flags, 8, PDU, "flags");
    }

    /** Decodes the structure including its type byte. */
    public static NegotiationResponse decode(ByteBuf in) {
        NegotiationStructure.Fields f = NegotiationStructure.decode(in, TYPE, PDU);
        return new NegotiationResponse(f.flags(), f.value());
    }

    @Override
    public void encode(ByteBuf out) {
        NegotiationStructure.encode(out, TYPE, flags, selectedProtocol);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
