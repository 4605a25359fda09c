package dev.porthole.rdp.protocol.pdu.rdp;

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
    public static final int SIZE = ArcPacketLayout.SIZE;
    public static final int AUTO_RECONNECT_VERSION_1 = 1;

    public ArcScPrivatePacket {
        ArcPacketLayout.requireSecret(arcRandomBits, PDU, "ArcRandomBits");
    }

    public static ArcScPrivatePacket decode(ByteBuf in) {
        ArcPacketLayout.Fields f = ArcPacketLayout.decode(in, PDU, "ArcRandomBits");
        return new ArcScPrivatePacket(f.version(), f.logonId(), f.secret());
    }

    public void encode(ByteBuf out) {
        ArcPacketLayout.encode(out, version, logonId, arcRandomBits);
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
