package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.4.2 Server Auto-Reconnect Packet (ARC_SC_PRIVATE_PACKET), the auto-reconnect cookie the
 * server hands out in the Save Session Info PDU (2.2.10.1.1.4). {@code arcRandomBits} is a secret: it
 * keys the verifier of the next reconnection (5.5) and never appears in {@link #toString()}.
 *
 * @param logonId the server session to reconnect to
 */
public record ArcScPrivatePacket(int version, int logonId, Bytes arcRandomBits) {

    static final String PDU = "ARC_SC_PRIVATE_PACKET";
    public static final int SIZE = 28;
    public static final int AUTO_RECONNECT_VERSION_1 = 1;

    public ArcScPrivatePacket {
        if (arcRandomBits == null || arcRandomBits.length() != 16) {
            throw RdpException.argument(PDU, "ArcRandomBits", "must have 16 bytes");
        }
    }

    public static ArcScPrivatePacket decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        long cbLen = in.readUnsignedIntLE();
        if (cbLen != SIZE) {
            throw RdpException.malformed(PDU, "cbLen", "is " + cbLen + ", expected 28");
        }
        int version = in.readIntLE();
        int logonId = in.readIntLE();
        return new ArcScPrivatePacket(version, logonId, Bytes.read(in, 16, PDU, "ArcRandomBits"));
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(SIZE);
        out.writeIntLE(version);
        out.writeIntLE(logonId);
        arcRandomBits.writeTo(out);
    }

    public int size() {
        return SIZE;
    }

    @Override
    public String toString() {
        return "ArcScPrivatePacket[version=" + version + ", logonId=" + Integer.toUnsignedString(logonId)
                + ", arcRandomBits=<redacted>]";
    }
}
