package dev.porthole.rdp.protocol.pdu.fastpath;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MS-RDPBCGR 2.2.9.1.2.1 Fast-Path Update (TS_FP_UPDATE): updateHeader (updateCode in bits 0-3,
 * fragmentation in bits 4-5, compression in bits 6-7), compressionFlags when compression is
 * FASTPATH_OUTPUT_COMPRESSION_USED, a little-endian 16-bit size and the update data. {@code updateData} is
 * a slice of the decoded buffer (not retained). Compressed or fragmented data goes through the bulk
 * decompressor and {@link FastPathReassembler} before {@link OutputUpdate#decodeFastPath} reads it;
 * {@link #content()} does so for a whole, uncompressed update.
 *
 * @param compressionFlags the Share Data Header style compression flags, or {@code null} when absent
 */
public record FastPathUpdate(int updateCode, int fragmentation, Integer compressionFlags, ByteBuf updateData) {

    static final String PDU = "TS_FP_UPDATE";

    public static final int FASTPATH_FRAGMENT_SINGLE = 0x0;
    public static final int FASTPATH_FRAGMENT_LAST = 0x1;
    public static final int FASTPATH_FRAGMENT_FIRST = 0x2;
    public static final int FASTPATH_FRAGMENT_NEXT = 0x3;
    public static final int FASTPATH_OUTPUT_COMPRESSION_USED = 0x2;
    /** compressionFlags bit saying the data is compressed (PACKET_COMPRESSED). */
    public static final int PACKET_COMPRESSED = 0x20;

    public FastPathUpdate {
        Wire.requireUnsigned(updateCode, 4, PDU, "updateCode");
        Wire.requireUnsigned(fragmentation, 2, PDU, "fragmentation");
        if (compressionFlags != null) {
            Wire.requireUnsigned(compressionFlags, 8, PDU, "compressionFlags");
        }
        if (updateData == null) {
            throw RdpException.argument(PDU, "updateData", "is null");
        }
        Wire.requireUnsigned(updateData.readableBytes(), 16, PDU, "size");
    }

    /** A single, uncompressed update carrying {@code update}, encoded into a new heap buffer. */
    public static FastPathUpdate of(OutputUpdate update) {
        ByteBuf data = Unpooled.buffer(update.fastPathSize());
        update.encodeFastPath(data);
        return new FastPathUpdate(update.fastPathUpdateCode(), FASTPATH_FRAGMENT_SINGLE, null, data);
    }

    /** Whether the data must go through the bulk decompressor first. */
    public boolean compressed() {
        return compressionFlags != null && (compressionFlags & PACKET_COMPRESSED) != 0;
    }

    /**
     * The typed update of a single, uncompressed update (its payloads are slices of {@code updateData}).
     *
     * @throws RdpException STATE for a fragment or compressed data, MALFORMED for bad data
     */
    public OutputUpdate content() {
        if (fragmentation != FASTPATH_FRAGMENT_SINGLE || compressed()) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ".updateHeader: a fragment or compressed update must be"
                    + " decompressed and reassembled before it is decoded");
        }
        return OutputUpdate.decodeFastPath(updateCode, updateData.duplicate());
    }

    public int size() {
        return 1 + (compressionFlags != null ? 1 : 0) + 2 + updateData.readableBytes();
    }

    public void encode(ByteBuf out) {
        int compression = compressionFlags != null ? FASTPATH_OUTPUT_COMPRESSION_USED : 0;
        out.writeByte(updateCode | fragmentation << 4 | compression << 6);
        if (compressionFlags != null) {
            out.writeByte(compressionFlags);
        }
        out.writeShortLE(updateData.readableBytes());
        out.writeBytes(updateData, updateData.readerIndex(), updateData.readableBytes());
    }

    public static FastPathUpdate decode(ByteBuf in) {
        Wire.need(in, 1, PDU, "updateHeader");
        int header = in.readUnsignedByte();
        int code = header & 0x0F;
        int fragmentation = (header >>> 4) & 0x03;
        int compression = (header >>> 6) & 0x03;
        Integer flags = null;
        if ((compression & FASTPATH_OUTPUT_COMPRESSION_USED) != 0) {
            Wire.need(in, 1, PDU, "compressionFlags");
            flags = (int) in.readUnsignedByte();
        }
        Wire.need(in, 2, PDU, "size");
        int size = in.readUnsignedShortLE();
        Wire.need(in, size, PDU, "updateData");
        return new FastPathUpdate(code, fragmentation, flags, in.readSlice(size));
    }
}
