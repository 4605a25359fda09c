package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.2.1.1 Shutdown Request PDU Data (TS_SHUTDOWN_REQ_PDU): the client asks to end the
 * session; the server answers with Shutdown Request Denied (to ask the user) or disconnects. It has no body.
 */
public record ShutdownRequestPdu() implements ShareData {

    @Override
    public int pduType2() {
        return PDUTYPE2_SHUTDOWN_REQUEST;
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
