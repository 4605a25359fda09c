package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.crypto.Primitives;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
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
    public static final int SIZE = 28;
    /** The client random assumed under Enhanced RDP Security (5.5). */
    public static final Bytes ENHANCED_SECURITY_CLIENT_RANDOM = Bytes.zeros(32);

    public ArcCsPrivatePacket {
        if (securityVerifier == null || securityVerifier.length() != 16) {
            throw RdpException.argument(PDU, "SecurityVerifier", "must have 16 bytes");
        }
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
        Wire.need(in, SIZE, PDU, "structure");
        long cbLen = in.readUnsignedIntLE();
        if (cbLen != SIZE) {
            throw RdpException.malformed(PDU, "cbLen", "is " + cbLen + ", expected 28");
        }
        int version = in.readIntLE();
        int logonId = in.readIntLE();
        return new ArcCsPrivatePacket(version, logonId, Bytes.read(in, 16, PDU, "SecurityVerifier"));
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(SIZE);
        out.writeIntLE(version);
        out.writeIntLE(logonId);
        securityVerifier.writeTo(out);
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
