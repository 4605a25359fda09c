package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.6.1 Virtual Channel PDU: the Channel PDU Header (2.2.6.1.1, CHANNEL_PDU_HEADER: total
 * length of the whole message and the CHANNEL_FLAG_* flags) and one chunk of channel data, as a slice.
 * Reassembling chunks into messages and decompressing them (CHANNEL_FLAG_PACKET_COMPRESSED) are left to
 * the channel layer.
 */
public record VirtualChannelPdu(int length, int flags, ByteBuf data) {

    static final String PDU = "CHANNEL_PDU_HEADER";
    public static final int HEADER_SIZE = 8;

    public static final int CHANNEL_FLAG_FIRST = 0x00000001;
    public static final int CHANNEL_FLAG_LAST = 0x00000002;
    public static final int CHANNEL_FLAG_SHOW_PROTOCOL = 0x00000010;
    public static final int CHANNEL_FLAG_SUSPEND = 0x00000020;
    public static final int CHANNEL_FLAG_RESUME = 0x00000040;
    public static final int CHANNEL_FLAG_SHADOW_PERSISTENT = 0x00000080;
    public static final int CHANNEL_PACKET_COMPRESSED = 0x00200000;
    public static final int CHANNEL_PACKET_AT_FRONT = 0x00400000;
    public static final int CHANNEL_PACKET_FLUSHED = 0x00800000;
    public static final int COMPRESSION_TYPE_MASK = 0x000F0000;

    public VirtualChannelPdu {
        if (data == null) {
            throw RdpException.argument(PDU, "data", "is null");
        }
    }

    /** Decodes a chunk; {@code in} holds exactly the MCS user data (the data is a slice of it). */
    public static VirtualChannelPdu decode(ByteBuf in) {
        Wire.need(in, HEADER_SIZE, PDU, "length/flags");
        int length = in.readIntLE();
        int flags = in.readIntLE();
        return new VirtualChannelPdu(length, flags, in.readSlice(in.readableBytes()));
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(length);
        out.writeIntLE(flags);
        out.writeBytes(data, data.readerIndex(), data.readableBytes());
    }

    public int size() {
        return HEADER_SIZE + data.readableBytes();
    }
}
