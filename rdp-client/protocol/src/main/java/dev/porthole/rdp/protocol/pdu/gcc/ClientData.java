package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The client data blocks carried in the GCC Conference Create Request (MS-RDPBCGR 2.2.1.3): core,
 * cluster, security and network data, and optionally the monitor layout and the message channel request
 * (2.2.1.3.7). Encoded in that order, as in the MS-RDPBCGR 4.1.3 example. Blocks of other types are skipped
 * when decoding.
 *
 * @param monitor        the monitor layout, or {@code null} for a single monitor
 * @param messageChannel the message channel request, or {@code null} for none
 */
public record ClientData(ClientCoreData core, ClientClusterData cluster, ClientSecurityData security,
                         ClientNetworkData network, ClientMonitorData monitor, ClientMessageChannelData messageChannel) {

    /** Client data without a message channel request. */
    public ClientData(ClientCoreData core, ClientClusterData cluster, ClientSecurityData security,
                      ClientNetworkData network, ClientMonitorData monitor) {
        this(core, cluster, security, network, monitor, null);
    }

    static final String PDU = "Client Data Blocks";

    public ClientData {
        if (core == null || security == null || network == null) {
            throw RdpException.argument(PDU, core == null ? "core" : security == null ? "security" : "network", "is required");
        }
    }

    public int size() {
        return core.size() + (cluster == null ? 0 : cluster.size()) + security.size() + network.size()
                + (monitor == null ? 0 : monitor.size()) + (messageChannel == null ? 0 : messageChannel.size());
    }

    public void encode(ByteBuf out) {
        core.encode(out);
        if (cluster != null) {
            cluster.encode(out);
        }
        security.encode(out);
        network.encode(out);
        if (monitor != null) {
            monitor.encode(out);
        }
        if (messageChannel != null) {
            messageChannel.encode(out);
        }
    }

    /** Decodes all blocks in {@code in} (exactly the user data). */
    public static ClientData decode(ByteBuf in) {
        Object[] b = new Object[6];
        UserDataHeader.forEachBlock(in, PDU, (type, body) -> {
            switch (type) {
                case UserDataHeader.CS_CORE -> b[0] = ClientCoreData.decodeBody(body);
                case UserDataHeader.CS_CLUSTER -> b[1] = ClientClusterData.decodeBody(body);
                case UserDataHeader.CS_SECURITY -> b[2] = ClientSecurityData.decodeBody(body);
                case UserDataHeader.CS_NET -> b[3] = ClientNetworkData.decodeBody(body);
                case UserDataHeader.CS_MONITOR -> b[4] = ClientMonitorData.decodeBody(body);
                case UserDataHeader.CS_MCS_MSGCHANNEL -> b[5] = ClientMessageChannelData.decodeBody(body);
                default -> { } // other blocks are not modelled here
            }
        });
        return Wire.decoded(() -> new ClientData((ClientCoreData) b[0], (ClientClusterData) b[1],
                (ClientSecurityData) b[2], (ClientNetworkData) b[3], (ClientMonitorData) b[4],
                (ClientMessageChannelData) b[5]));
    }
}
