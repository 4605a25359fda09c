package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.16.1 Server Heartbeat PDU: sent every {@code period} seconds on the message channel;
 * after {@code count1} missed heartbeats the client may warn, after {@code count2} more reconnect.
 */
public record HeartbeatPdu(int period, int count1, int count2) implements MessageChannelPdu {

    static final String PDU = "Heartbeat PDU";

    public HeartbeatPdu {
        Wire.requireUnsigned(period, 8, PDU, "period");
        Wire.requireUnsigned(count1, 8, PDU, "count1");
        Wire.requireUnsigned(count2, 8, PDU, "count2");
    }

    @Override
    public int securityFlag() {
        return SecurityHeader.SEC_HEARTBEAT;
    }

    @Override
    public int bodySize() {
        return 4;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(0); // reserved
        out.writeByte(period);
        out.writeByte(count1);
        out.writeByte(count2);
    }

    static HeartbeatPdu decodeBody(ByteBuf in) {
        Wire.need(in, 4, PDU, "reserved/period/count1/count2");
        in.skipBytes(1);
        return new HeartbeatPdu(in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte());
    }
}
