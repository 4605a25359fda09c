package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A Data PDU: Share Control Header plus MS-RDPBCGR 2.2.8.1.1.1.2 Share Data Header (TS_SHAREDATAHEADER:
 * shareID, pad1, streamID, uncompressedLength, pduType2, compressedType, compressedLength) and the body
 * named by pduType2. A body compressed with the bulk compressor (PACKET_COMPRESSED in compressedType)
 * stays {@link CompressedShareData} for the caller to decompress and then decode with
 * {@link ShareData#decode}. Uncompressed bodies are written with uncompressedLength = body + 4 and a
 * zero compressedLength, as Windows does.
 */
public record ShareDataPdu(int pduSource, int shareId, int streamId, ShareData data) implements ShareControlPdu {

    static final String PDU = "TS_SHAREDATAHEADER";
    /** Bytes of the Share Data Header after the Share Control Header. */
    public static final int HEADER_SIZE = 12;

    public static final int STREAM_UNDEFINED = 0x00;
    public static final int STREAM_LOW = 0x01;
    public static final int STREAM_MED = 0x02;
    public static final int STREAM_HI = 0x04;

    public static final int COMPRESSION_TYPE_MASK = 0x0F;
    public static final int PACKET_COMPRESSED = 0x20;
    public static final int PACKET_AT_FRONT = 0x40;
    public static final int PACKET_FLUSHED = 0x80;

    public ShareDataPdu {
        Wire.requireUnsigned(pduSource, 16, PDU, "pduSource");
        Wire.requireUnsigned(streamId, 8, PDU, "streamID");
        if (data == null) {
            throw RdpException.argument(PDU, "data", "is null");
        }
    }

    @Override
    public int type() {
        return PDUTYPE_DATAPDU;
    }

    @Override
    public int bodySize() {
        return HEADER_SIZE + data.bodySize();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(shareId);
        out.writeByte(0); // pad1
        out.writeByte(streamId);
        if (data instanceof CompressedShareData c) {
            out.writeShortLE(c.uncompressedLength());
            out.writeByte(c.pduType2());
            out.writeByte(c.compressedType());
            out.writeShortLE(c.compressedLength());
        } else {
            out.writeShortLE(data.bodySize() + 4);
            out.writeByte(data.pduType2());
            out.writeByte(0); // compressedType
            out.writeShortLE(0); // compressedLength
        }
        data.encodeBody(out);
    }

    static ShareDataPdu decodeBody(ShareControlHeader h, ByteBuf body) {
        Wire.need(body, HEADER_SIZE, PDU, "header");
        int shareId = body.readIntLE();
        body.skipBytes(1); // pad1
        int streamId = body.readUnsignedByte();
        int uncompressedLength = body.readUnsignedShortLE();
        int pduType2 = body.readUnsignedByte();
        int compressedType = body.readUnsignedByte();
        int compressedLength = body.readUnsignedShortLE();
        ShareData data;
        if ((compressedType & PACKET_COMPRESSED) != 0) {
            data = new CompressedShareData(pduType2, compressedType, uncompressedLength, compressedLength,
                    body.readSlice(body.readableBytes()));
        } else {
            data = ShareData.decode(pduType2, body);
        }
        return new ShareDataPdu(h.pduSource(), shareId, streamId, data);
    }
}
