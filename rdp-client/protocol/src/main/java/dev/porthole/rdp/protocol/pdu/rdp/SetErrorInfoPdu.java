package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.5.1.1 Set Error Info PDU Data (TS_SET_ERROR_INFO_PDU): the reason the server is about to
 * disconnect (or ERRINFO_NONE). {@link #describe()} turns it into a sentence via {@link ErrorInfo}.
 */
public record SetErrorInfoPdu(int errorInfo) implements ShareData {

    static final String PDU = "TS_SET_ERROR_INFO_PDU";

    @Override
    public int pduType2() {
        return PDUTYPE2_SET_ERROR_INFO_PDU;
    }

    public String name() {
        return ErrorInfo.name(errorInfo);
    }

    public String describe() {
        return ErrorInfo.describe(errorInfo);
    }

    @Override
    public int bodySize() {
        return 4;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(errorInfo);
    }

    static SetErrorInfoPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "errorInfo");
        return new SetErrorInfoPdu(body.readIntLE());
    }
}
