package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.4.1.1 Auto-Reconnect Status PDU Data (TS_AUTORECONNECT_STATUS_PDU): the server
 * refused the auto-reconnect cookie; the client must ask for credentials.
 */
public record AutoReconnectStatusPdu(int arcStatus) implements ShareData {

    static final String PDU = "TS_AUTORECONNECT_STATUS_PDU";
    public static final int BODY_SIZE = 4;

    @Override
    public int pduType2() {
        return PDUTYPE2_ARC_STATUS_PDU;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(arcStatus);
    }

    static AutoReconnectStatusPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int arcStatus = body.readIntLE();
        return Wire.decoded(() -> new AutoReconnectStatusPdu(arcStatus));
    }
}
