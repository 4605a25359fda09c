package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.2.1.1 Set Keyboard Indicators PDU Data (TS_SET_KEYBOARD_INDICATORS_PDU): the
 * server sets the lock key LEDs.
 */
public record SetKeyboardIndicatorsPdu(int unitId, int ledFlags) implements ShareData {

    static final String PDU = "TS_SET_KEYBOARD_INDICATORS_PDU";
    public static final int BODY_SIZE = 4;

    public static final int TS_SYNC_SCROLL_LOCK = 0x0001;
    public static final int TS_SYNC_NUM_LOCK = 0x0002;
    public static final int TS_SYNC_CAPS_LOCK = 0x0004;
    public static final int TS_SYNC_KANA_LOCK = 0x0008;

    public SetKeyboardIndicatorsPdu {
        Wire.requireUnsigned(unitId, 16, PDU, "UnitId");
        Wire.requireUnsigned(ledFlags, 16, PDU, "LedFlags");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_SET_KEYBOARD_INDICATORS;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(unitId);
        out.writeShortLE(ledFlags);
    }

    static SetKeyboardIndicatorsPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int unitId = body.readUnsignedShortLE();
        int ledFlags = body.readUnsignedShortLE();
        return Wire.decoded(() -> new SetKeyboardIndicatorsPdu(unitId, ledFlags));
    }
}
