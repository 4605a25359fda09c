package dev.porthole.rdp.protocol.pdu.x224;

import io.netty.buffer.ByteBuf;

/** The rdpNegData of a Server X.224 Connection Confirm (MS-RDPBCGR 2.2.1.2): a response or a failure. */
public sealed interface NegotiationOutcome permits NegotiationResponse, NegotiationFailure {

    void encode(ByteBuf out);

    int size();
}
