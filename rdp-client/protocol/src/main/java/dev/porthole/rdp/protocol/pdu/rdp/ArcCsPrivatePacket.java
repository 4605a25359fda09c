package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.crypto.Primitives;

import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.4.3 Client Auto-Reconnect Packet (ARC_CS_PRIVATE_PACKET), sent in the extended Client
 * Info (2.2.1.11.1.1.1) to reconnect to the session named by the server's cookie without credentials.
 * The verifier is derived as in section 5.5: {@code HMAC-MD5(key = ArcRandomBits, data = client random)};
 * under Enhanced RDP Security no client random exists and 32 zero bytes take its place.
 * {@link #toString()} does not show the verifier.
 */
public record ArcCsPrivatePacket(int version, int logonId, Bytes securityVerifier) {

    static final String PDU = "ARC_CS_PRIVATE_PACKET";
    public static final int SIZE = ArcPacketLayout.SIZE;
    /** The client random assumed under Enhanced RDP Security (5.5). */
    public static final Bytes ENHANCED_SECURITY_CLIENT_RANDOM = Bytes.zeros(32);

    public ArcCsPrivatePacket {
        ArcPacketLayout.requireSecret(securityVerifier, PDU, "SecurityVerifier");
    }

    /** The cookie answering {@code server}'s, with the verifier computed over {@code clientRandom} (5.5). */
    public static ArcCsPrivatePacket answering(ArcScPrivatePacket server, Bytes clientRandom) {
        byte[] verifier = Primitives.hmacMd5(server.arcRandomBits().toByteArray(), clientRandom.toByteArray());
        return new ArcCsPrivatePacket(server.version(), server.logonId(), Bytes.of(verifier));
    }

    /** The cookie for a reconnection under Enhanced RDP Security (TLS, CredSSP): the client random is 32 zero bytes. */
    public static ArcCsPrivatePacket answering(ArcScPrivatePacket server) {
        return answering(server, ENHANCED_SECURITY_CLIENT_RANDOM);
    }

    public static ArcCsPrivatePacket decode(ByteBuf in) {
        ArcPacketLayout.Fields f = ArcPacketLayout.decode(in, PDU, "SecurityVerifier");
        return new ArcCsPrivatePacket(f.version(), f.logonId(), f.secret());
    }

    public void encode(ByteBuf out) {
        ArcPacketLayout.encode(out, version, logonId, securityVerifier);
    }

    public int size() {
        return SIZE;
    }

    @Override
    public String toString() {
        return "ArcCsPrivatePacket[version=" + version + ", logonId=" + Integer.toUnsignedString(logonId)
                + ", securityVerifier=<redacted>]";
    }
}
