package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/**
 * The body of a Data PDU, selected by pduType2 of the Share Data Header (MS-RDPBCGR 2.2.8.1.1.1.2).
 * Bodies may be followed by padding that is ignored on decode.
 */
public sealed interface ShareData permits UpdatePdu, PointerPdu, InputPdu, SynchronizePdu, ControlPdu,
        RefreshRectPdu, PlaySoundPdu, SuppressOutputPdu, ShutdownRequestPdu, ShutdownDeniedPdu, SaveSessionInfoPdu,
        FontListPdu, FontMapPdu, SetKeyboardIndicatorsPdu, PersistentKeyListPdu, SetKeyboardImeStatusPdu,
        SetErrorInfoPdu, AutoReconnectStatusPdu, StatusInfoPdu, MonitorLayoutPdu, FrameAcknowledgePdu,
        CompressedShareData, UnknownShareData {

    int PDUTYPE2_UPDATE = 0x02;
    int PDUTYPE2_CONTROL = 0x14;
    int PDUTYPE2_POINTER = 0x1B;
    int PDUTYPE2_INPUT = 0x1C;
    int PDUTYPE2_SYNCHRONIZE = 0x1F;
    int PDUTYPE2_REFRESH_RECT = 0x21;
    int PDUTYPE2_PLAY_SOUND = 0x22;
    int PDUTYPE2_SUPPRESS_OUTPUT = 0x23;
    int PDUTYPE2_SHUTDOWN_REQUEST = 0x24;
    int PDUTYPE2_SHUTDOWN_DENIED = 0x25;
    int PDUTYPE2_SAVE_SESSION_INFO = 0x26;
    int PDUTYPE2_FONTLIST = 0x27;
    int PDUTYPE2_FONTMAP = 0x28;
    int PDUTYPE2_SET_KEYBOARD_INDICATORS = 0x29;
    int PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST = 0x2B;
    int PDUTYPE2_BITMAPCACHE_ERROR_PDU = 0x2C;
    int PDUTYPE2_SET_KEYBOARD_IME_STATUS = 0x2D;
    int PDUTYPE2_OFFSCRCACHE_ERROR_PDU = 0x2E;
    int PDUTYPE2_SET_ERROR_INFO_PDU = 0x2F;
    int PDUTYPE2_DRAWNINEGRID_ERROR_PDU = 0x30;
    int PDUTYPE2_DRAWGDIPLUS_ERROR_PDU = 0x31;
    int PDUTYPE2_ARC_STATUS_PDU = 0x32;
    int PDUTYPE2_STATUS_INFO_PDU = 0x36;
    int PDUTYPE2_MONITOR_LAYOUT_PDU = 0x37;
    /** MS-RDPRFX 2.2.3.1 TS_FRAME_ACKNOWLEDGE_PDU. */
    int PDUTYPE2_FRAME_ACKNOWLEDGE = 0x38;

    int pduType2();

    /** Bytes after the Share Data Header. */
    int bodySize();

    void encodeBody(ByteBuf out);

    /** Decodes an uncompressed body of type {@code pduType2}; {@code body} holds the rest of the PDU. */
    static ShareData decode(int pduType2, ByteBuf body) {
        return switch (pduType2) {
            case PDUTYPE2_UPDATE -> UpdatePdu.decodeBody(body);
            case PDUTYPE2_POINTER -> PointerPdu.decodeBody(body);
            case PDUTYPE2_INPUT -> InputPdu.decodeBody(body);
            case PDUTYPE2_SYNCHRONIZE -> SynchronizePdu.decodeBody(body);
            case PDUTYPE2_CONTROL -> ControlPdu.decodeBody(body);
            case PDUTYPE2_REFRESH_RECT -> RefreshRectPdu.decodeBody(body);
            case PDUTYPE2_PLAY_SOUND -> PlaySoundPdu.decodeBody(body);
            case PDUTYPE2_SUPPRESS_OUTPUT -> SuppressOutputPdu.decodeBody(body);
            case PDUTYPE2_SHUTDOWN_REQUEST -> new ShutdownRequestPdu();
            case PDUTYPE2_SHUTDOWN_DENIED -> new ShutdownDeniedPdu();
            case PDUTYPE2_SAVE_SESSION_INFO -> SaveSessionInfoPdu.decodeBody(body);
            case PDUTYPE2_FONTLIST -> FontListPdu.decodeBody(body);
            case PDUTYPE2_FONTMAP -> FontMapPdu.decodeBody(body);
            case PDUTYPE2_SET_KEYBOARD_INDICATORS -> SetKeyboardIndicatorsPdu.decodeBody(body);
            case PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST -> PersistentKeyListPdu.decodeBody(body);
            case PDUTYPE2_SET_KEYBOARD_IME_STATUS -> SetKeyboardImeStatusPdu.decodeBody(body);
            case PDUTYPE2_SET_ERROR_INFO_PDU -> SetErrorInfoPdu.decodeBody(body);
            case PDUTYPE2_ARC_STATUS_PDU -> AutoReconnectStatusPdu.decodeBody(body);
            case PDUTYPE2_STATUS_INFO_PDU -> StatusInfoPdu.decodeBody(body);
            case PDUTYPE2_MONITOR_LAYOUT_PDU -> MonitorLayoutPdu.decodeBody(body);
            case PDUTYPE2_FRAME_ACKNOWLEDGE -> FrameAcknowledgePdu.decodeBody(body);
            default -> UnknownShareData.decodeBody(pduType2, body);
        };
    }
}
