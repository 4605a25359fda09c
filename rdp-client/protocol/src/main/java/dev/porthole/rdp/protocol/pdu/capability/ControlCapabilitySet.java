package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.2 Control Capability Set (clients send zeros and CONTROLPRIORITY_NEVER).
 */
public record ControlCapabilitySet(int controlFlags, int remoteDetachFlag, int controlInterest, int detachInterest) implements CapabilitySet {

    static final String PDU = "TS_CONTROL_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 8;
    public static final int CONTROLPRIORITY_ALWAYS = 0x0001;
    public static final int CONTROLPRIORITY_NEVER = 0x0002;
    public static final int CONTROLPRIORITY_CONFIRM = 0x0003;

    public ControlCapabilitySet {
        Wire.requireUnsigned(controlFlags, 16, PDU, "controlFlags");
        Wire.requireUnsigned(remoteDetachFlag, 16, PDU, "remoteDetachFlag");
        Wire.requireUnsigned(controlInterest, 16, PDU, "controlInterest");
        Wire.requireUnsigned(detachInterest, 16, PDU, "detachInterest");
    }

    @Override
    public int type() {
        return CAPSTYPE_CONTROL;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(controlFlags);
        out.writeShortLE(remoteDetachFlag);
        out.writeShortLE(controlInterest);
        out.writeShortLE(detachInterest);
    }

    static ControlCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int controlFlags = body.readUnsignedShortLE();
        int remoteDetachFlag = body.readUnsignedShortLE();
        int controlInterest = body.readUnsignedShortLE();
        int detachInterest = body.readUnsignedShortLE();
        return Wire.decoded(() -> new ControlCapabilitySet(controlFlags, remoteDetachFlag, controlInterest, detachInterest));
    }
}
