package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.2.2.1 Set Keyboard IME Status PDU Data (TS_SET_KEYBOARD_IME_STATUS_PDU).
 */
public record SetKeyboardImeStatusPdu(int unitId, int imeOpen, int imeConvMode) implements ShareData {

    static final String PDU = "TS_SET_KEYBOARD_IME_STATUS_PDU";
    public static final int BODY_SIZE = 10;

    public SetKeyboardImeStatusPdu {
        Wire.requireUnsigned(unitId, 16, PDU, "UnitId");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_SET_KEYBOARD_IME_STATUS;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(unitId);
        out.writeIntLE(imeOpen);
        out.writeIntLE(imeConvMode);
    }

    static SetKeyboardImeStatusPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int unitId = body.readUnsignedShortLE();
        int imeOpen = body.readIntLE();
        int imeConvMode = body.readIntLE();
        return Wire.decoded(() -> new SetKeyboardImeStatusPdu(unitId, imeOpen, imeConvMode));
    }
}
