package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The 28-byte layout the two auto-reconnect cookies share (MS-RDPBCGR 2.2.4.2 ARC_SC_PRIVATE_PACKET and
 * 2.2.4.3 ARC_CS_PRIVATE_PACKET): cbLen (always 28), Version, LogonId, then a 16-byte secret
 * (ArcRandomBits or SecurityVerifier).
 */
final class ArcPacketLayout {

    static final int SIZE = 28;
    static final int SECRET_SIZE = 16;

    /** The fields after cbLen. */
    record Fields(int version, int logonId, Bytes secret) {}

    private ArcPacketLayout() {}

    static void requireSecret(Bytes secret, String pdu, String field) {
        if (secret == null || secret.length() != SECRET_SIZE) {
            throw RdpException.argument(pdu, field, "must have " + SECRET_SIZE + " bytes");
        }
    }

    static Fields decode(ByteBuf in, String pdu, String secretField) {
        Wire.need(in, SIZE, pdu, "structure");
        long cbLen = in.readUnsignedIntLE();
        if (cbLen != SIZE) {
            throw RdpException.malformed(pdu, "cbLen", "is " + cbLen + ", expected " + SIZE);
        }
        int version = in.readIntLE();
        int logonId = in.readIntLE();
        return new Fields(version, logonId, Bytes.read(in, SECRET_SIZE, pdu, secretField));
    }

    static void encode(ByteBuf out, int version, int logonId, Bytes secret) {
        out.writeIntLE(SIZE);
        out.writeIntLE(version);
        out.writeIntLE(logonId);
        secret.writeTo(out);
    }
}
