package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.1.1 Save Session Info PDU Data (TS_SAVE_SESSION_INFO_PDU_DATA): the server reports a
 * logon (with user and session), hands out or renews the auto-reconnect cookie, or reports logon errors.
 */
public record SaveSessionInfoPdu(LogonInfo info) implements ShareData {

    static final String PDU = "TS_SAVE_SESSION_INFO_PDU_DATA";

    public SaveSessionInfoPdu {
        if (info == null) {
            throw RdpException.argument(PDU, "infoData", "is null");
        }
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_SAVE_SESSION_INFO;
    }

    @Override
    public int bodySize() {
        return 4 + info.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(info.infoType());
        info.encode(out);
    }

    static SaveSessionInfoPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "infoType");
        int type = body.readIntLE();
        LogonInfo info = switch (type) {
            case LogonInfo.INFOTYPE_LOGON -> LogonInfoV1.decode(body);
            case LogonInfo.INFOTYPE_LOGON_LONG -> LogonInfoV2.decode(body);
            case LogonInfo.INFOTYPE_LOGON_PLAINNOTIFY -> PlainNotify.decode(body);
            case LogonInfo.INFOTYPE_LOGON_EXTENDED_INFO -> LogonInfoExtended.decode(body);
            default -> throw RdpException.malformed(PDU, "infoType", "unknown value " + Integer.toUnsignedString(type));
        };
        return new SaveSessionInfoPdu(info);
    }
}
