package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.1.1.4 Logon Info Extended (TS_LOGON_INFO_EXTENDED): Length (of the fields before the
 * padding), FieldsPresent, then for each present field a 32-bit cbFieldData and the data (2.2.10.1.1.4.1):
 * the server auto-reconnect cookie (LOGON_EX_AUTORECONNECTCOOKIE, an {@link ArcScPrivatePacket}) and the
 * logon errors (LOGON_EX_LOGONERRORS, {@link LogonErrorsInfo}); 570 bytes of padding follow.
 */
public record LogonInfoExtended(ArcScPrivatePacket autoReconnectCookie, LogonErrorsInfo logonErrors)
        implements LogonInfo {

    static final String PDU = "TS_LOGON_INFO_EXTENDED";
    public static final int LOGON_EX_AUTORECONNECTCOOKIE = 0x00000001;
    public static final int LOGON_EX_LOGONERRORS = 0x00000002;
    public static final int PAD_SIZE = 570;

    public int fieldsPresent() {
        return (autoReconnectCookie != null ? LOGON_EX_AUTORECONNECTCOOKIE : 0)
                | (logonErrors != null ? LOGON_EX_LOGONERRORS : 0);
    }

    @Override
    public int infoType() {
        return INFOTYPE_LOGON_EXTENDED_INFO;
    }

    /** The Length field: everything but the padding. */
    public int length() {
        return 2 + 4 + (autoReconnectCookie != null ? 4 + ArcScPrivatePacket.SIZE : 0)
                + (logonErrors != null ? 4 + LogonErrorsInfo.SIZE : 0);
    }

    @Override
    public int size() {
        return length() + PAD_SIZE;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(length());
        out.writeIntLE(fieldsPresent());
        if (autoReconnectCookie != null) {
            out.writeIntLE(ArcScPrivatePacket.SIZE);
            autoReconnectCookie.encode(out);
        }
        if (logonErrors != null) {
            out.writeIntLE(LogonErrorsInfo.SIZE);
            logonErrors.encode(out);
        }
        out.writeZero(PAD_SIZE);
    }

    static LogonInfoExtended decode(ByteBuf in) {
        Wire.need(in, 6, PDU, "Length/FieldsPresent");
        int length = in.readUnsignedShortLE();
        int present = in.readIntLE();
        if (length < 6) {
            throw RdpException.malformed(PDU, "Length", length + " is shorter than Length and FieldsPresent");
        }
        Wire.need(in, length - 6, PDU, "Length");
        ByteBuf fields = in.readSlice(length - 6);
        ArcScPrivatePacket cookie = null;
        LogonErrorsInfo errors = null;
        if ((present & LOGON_EX_AUTORECONNECTCOOKIE) != 0) {
            ByteBuf data = field(fields, "LogonFields[autoReconnectCookie]");
            cookie = ArcScPrivatePacket.decode(data);
        }
        if ((present & LOGON_EX_LOGONERRORS) != 0) {
            ByteBuf data = field(fields, "LogonFields[logonErrors]");
            errors = LogonErrorsInfo.decode(data);
        }
        in.skipBytes(Math.min(PAD_SIZE, in.readableBytes())); // padding, ignored even when short
        return new LogonInfoExtended(cookie, errors);
    }

    private static ByteBuf field(ByteBuf fields, String name) {
        Wire.need(fields, 4, PDU, name + ".cbFieldData");
        long cb = fields.readUnsignedIntLE();
        if (cb > fields.readableBytes()) {
            throw RdpException.malformed(PDU, name + ".cbFieldData", cb + " exceeds the " + fields.readableBytes()
                    + " bytes left");
        }
        return fields.readSlice((int) cb);
    }
}
