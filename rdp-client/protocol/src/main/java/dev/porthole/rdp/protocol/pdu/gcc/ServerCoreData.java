package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4.2 Server Core Data (TS_UD_SC_CORE). {@code clientRequestedProtocols} and
 * {@code earlyCapabilityFlags} are optional; {@code optionalFields} (0..2) says how many were sent.
 */
public record ServerCoreData(int version, int clientRequestedProtocols, int earlyCapabilityFlags, int optionalFields) {

    static final String PDU = "TS_UD_SC_CORE";

    public static final int RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1 = 0x00000001;
    public static final int RNS_UD_SC_DYNAMIC_DST_SUPPORTED = 0x00000002;
    public static final int RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2 = 0x00000004;
    public static final int RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED = 0x00000008;

    public int size() {
        return 8 + 4 * optionalFields;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.SC_CORE, size());
        out.writeIntLE(version);
        if (optionalFields > 0) out.writeIntLE(clientRequestedProtocols);
        if (optionalFields > 1) out.writeIntLE(earlyCapabilityFlags);
    }

    public boolean skipChannelJoinSupported() {
        return (earlyCapabilityFlags & RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED) != 0;
    }

    static ServerCoreData decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "version");
        int version = body.readIntLE();
        int n = 0;
        int requested = 0;
        int flags = 0;
        if (body.readableBytes() >= 4) {
            requested = body.readIntLE();
            n++;
        }
        if (body.readableBytes() >= 4) {
            flags = body.readIntLE();
            n++;
        }
        body.skipBytes(body.readableBytes());
        return new ServerCoreData(version, requested, flags, n);
    }
}
