package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.3.1.1 Deactivate All PDU Data (TS_DEACTIVATE_ALL_PDU): the server ends the share,
 * either to disconnect or to start a capability re-exchange (deactivation-reactivation, 1.3.1.3). Short
 * forms without the source descriptor (Windows XP sends only the 4-byte control header) decode with
 * empty fields.
 */
public record DeactivateAllPdu(int pduSource, int shareId, Bytes sourceDescriptor) implements ShareControlPdu {

    static final String PDU = "TS_DEACTIVATE_ALL_PDU";

    public DeactivateAllPdu {
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
        if (sourceDescriptor == null || sourceDescriptor.length() > 0xFFFF) {
            throw RdpException.argument(PDU, "sourceDescriptor", "must be present and fit 16 bits");
        }
    }

    @Override
    public int type() {
        return PDUTYPE_DEACTIVATEALLPDU;
    }

    @Override
    public int bodySize() {
        return 4 + 2 + sourceDescriptor.length();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(shareId);
        out.writeShortLE(sourceDescriptor.length());
        sourceDescriptor.writeTo(out);
    }

    static DeactivateAllPdu decodeBody(ShareControlHeader h, ByteBuf body) {
        int shareId = body.readableBytes() >= 4 ? body.readIntLE() : 0;
        Bytes source = Bytes.EMPTY;
        if (body.readableBytes() >= 2) {
            int length = body.readUnsignedShortLE();
            source = Bytes.read(body, Math.min(length, body.readableBytes()), PDU, "sourceDescriptor");
        }
        return new DeactivateAllPdu(h.pduSource(), shareId, source);
    }
}
