package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.5.2 Server Status Info PDU: progress while a connection broker prepares the target
 * (sent only to clients that set RNS_UD_CS_SUPPORT_STATUSINFO_PDU).
 */
public record StatusInfoPdu(int statusCode) implements ShareData {

    static final String PDU = "TS_STATUS_INFO_PDU";

    public static final int TS_STATUS_FINDING_DESTINATION = 0x00000401;
    public static final int TS_STATUS_LOADING_DESTINATION = 0x00000402;
    public static final int TS_STATUS_BRINGING_SESSION_ONLINE = 0x00000403;
    public static final int TS_STATUS_REDIRECTING_TO_DESTINATION = 0x00000404;
    public static final int TS_STATUS_VM_LOADING = 0x00000501;
    public static final int TS_STATUS_VM_WAKING = 0x00000502;
    public static final int TS_STATUS_VM_STARTING = 0x00000503;
    public static final int TS_STATUS_VM_STARTING_MONITORING = 0x00000504;
    public static final int TS_STATUS_VM_RETRYING_MONITORING = 0x00000505;

    /** A short status line for the status screen. */
    public String describe() {
        return switch (statusCode) {
            case TS_STATUS_FINDING_DESTINATION -> "Locating the remote computer";
            case TS_STATUS_LOADING_DESTINATION -> "Preparing the remote computer";
            case TS_STATUS_BRINGING_SESSION_ONLINE -> "Preparing the remote computer for the connection";
            case TS_STATUS_REDIRECTING_TO_DESTINATION -> "Redirecting to the remote computer";
            case TS_STATUS_VM_LOADING -> "Loading the virtual machine";
            case TS_STATUS_VM_WAKING -> "Waking the virtual machine";
            case TS_STATUS_VM_STARTING -> "Starting the virtual machine";
            case TS_STATUS_VM_STARTING_MONITORING -> "Starting to monitor the virtual machine";
            case TS_STATUS_VM_RETRYING_MONITORING -> "Retrying to monitor the virtual machine";
            default -> String.format("Status 0x%08X", statusCode);
        };
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_STATUS_INFO_PDU;
    }

    @Override
    public int bodySize() {
        return 4;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(statusCode);
    }

    static StatusInfoPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "statusCode");
        return new StatusInfoPdu(body.readIntLE());
    }
}
