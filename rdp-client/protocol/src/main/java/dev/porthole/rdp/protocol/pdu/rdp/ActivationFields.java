package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import io.netty.buffer.ByteBuf;

/**
 * The part Demand Active and Confirm Active share (MS-RDPBCGR 2.2.1.13.1.1, 2.2.1.13.2.1):
 * lengthSourceDescriptor, lengthCombinedCapabilities, sourceDescriptor, numberCapabilities, pad2Octets and
 * the capability sets, bounded by lengthCombinedCapabilities.
 */
record ActivationFields(Bytes sourceDescriptor, List<CapabilitySet> capabilitySets) {

    static void check(String pdu, Bytes sourceDescriptor, List<CapabilitySet> sets) {
        if (sourceDescriptor == null || sourceDescriptor.length() > 0xFFFF) {
            throw RdpException.argument(pdu, "sourceDescriptor", "must be present and fit 16 bits");
        }
        if (sets == null || sets.size() > 0xFFFF) {
            throw RdpException.argument(pdu, "capabilitySets", "must be present, at most 65535 sets");
        }
        if (4 + CapabilitySet.sizeOf(sets) > 0xFFFF) {
            throw RdpException.argument(pdu, "lengthCombinedCapabilities", "capability sets exceed 65531 bytes");
        }
    }

    static void encode(ByteBuf out, Bytes sourceDescriptor, List<CapabilitySet> sets) {
        out.writeShortLE(sourceDescriptor.length());
        out.writeShortLE(4 + CapabilitySet.sizeOf(sets)); // numberCapabilities + pad2Octets + sets
        sourceDescriptor.writeTo(out);
        out.writeShortLE(sets.size());
        out.writeShortLE(0); // pad2Octets
        for (CapabilitySet s : sets) {
            s.encode(out);
        }
    }

    static ActivationFields decode(ByteBuf body, String pdu) {
        Wire.need(body, 4, pdu, "lengthSourceDescriptor/lengthCombinedCapabilities");
        int lengthSource = body.readUnsignedShortLE();
        int lengthCombined = body.readUnsignedShortLE();
        Bytes source = Bytes.read(body, lengthSource, pdu, "sourceDescriptor");
        if (lengthCombined < 4) {
            throw RdpException.malformed(pdu, "lengthCombinedCapabilities", lengthCombined
                    + " cannot hold numberCapabilities and pad2Octets");
        }
        Wire.need(body, lengthCombined, pdu, "lengthCombinedCapabilities");
        ByteBuf combined = body.readSlice(lengthCombined);
        int count = combined.readUnsignedShortLE();
        combined.skipBytes(2); // pad2Octets
        List<CapabilitySet> sets = CapabilitySet.decodeAll(combined, count, pdu);
        return new ActivationFields(source, sets);
    }
}
