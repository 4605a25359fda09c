package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.12.1.3 Licensing Error Message (LICENSE_ERROR_MESSAGE): an error or status code, the
 * licensing state to move to, and a BB_ERROR_BLOB. The common case is the server's "valid client"
 * short cut (2.2.1.12, STATUS_VALID_CLIENT with ST_NO_TRANSITION and an empty blob), which ends the
 * licensing phase at once: {@link #isValidClient()}.
 */
public record LicenseErrorMessage(int errorCode, int stateTransition, LicenseBinaryBlob errorInfo)
        implements LicenseMessage {

    static final String PDU = "LICENSE_ERROR_MESSAGE";

    public static final int ERR_INVALID_SERVER_CERTIFICATE = 0x00000001;
    public static final int ERR_NO_LICENSE = 0x00000002;
    public static final int ERR_INVALID_MAC = 0x00000003;
    public static final int ERR_INVALID_SCOPE = 0x00000004;
    public static final int ERR_NO_LICENSE_SERVER = 0x00000006;
    public static final int STATUS_VALID_CLIENT = 0x00000007;
    public static final int ERR_INVALID_CLIENT = 0x00000008;
    public static final int ERR_INVALID_PRODUCTID = 0x0000000B;
    public static final int ERR_INVALID_MESSAGE_LEN = 0x0000000C;

    public static final int ST_TOTAL_ABORT = 0x00000001;
    public static final int ST_NO_TRANSITION = 0x00000002;
    public static final int ST_RESET_PHASE_TO_START = 0x00000003;
    public static final int ST_RESEND_LAST_MESSAGE = 0x00000004;

    /** The message of the Server License Error PDU - Valid Client (2.2.1.12.1). */
    public static final LicenseErrorMessage VALID_CLIENT = new LicenseErrorMessage(STATUS_VALID_CLIENT,
            ST_NO_TRANSITION, LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB));

    public LicenseErrorMessage {
        LicenseFields.present(errorInfo, PDU, "bbErrorInfo");
    }

    /** STATUS_VALID_CLIENT with ST_NO_TRANSITION: the licensing phase is over and no license is issued. */
    public boolean isValidClient() {
        return errorCode == STATUS_VALID_CLIENT && stateTransition == ST_NO_TRANSITION;
    }

    /** The error code's name, for messages. */
    public String errorName() {
        return switch (errorCode) {
            case ERR_INVALID_SERVER_CERTIFICATE -> "ERR_INVALID_SERVER_CERTIFICATE";
            case ERR_NO_LICENSE -> "ERR_NO_LICENSE";
            case ERR_INVALID_MAC -> "ERR_INVALID_MAC";
            case ERR_INVALID_SCOPE -> "ERR_INVALID_SCOPE";
            case ERR_NO_LICENSE_SERVER -> "ERR_NO_LICENSE_SERVER";
            case STATUS_VALID_CLIENT -> "STATUS_VALID_CLIENT";
            case ERR_INVALID_CLIENT -> "ERR_INVALID_CLIENT";
            case ERR_INVALID_PRODUCTID -> "ERR_INVALID_PRODUCTID";
            case ERR_INVALID_MESSAGE_LEN -> "ERR_INVALID_MESSAGE_LEN";
            default -> String.format("0x%08x", errorCode);
        };
    }

    @Override
    public int msgType() {
        return ERROR_ALERT;
    }

    @Override
    public int bodySize() {
        return 8 + errorInfo.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(errorCode);
        out.writeIntLE(stateTransition);
        errorInfo.encode(out);
    }

    static LicenseErrorMessage decodeBody(ByteBuf in) {
        Wire.need(in, 8, PDU, "dwErrorCode/dwStateTransition");
        int code = in.readIntLE();
        int transition = in.readIntLE();
        return new LicenseErrorMessage(code, transition, LicenseBinaryBlob.decode(in, PDU, "bbErrorInfo"));
    }
}
