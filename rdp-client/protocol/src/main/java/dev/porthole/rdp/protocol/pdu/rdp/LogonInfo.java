package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/**
 * The infoData of a Save Session Info PDU (MS-RDPBCGR 2.2.10.1.1), selected by infoType: Logon Info
 * Version 1 or 2, Plain Notify, or Logon Info Extended (which carries the auto-reconnect cookie and
 * logon errors).
 */
public sealed interface LogonInfo permits LogonInfoV1, LogonInfoV2, PlainNotify, LogonInfoExtended {

    int INFOTYPE_LOGON = 0x00000000;
    int INFOTYPE_LOGON_LONG = 0x00000001;
    int INFOTYPE_LOGON_PLAINNOTIFY = 0x00000002;
    int INFOTYPE_LOGON_EXTENDED_INFO = 0x00000003;

    int infoType();

    int size();

    void encode(ByteBuf out);
}
