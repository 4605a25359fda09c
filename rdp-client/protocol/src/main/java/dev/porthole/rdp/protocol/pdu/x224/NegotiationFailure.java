package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure (RDP_NEG_FAILURE).
 *
 * @param failureCode why the server refused the requested protocols
 */
public record NegotiationFailure(int failureCode) implements NegotiationOutcome {

    static final String PDU = "RDP_NEG_FAILURE";
    public static final int TYPE = 0x03;
    public static final int SIZE = 8;

    public static final int SSL_REQUIRED_BY_SERVER = 0x01;
    public static final int SSL_NOT_ALLOWED_BY_SERVER = 0x02;
    public static final int SSL_CERT_NOT_ON_SERVER = 0x03;
    public static final int INCONSISTENT_FLAGS = 0x04;
    public static final int HYBRID_REQUIRED_BY_SERVER = 0x05;
    public static final int SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER = 0x06;

    public static NegotiationFailure decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        int type = in.readUnsignedByte();
        if (type != TYPE) {
            throw RdpException.malformed(PDU, "type", "is " + type + ", expected " + TYPE);
        }
        in.skipBytes(1); // flags: no flags defined
        int length = in.readUnsignedShortLE();
        if (length != SIZE) {
            throw RdpException.malformed(PDU, "length", "is " + length + ", expected " + SIZE);
        }
        return new NegotiationFailure(in.readIntLE());
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte(TYPE);
        out.writeByte(0);
        out.writeShortLE(SIZE);
        out.writeIntLE(failureCode);
    }

    @Override
    public int size() {
        return SIZE;
    }

    /** A sentence a person can act on, for status screens and errors. */
    public String reason() {
        return switch (failureCode) {
            case SSL_REQUIRED_BY_SERVER -> "the server requires TLS (Enhanced RDP Security)";
            case SSL_NOT_ALLOWED_BY_SERVER -> "the server only allows Standard RDP Security, which is disabled in this client";
            case SSL_CERT_NOT_ON_SERVER -> "the server has no certificate for TLS";
            case INCONSISTENT_FLAGS -> "the server found the requested security flags inconsistent";
            case HYBRID_REQUIRED_BY_SERVER -> "the server requires Network Level Authentication (CredSSP)";
            case SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER -> "the server requires TLS with user authentication";
            default -> "the server refused the security negotiation (failure code " + failureCode + ")";
        };
    }
}
