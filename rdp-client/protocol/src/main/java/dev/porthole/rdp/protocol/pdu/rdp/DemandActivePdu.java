package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.List;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.13.1.1 Demand Active PDU Data (TS_DEMAND_ACTIVE_PDU): the share id, source descriptor
 * and the server's capability sets; the trailing sessionId is optional in practice (some servers omit
 * it) and is then {@code null}.
 */
public record DemandActivePdu(int pduSource, int shareId, Bytes sourceDescriptor, List<CapabilitySet> capabilitySets,
                              Integer sessionId) implements ShareControlPdu {

    static final String PDU = "TS_DEMAND_ACTIVE_PDU";

    public DemandActivePdu {
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
        ActivationFields.check(PDU, sourceDescriptor, capabilitySets);
        capabilitySets = List.copyOf(capabilitySets);
    }

    /** The first capability set of {@code kind}, or {@code null}. */
    public <T extends CapabilitySet> T capability(Class<T> kind) {
        return CapabilitySet.find(capabilitySets, kind);
    }

    @Override
    public int type() {
        return PDUTYPE_DEMANDACTIVEPDU;
    }

    @Override
    public int bodySize() {
        return 4 + 2 + 2 + sourceDescriptor.length() + 4 + CapabilitySet.sizeOf(capabilitySets)
                + (sessionId == null ? 0 : 4);
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(shareId);
        ActivationFields.encode(out, sourceDescriptor, capabilitySets);
        if (sessionId != null) {
            out.writeIntLE(sessionId);
        }
    }

    static DemandActivePdu decodeBody(ShareControlHeader h, ByteBuf body) {
        Wire.need(body, 4, PDU, "shareID");
        int shareId = body.readIntLE();
        ActivationFields fields = ActivationFields.decode(body, PDU);
        Integer sessionId = body.readableBytes() >= 4 ? body.readIntLE() : null;
        return Wire.decoded(() -> new DemandActivePdu(h.pduSource(), shareId, fields.sourceDescriptor(),
                fields.capabilitySets(), sessionId));
    }

}
