package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * A capability set this module does not model (DrawNineGrid, DrawGdiPlus, RAIL, Window, and anything
 * newer), kept byte for byte so it can be inspected or re-encoded unchanged (MS-RDPBCGR 2.2.1.13.1.1.1).
 */
public record UnknownCapabilitySet(int type, Bytes body) implements CapabilitySet {

    public UnknownCapabilitySet {
        Wire.requireUnsigned(type, 16, PDU, "capabilitySetType");
        if (body == null || body.length() > 0xFFFF - HEADER_SIZE) {
            throw RdpException.argument(PDU, "capabilityData", "must be present and fit a 16-bit length");
        }
    }

    @Override
    public int bodySize() {
        return body.length();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        body.writeTo(out);
    }

    static UnknownCapabilitySet decodeBody(int type, ByteBuf body) {
        return new UnknownCapabilitySet(type, Bytes.read(body, body.readableBytes(), PDU, "capabilityData"));
    }
}
