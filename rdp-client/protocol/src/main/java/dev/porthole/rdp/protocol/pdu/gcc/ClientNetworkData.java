package dev.porthole.rdp.protocol.pdu.gcc;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.1.3.4 Client Network Data (TS_UD_CS_NET): the requested static virtual channels. */
public record ClientNetworkData(List<ChannelDef> channels) {

    static final String PDU = "TS_UD_CS_NET";
    /** MS-RDPBCGR 2.2.1.3.4: at most 31 static channels. */
    public static final int MAX_CHANNELS = 31;

    public ClientNetworkData {
        channels = List.copyOf(channels);
        if (channels.size() > MAX_CHANNELS) {
            throw RdpException.argument(PDU, "channelCount", channels.size() + " exceeds " + MAX_CHANNELS);
        }
    }

    public int size() {
        return 8 + ChannelDef.SIZE * channels.size();
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_NET, size());
        out.writeIntLE(channels.size());
        channels.forEach(c -> c.encode(out));
    }

    static ClientNetworkData decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "channelCount");
        long count = body.readUnsignedIntLE();
        if (count > MAX_CHANNELS) {
            throw RdpException.malformed(PDU, "channelCount", count + " exceeds " + MAX_CHANNELS);
        }
        List<ChannelDef> defs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            defs.add(ChannelDef.decode(body));
        }
        body.skipBytes(body.readableBytes());
        return new ClientNetworkData(defs);
    }
}
