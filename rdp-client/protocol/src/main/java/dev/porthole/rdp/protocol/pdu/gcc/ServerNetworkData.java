package dev.porthole.rdp.protocol.pdu.gcc;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4.4 Server Network Data (TS_UD_SC_NET): the I/O channel id and one MCS channel id
 * per requested static channel, in request order (0 when the server refused that channel).
 */
public record ServerNetworkData(int mcsChannelId, List<Integer> channelIds) {

    static final String PDU = "TS_UD_SC_NET";

    public ServerNetworkData {
        channelIds = List.copyOf(channelIds);
        Wire.requireUnsigned(mcsChannelId, 16, PDU, "MCSChannelId");
        if (channelIds.size() > ClientNetworkData.MAX_CHANNELS) {
            throw RdpException.argument(PDU, "channelCount", channelIds.size() + " exceeds " + ClientNetworkData.MAX_CHANNELS);
        }
        channelIds.forEach(id -> Wire.requireUnsigned(id, 16, PDU, "channelIdArray"));
    }

    public int size() {
        return 8 + 2 * channelIds.size() + (channelIds.size() % 2 == 1 ? 2 : 0);
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.SC_NET, size());
        out.writeShortLE(mcsChannelId);
        out.writeShortLE(channelIds.size());
        channelIds.forEach(out::writeShortLE);
        if (channelIds.size() % 2 == 1) {
            out.writeShortLE(0); // Pad
        }
    }

    static ServerNetworkData decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "fields");
        int io = body.readUnsignedShortLE();
        int count = body.readUnsignedShortLE();
        if (count > ClientNetworkData.MAX_CHANNELS) {
            throw RdpException.malformed(PDU, "channelCount", count + " exceeds " + ClientNetworkData.MAX_CHANNELS);
        }
        Wire.need(body, 2 * count, PDU, "channelIdArray");
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(body.readUnsignedShortLE());
        }
        body.skipBytes(body.readableBytes()); // optional Pad
        return new ServerNetworkData(io, ids);
    }
}
