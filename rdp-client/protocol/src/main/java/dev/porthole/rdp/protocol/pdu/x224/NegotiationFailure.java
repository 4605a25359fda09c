package dev.porthole.rdp.protocol.pdu.x224;

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
        return new NegotiationFailure(NegotiationStructure.decode(in, TYPE, PDU).value()); // flags: none defined, ignored
    }

    @Override
    public void encode(ByteBuf out) {
        NegotiationStructure.encode(out, TYPE, 0, failureCode);
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
