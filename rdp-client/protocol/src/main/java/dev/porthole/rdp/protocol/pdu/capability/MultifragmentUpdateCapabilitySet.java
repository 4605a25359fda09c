package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.6 Multifragment Update Capability Set: the size of the
 * buffer that reassembles fragmented fast-path updates (at least 38,055 bytes with 96x96 pointers, 608,299 with
 * 384x384).
 */
public record MultifragmentUpdateCapabilitySet(int maxRequestSize) implements CapabilitySet {

    static final String PDU = "TS_MULTIFRAGMENTUPDATE_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;

    @Override
    public int type() {
        return CAPSETTYPE_MULTIFRAGMENTUPDATE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(maxRequestSize);
    }

    static MultifragmentUpdateCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int maxRequestSize = body.readIntLE();
        return Wire.decoded(() -> new MultifragmentUpdateCapabilitySet(maxRequestSize));
    }
}
