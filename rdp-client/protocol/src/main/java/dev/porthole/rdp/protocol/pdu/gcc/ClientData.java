package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The client data blocks carried in the GCC Conference Create Request (MS-RDPBCGR 2.2.1.3): core,
 * cluster, security and network data, and optionally the monitor layout. Encoded in that order, as
 * in the MS-RDPBCGR 4.1.3 example. Blocks of other types are skipped when decoding.
 *
 * @param monitor the monitor layout, or {@code null} for a single monitor
 */
public record ClientData(ClientCoreData core, ClientClusterData cluster, ClientSecurityData security,
                         ClientNetworkData network, ClientMonitorData monitor) {

    static final String PDU = "Client Data Blocks";

    public ClientData {
        if (core == null || security == null || network == null) {
            throw RdpException.argument(PDU, core == null ? "core" : security == null ? "security" : "network", "is required");
        }
    }

    public int size() {
        return core.size() + (cluster == null ? 0 : cluster.size()) + security.size() + network.size()
                + (monitor == null ? 0 : monitor.size());
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
    }

    /** Decodes all blocks in {@code in} (exactly the user data). */
    public static ClientData decode(ByteBuf in) {
        Object[] b = new Object[5];
        UserDataHeader.forEachBlock(in, PDU, (type, body) -> {
            switch (type) {
                case UserDataHeader.CS_CORE -> b[0] = ClientCoreData.decodeBody(body);
                case UserDataHeader.CS_CLUSTER -> b[1] = ClientClusterData.decodeBody(body);
                case UserDataHeader.CS_SECURITY -> b[2] = ClientSecurityData.decodeBody(body);
                case UserDataHeader.CS_NET -> b[3] = ClientNetworkData.decodeBody(body);
                case UserDataHeader.CS_MONITOR -> b[4] = ClientMonitorData.decodeBody(body);
                default -> { } // other blocks are not modelled here
            }
        });
        return Wire.decoded(() -> new ClientData((ClientCoreData) b[0], (ClientClusterData) b[1],
                (ClientSecurityData) b[2], (ClientNetworkData) b[3], (ClientMonitorData) b[4]));
    }
}
