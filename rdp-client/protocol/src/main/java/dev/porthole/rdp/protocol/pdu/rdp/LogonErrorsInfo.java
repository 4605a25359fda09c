package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.1.1.4.1.1 Logon Errors Info (TS_LOGON_ERRORS_INFO): an NTSTATUS or LOGON_MSG_* value
 * and its data (a session id or a LOGON_FAILED_* value).
 */
public record LogonErrorsInfo(int errorNotificationType, int errorNotificationData) {

    static final String PDU = "TS_LOGON_ERRORS_INFO";
    public static final int SIZE = 8;

    public static final int LOGON_MSG_SESSION_BUSY_OPTIONS = 0xFFFFFFF8;
    public static final int LOGON_MSG_DISCONNECT_REFUSED = 0xFFFFFFF9;
    public static final int LOGON_MSG_NO_PERMISSION = 0xFFFFFFFA;
    public static final int LOGON_MSG_BUMP_OPTIONS = 0xFFFFFFFB;
    public static final int LOGON_MSG_SESSION_TERMINATE = 0xFFFFFFFD;
    public static final int LOGON_MSG_SESSION_CONTINUE = 0xFFFFFFFE;
    public static final int ERROR_CODE_ACCESS_DENIED = 0xFFFFFFFF;

    public static final int LOGON_FAILED_BAD_PASSWORD = 0x00000000;
    public static final int LOGON_FAILED_UPDATE_PASSWORD = 0x00000001;
    public static final int LOGON_FAILED_OTHER = 0x00000002;
    public static final int LOGON_WARNING = 0x00000003;

    static LogonErrorsInfo decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        return new LogonErrorsInfo(in.readIntLE(), in.readIntLE());
    }

    void encode(ByteBuf out) {
        out.writeIntLE(errorNotificationType);
        out.writeIntLE(errorNotificationData);
    }
}
