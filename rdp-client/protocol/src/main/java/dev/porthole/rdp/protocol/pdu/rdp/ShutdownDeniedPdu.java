package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.2.2.1 Shutdown Request Denied PDU Data (TS_SHUTDOWN_DENIED_PDU): the server will not
 * end the session on the client's request; the client may disconnect on its own. It has no body.
 */
public record ShutdownDeniedPdu() implements ShareData {

    @Override
    public int pduType2() {
        return PDUTYPE2_SHUTDOWN_DENIED;
    }

    @Override
    public int bodySize() {
        return 0;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        // the Share Data Header is the whole PDU
    }
}
