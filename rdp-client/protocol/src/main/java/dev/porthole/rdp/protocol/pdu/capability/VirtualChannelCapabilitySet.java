package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.10 Virtual Channel Capability Set (TS_VIRTUALCHANNEL_CAPABILITYSET): channel
 * compression flags and, optionally, VCChunkSize (from the server: the largest chunk it sends; absent
 * means 1600). {@code vcChunkSize} is {@code null} when the field is absent.
 */
public record VirtualChannelCapabilitySet(int flags, Integer vcChunkSize) implements CapabilitySet {

    static final String PDU = "TS_VIRTUALCHANNEL_CAPABILITYSET";
    public static final int VCCAPS_NO_COMPR = 0x00000000;
    public static final int VCCAPS_COMPR_SC = 0x00000001;
    public static final int VCCAPS_COMPR_CS_8K = 0x00000002;
    /** Chunk size when VCChunkSize is absent (CHANNEL_CHUNK_LENGTH). */
    public static final int CHANNEL_CHUNK_LENGTH = 1600;

    @Override
    public int type() {
        return CAPSTYPE_VIRTUALCHANNEL;
    }

    @Override
    public int bodySize() {
        return vcChunkSize == null ? 4 : 8;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(flags);
        if (vcChunkSize != null) {
            out.writeIntLE(vcChunkSize);
        }
    }

    static VirtualChannelCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "lengthCapability");
        int flags = body.readIntLE();
        Integer chunk = body.readableBytes() >= 4 ? body.readIntLE() : null;
        return new VirtualChannelCapabilitySet(flags, chunk);
    }
}
