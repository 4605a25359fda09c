package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A Data PDU body compressed with the bulk compressor (MS-RDPBCGR 2.2.8.1.1.1.2 compressedType with
 * PACKET_COMPRESSED; 3.1.8): the header fields the decompressor needs and the compressed bytes as a
 * slice of the packet (not retained). Decompress, then decode with {@link ShareData#decode(int, ByteBuf)}.
 */
public record CompressedShareData(int pduType2, int compressedType, int uncompressedLength, int compressedLength,
                                  ByteBuf payload) implements ShareData {

    static final String PDU = "TS_SHAREDATAHEADER";

    public CompressedShareData {
        Wire.requireUnsigned(pduType2, 8, PDU, "pduType2");
        Wire.requireUnsigned(compressedType, 8, PDU, "compressedType");
        Wire.requireUnsigned(uncompressedLength, 16, PDU, "uncompressedLength");
        Wire.requireUnsigned(compressedLength, 16, PDU, "compressedLength");
        if (payload == null) {
            throw RdpException.argument(PDU, "payload", "is null");
        }
    }

    /** The bulk compression package (PACKET_COMPR_TYPE_8K .. RDP61). */
    public int compressionType() {
        return compressedType & ShareDataPdu.COMPRESSION_TYPE_MASK;
    }

    @Override
    public int bodySize() {
        return payload.readableBytes();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }
}
