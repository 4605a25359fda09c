package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.15.1 Control PDU Data (TS_CONTROL_PDU): Cooperate and Request Control from the
 * client (2.2.1.15, 2.2.1.16), Cooperate and Granted Control from the server (2.2.1.20, 2.2.1.21, where
 * grantId is the client's user channel and controlId the server channel).
 */
public record ControlPdu(int action, int grantId, int controlId) implements ShareData {

    static final String PDU = "TS_CONTROL_PDU";
    public static final int BODY_SIZE = 8;

    public static final int CTRLACTION_REQUEST_CONTROL = 0x0001;
    public static final int CTRLACTION_GRANTED_CONTROL = 0x0002;
    public static final int CTRLACTION_DETACH = 0x0003;
    public static final int CTRLACTION_COOPERATE = 0x0004;

    /** Control PDU - Cooperate (2.2.1.15). */
    public static ControlPdu cooperate() {
        return new ControlPdu(CTRLACTION_COOPERATE, 0, 0);
    }

    /** Control PDU - Request Control (2.2.1.16). */
    public static ControlPdu requestControl() {
        return new ControlPdu(CTRLACTION_REQUEST_CONTROL, 0, 0);
    }

    public ControlPdu {
        Wire.requireUnsigned(action, 16, PDU, "action");
        Wire.requireUnsigned(grantId, 16, PDU, "grantId");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_CONTROL;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(action);
        out.writeShortLE(grantId);
        out.writeIntLE(controlId);
    }

    static ControlPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int action = body.readUnsignedShortLE();
        int grantId = body.readUnsignedShortLE();
        int controlId = body.readIntLE();
        return Wire.decoded(() -> new ControlPdu(action, grantId, controlId));
    }
}
