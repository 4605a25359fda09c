package dev.porthole.rdp.protocol.pdu.x224;

/** X.224 (ITU-T X.224 class 0) TPDU codes and sizes used by RDP (MS-RDPBCGR 2.2.1.1 and 2.2.1.2). */
public final class X224 {

    /** Connection Request TPDU code (high nibble) with CDT 0. */
    public static final int TPDU_CONNECTION_REQUEST = 0xE0;
    /** Connection Confirm TPDU code with CDT 0. */
    public static final int TPDU_CONNECTION_CONFIRM = 0xD0;
    /** Disconnect Request TPDU code. */
    public static final int TPDU_DISCONNECT_REQUEST = 0x80;
    /** Data TPDU code. */
    public static final int TPDU_DATA = 0xF0;

    /** Fixed part of CR/CC TPDUs: LI, code, DST-REF, SRC-REF, class. */
    public static final int CONNECTION_HEADER_SIZE = 7;

    private X224() {}
}
