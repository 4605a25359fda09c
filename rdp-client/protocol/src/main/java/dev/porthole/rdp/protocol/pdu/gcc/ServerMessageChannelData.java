package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.1.4.5 Server Message Channel Data (TS_UD_SC_MCS_MSGCHANNEL): the message channel id. */
public record ServerMessageChannelData(int mcsChannelId) {

    static final String PDU = "TS_UD_SC_MCS_MSGCHANNEL";
    public static final int SIZE = 6;

    public int size() {
        return SIZE;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.SC_MCS_MSGCHANNEL, SIZE);
        out.writeShortLE(mcsChannelId);
    }

    static ServerMessageChannelData decodeBody(ByteBuf body) {
        Wire.need(body, 2, PDU, "MCSChannelID");
        ServerMessageChannelData d = new ServerMessageChannelData(body.readUnsignedShortLE());
        body.skipBytes(body.readableBytes());
        return d;
    }
}
