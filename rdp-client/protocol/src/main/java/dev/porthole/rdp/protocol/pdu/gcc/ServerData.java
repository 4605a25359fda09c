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
        ServerCoreData core = null;
        ServerSecurityData security = null;
        ServerNetworkData network = null;
        ServerMessageChannelData msg = null;
        while (in.isReadable()) {
            Wire.need(in, UserDataHeader.SIZE, PDU, "TS_UD_HEADER");
            int type = in.readUnsignedShortLE();
            int length = in.readUnsignedShortLE();
            if (length < UserDataHeader.SIZE) {
                throw RdpException.malformed(PDU, "TS_UD_HEADER.length", length + " is shorter than the header");
            }
            Wire.need(in, length - UserDataHeader.SIZE, PDU, String.format("block 0x%04x", type));
            ByteBuf body = in.readSlice(length - UserDataHeader.SIZE);
            switch (type) {
                case UserDataHeader.SC_CORE -> core = ServerCoreData.decodeBody(body);
                case UserDataHeader.SC_SECURITY -> security = ServerSecurityData.decodeBody(body);
                case UserDataHeader.SC_NET -> network = ServerNetworkData.decodeBody(body);
                case UserDataHeader.SC_MCS_MSGCHANNEL -> msg = ServerMessageChannelData.decodeBody(body);
                default -> { } // e.g. SC_MULTITRANSPORT: not used by this client
            }
        }
        ServerCoreData c = core;
        ServerSecurityData s = security;
        ServerNetworkData n = network;
        ServerMessageChannelData m = msg;
        return Wire.decoded(() -> new ServerData(c, s, n, m));
    }
}
