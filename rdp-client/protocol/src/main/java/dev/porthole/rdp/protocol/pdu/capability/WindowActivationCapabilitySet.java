package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.3 Window Activation Capability Set (clients send zeros).
 */
public record WindowActivationCapabilitySet(int helpKeyFlag, int helpKeyIndexFlag, int helpExtendedKeyFlag, int windowManagerKeyFlag) implements CapabilitySet {

    static final String PDU = "TS_WINDOWACTIVATION_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 8;

    public WindowActivationCapabilitySet {
        Wire.requireUnsigned(helpKeyFlag, 16, PDU, "helpKeyFlag");
        Wire.requireUnsigned(helpKeyIndexFlag, 16, PDU, "helpKeyIndexFlag");
        Wire.requireUnsigned(helpExtendedKeyFlag, 16, PDU, "helpExtendedKeyFlag");
        Wire.requireUnsigned(windowManagerKeyFlag, 16, PDU, "windowManagerKeyFlag");
    }

    @Override
    public int type() {
        return CAPSTYPE_ACTIVATION;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(helpKeyFlag);
        out.writeShortLE(helpKeyIndexFlag);
        out.writeShortLE(helpExtendedKeyFlag);
        out.writeShortLE(windowManagerKeyFlag);
    }

    static WindowActivationCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int helpKeyFlag = body.readUnsignedShortLE();
        int helpKeyIndexFlag = body.readUnsignedShortLE();
        int helpExtendedKeyFlag = body.readUnsignedShortLE();
        int windowManagerKeyFlag = body.readUnsignedShortLE();
        return Wire.decoded(() -> new WindowActivationCapabilitySet(helpKeyFlag, helpKeyIndexFlag, helpExtendedKeyFlag, windowManagerKeyFlag));
    }
}
