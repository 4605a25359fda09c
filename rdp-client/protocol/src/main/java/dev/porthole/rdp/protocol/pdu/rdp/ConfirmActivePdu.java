package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.List;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.13.2.1 Confirm Active PDU Data (TS_CONFIRM_ACTIVE_PDU): the client's answer to Demand
 * Active, echoing the share id, naming the server channel (originatorID 0x03EA) and listing the client's
 * capability sets.
 */
public record ConfirmActivePdu(int pduSource, int shareId, int originatorId, Bytes sourceDescriptor,
                               List<CapabilitySet> capabilitySets) implements ShareControlPdu {

    static final String PDU = "TS_CONFIRM_ACTIVE_PDU";
    /** The server channel id the originatorID field must name. */
    public static final int SERVER_CHANNEL_ID = 0x03EA;

    public ConfirmActivePdu {
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
        Wire.requireUnsigned(originatorId, 16, PDU, "originatorID");
        ActivationFields.check(PDU, sourceDescriptor, capabilitySets);
        capabilitySets = List.copyOf(capabilitySets);
    }

    public <T extends CapabilitySet> T capability(Class<T> kind) {
        return CapabilitySet.find(capabilitySets, kind);
    }

    @Override
    public int type() {
        return PDUTYPE_CONFIRMACTIVEPDU;
    }

    @Override
    public int bodySize() {
        return 4 + 2 + 2 + 2 + sourceDescriptor.length() + 4 + CapabilitySet.sizeOf(capabilitySets);
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(shareId);
        out.writeShortLE(originatorId);
        ActivationFields.encode(out, sourceDescriptor, capabilitySets);
    }

    static ConfirmActivePdu decodeBody(ShareControlHeader h, ByteBuf body) {
        Wire.need(body, 6, PDU, "shareID/originatorID");
        int shareId = body.readIntLE();
        int originator = body.readUnsignedShortLE();
        ActivationFields fields = ActivationFields.decode(body, PDU);
        return Wire.decoded(() -> new ConfirmActivePdu(h.pduSource(), shareId, originator, fields.sourceDescriptor(),
                fields.capabilitySets()));
    }
}
