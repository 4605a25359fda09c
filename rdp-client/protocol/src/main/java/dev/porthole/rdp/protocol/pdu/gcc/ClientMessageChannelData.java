package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.7 Client Message Channel Data (TS_UD_CS_MCS_MSGCHANNEL): asks the server for the MCS
 * message channel, which carries auto-detect (2.2.14) and heartbeat (2.2.16) PDUs; flags are unused (0).
 */
public record ClientMessageChannelData(int flags) {

    static final String PDU = "TS_UD_CS_MCS_MSGCHANNEL";
    public static final int SIZE = 8;

    public ClientMessageChannelData() {
        this(0);
    }

    public int size() {
        return SIZE;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_MCS_MSGCHANNEL, SIZE);
        out.writeIntLE(flags);
    }

    static ClientMessageChannelData decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "flags");
        ClientMessageChannelData d = new ClientMessageChannelData(body.readIntLE());
        body.skipBytes(body.readableBytes());
        return d;
    }
}
