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
        ClientCoreData core = null;
        ClientClusterData cluster = null;
        ClientSecurityData security = null;
        ClientNetworkData network = null;
        ClientMonitorData monitor = null;
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
                case UserDataHeader.CS_CORE -> core = ClientCoreData.decodeBody(body);
                case UserDataHeader.CS_CLUSTER -> cluster = ClientClusterData.decodeBody(body);
                case UserDataHeader.CS_SECURITY -> security = ClientSecurityData.decodeBody(body);
                case UserDataHeader.CS_NET -> network = ClientNetworkData.decodeBody(body);
                case UserDataHeader.CS_MONITOR -> monitor = ClientMonitorData.decodeBody(body);
                default -> { } // other blocks are not modelled here
            }
        }
        ClientCoreData c = core;
        ClientClusterData cl = cluster;
        ClientSecurityData s = security;
        ClientNetworkData n = network;
        ClientMonitorData m = monitor;
        return Wire.decoded(() -> new ClientData(c, cl, s, n, m));
    }
}
