package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.8 Desktop Composition Capability Set.
 */
public record DesktopCompositionCapabilitySet(int compDeskSupportLevel) implements CapabilitySet {

    static final String PDU = "TS_COMPDESK_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 2;
    public static final int COMPDESK_NOT_SUPPORTED = 0x0000;
    public static final int COMPDESK_SUPPORTED = 0x0001;

    public DesktopCompositionCapabilitySet {
        Wire.requireUnsigned(compDeskSupportLevel, 16, PDU, "CompDeskSupportLevel");
    }

    @Override
    public int type() {
        return CAPSETTYPE_COMPDESK;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(compDeskSupportLevel);
    }

    static DesktopCompositionCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int compDeskSupportLevel = body.readUnsignedShortLE();
        return Wire.decoded(() -> new DesktopCompositionCapabilitySet(compDeskSupportLevel));
    }
}
