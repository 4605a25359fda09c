package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.5 Client Cluster Data (TS_UD_CS_CLUSTER): tells a connection broker that this
 * client follows Server Redirection PDUs, and which session it was redirected to.
 */
public record ClientClusterData(int flags, int redirectedSessionId) {

    static final String PDU = "TS_UD_CS_CLUSTER";
    public static final int SIZE = 12;

    public static final int REDIRECTION_SUPPORTED = 0x01;
    public static final int REDIRECTED_SESSIONID_FIELD_VALID = 0x02;
    public static final int REDIRECTED_SMARTCARD = 0x40;
    /** ServerSessionRedirectionVersionMask value for version 4, shifted into place. */
    public static final int REDIRECTION_VERSION4 = 0x03 << 2;
    /** Version 6 (RDP 10+). */
    public static final int REDIRECTION_VERSION6 = 0x05 << 2;

    public int size() {
        return SIZE;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_CLUSTER, SIZE);
        out.writeIntLE(flags);
        out.writeIntLE(redirectedSessionId);
    }

    static ClientClusterData decodeBody(ByteBuf body) {
        Wire.need(body, 8, PDU, "fields");
        ClientClusterData d = new ClientClusterData(body.readIntLE(), body.readIntLE());
        body.skipBytes(body.readableBytes());
        return d;
    }
}
