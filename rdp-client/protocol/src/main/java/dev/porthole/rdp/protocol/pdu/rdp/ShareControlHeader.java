package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.1.1.1 Share Control Header (TS_SHARECONTROLHEADER): little-endian totalLength
 * (header included), pduType (type in the low 4 bits, PDUVersion above) and pduSource (the sender's MCS
 * channel id). A totalLength of 0x8000 marks a T.128 FlowPDU ({@link FlowPdu}).
 */
public record ShareControlHeader(int totalLength, int type, int version, int pduSource) {

    static final String PDU = "TS_SHARECONTROLHEADER";
    public static final int SIZE = 6;
    public static final int FLOW_MARKER = 0x8000;

    public ShareControlHeader {
        Wire.requireUnsigned(totalLength, 16, PDU, "totalLength");
        Wire.requireUnsigned(type, 4, PDU, "pduType.type");
        Wire.requireUnsigned(version, 12, PDU, "pduType.PDUVersion");
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
    }

    public int pduType() {
        return type | version << 4;
    }

    /**
     * Reads the header. Windows XP sends a 4-byte header without pduSource in short Deactivate All PDUs;
     * that form is accepted with pduSource 0.
     */
    public static ShareControlHeader decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "totalLength/pduType");
        int totalLength = in.readUnsignedShortLE();
        int pduType = in.readUnsignedShortLE();
        if (totalLength == FLOW_MARKER) {
            return new ShareControlHeader(totalLength, pduType & 0x0F, pduType >>> 4, 0);
        }
        if (totalLength < 4) {
            throw RdpException.malformed(PDU, "totalLength", totalLength + " is shorter than the header");
        }
        int source = 0;
        if (totalLength >= SIZE) {
            Wire.need(in, 2, PDU, "pduSource");
            source = in.readUnsignedShortLE();
        }
        return new ShareControlHeader(totalLength, pduType & 0x0F, pduType >>> 4, source);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(totalLength);
        out.writeShortLE(pduType());
        out.writeShortLE(pduSource);
    }

    /** Bytes this header took on the wire (4 for the short form). */
    public int encodedSize() {
        return totalLength >= SIZE || totalLength == FLOW_MARKER ? SIZE : 4;
    }
}
