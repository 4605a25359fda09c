package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.4 Share Capability Set: the node id (0 from the client, the server channel
 * id 0x03EA from the server). Padding is written as zero and ignored on read.
 */
public record ShareCapabilitySet(int nodeId) implements CapabilitySet {

    static final String PDU = "TS_SHARE_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;

    public ShareCapabilitySet {
        Wire.requireUnsigned(nodeId, 16, PDU, "nodeID");
    }

    @Override
    public int type() {
        return CAPSTYPE_SHARE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(nodeId);
        out.writeZero(2); // pad2octets
    }

    static ShareCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int nodeId = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octets
        return Wire.decoded(() -> new ShareCapabilitySet(nodeId));
    }
}
