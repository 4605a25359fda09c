package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1.2.3 Compressed Data Header (TS_CD_HEADER): sizes describing an interleaved RLE
 * compressed bitmap (first row size always 0, main body size, scan width, uncompressed size).
 */
public record CompressedDataHeader(int cbCompFirstRowSize, int cbCompMainBodySize, int cbScanWidth,
                                   int cbUncompressedSize) {

    static final String PDU = "TS_CD_HEADER";
    public static final int SIZE = 8;

    public CompressedDataHeader {
        Wire.requireUnsigned(cbCompFirstRowSize, 16, PDU, "cbCompFirstRowSize");
        Wire.requireUnsigned(cbCompMainBodySize, 16, PDU, "cbCompMainBodySize");
        Wire.requireUnsigned(cbScanWidth, 16, PDU, "cbScanWidth");
        Wire.requireUnsigned(cbUncompressedSize, 16, PDU, "cbUncompressedSize");
    }

    static CompressedDataHeader decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        return new CompressedDataHeader(in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                in.readUnsignedShortLE());
    }

    void encode(ByteBuf out) {
        out.writeShortLE(cbCompFirstRowSize);
        out.writeShortLE(cbCompMainBodySize);
        out.writeShortLE(cbScanWidth);
        out.writeShortLE(cbUncompressedSize);
    }
}
