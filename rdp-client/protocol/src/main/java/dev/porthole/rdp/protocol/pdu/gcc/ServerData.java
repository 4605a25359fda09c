package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The server data blocks of the GCC Conference Create Response (MS-RDPBCGR 2.2.1.4): core, security
 * and network data are required; the message channel is optional. Other blocks are skipped.
 */
public record ServerData(ServerCoreData core, ServerSecurityData security, ServerNetworkData network,
                         ServerMessageChannelData messageChannel) {

    static final String PDU = "Server Data Blocks";

    public ServerData {
        if (core == null || security == null || network == null) {
            throw RdpException.argument(PDU, core == null ? "SC_CORE" : security == null ? "SC_SECURITY" : "SC_NET",
                    "block is missing");
        }
    }

    public int size() {
        return core.size() + network.size() + security.size() + (messageChannel == null ? 0 : messageChannel.size());
    }

    /** Encodes in the order of the MS-RDPBCGR 4.1.4 example: core, network, security, message channel. */
    public void encode(ByteBuf out) {
        core.encode(out);
        network.encode(out);
        security.encode(out);
        if (messageChannel != null) {
            messageChannel.encode(out);
        }
    }

    public static ServerData decode(ByteBuf in) {
        Object[] b = new Object[4];
        UserDataHeader.forEachBlock(in, PDU, (type, body) -> {
            switch (type) {
                case UserDataHeader.SC_CORE -> b[0] = ServerCoreData.decodeBody(body);
                case UserDataHeader.SC_SECURITY -> b[1] = ServerSecurityData.decodeBody(body);
                case UserDataHeader.SC_NET -> b[2] = ServerNetworkData.decodeBody(body);
                case UserDataHeader.SC_MCS_MSGCHANNEL -> b[3] = ServerMessageChannelData.decodeBody(body);
                default -> { } // e.g. SC_MULTITRANSPORT: not used by this client
            }
        });
        return Wire.decoded(() -> new ServerData((ServerCoreData) b[0], (ServerSecurityData) b[1],
                (ServerNetworkData) b[2], (ServerMessageChannelData) b[3]));
    }
}
