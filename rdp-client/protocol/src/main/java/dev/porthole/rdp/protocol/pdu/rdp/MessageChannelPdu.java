package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * The PDUs of the MCS message channel (MS-RDPBCGR 2.2.1.4.5), recognised by a flag of their basic
 * security header (2.2.8.1.1.2.1): auto-detect requests and responses (2.2.14.3, 2.2.14.4), heartbeat
 * (2.2.16.1) and multitransport bootstrapping (2.2.15). Each record's {@code encode} writes the security
 * header too.
 */
public sealed interface MessageChannelPdu permits AutoDetectRequestPdu, AutoDetectResponsePdu, HeartbeatPdu,
        InitiateMultitransportRequestPdu, InitiateMultitransportResponsePdu {

    String PDU = "message channel PDU";

    /** The SEC_* flag that identifies this PDU. */
    int securityFlag();

    /** Bytes after the security header. */
    int bodySize();

    void encodeBody(ByteBuf out);

    default int size() {
        return SecurityHeader.SIZE + bodySize();
    }

    default void encode(ByteBuf out) {
        SecurityHeader.of(securityFlag()).encode(out);
        encodeBody(out);
    }

    /** Decodes the MCS user data of a message channel PDU; {@code in} holds exactly the PDU. */
    static MessageChannelPdu decode(ByteBuf in) {
        SecurityHeader h = SecurityHeader.decode(in);
        if (h.has(SecurityHeader.SEC_ENCRYPT)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    PDU + ".securityHeader.flags: SEC_ENCRYPT (Standard RDP Security) is not supported");
        }
        if (h.has(SecurityHeader.SEC_AUTODETECT_REQ)) {
            return new AutoDetectRequestPdu(AutoDetectRequest.decode(in));
        }
        if (h.has(SecurityHeader.SEC_AUTODETECT_RSP)) {
            return new AutoDetectResponsePdu(AutoDetectResponse.decode(in));
        }
        if (h.has(SecurityHeader.SEC_HEARTBEAT)) {
            return HeartbeatPdu.decodeBody(in);
        }
        if (h.has(SecurityHeader.SEC_TRANSPORT_REQ)) {
            return InitiateMultitransportRequestPdu.decodeBody(in);
        }
        if (h.has(SecurityHeader.SEC_TRANSPORT_RSP)) {
            return InitiateMultitransportResponsePdu.decodeBody(in);
        }
        throw RdpException.malformed(PDU, "securityHeader.flags",
                "0x" + Integer.toHexString(h.flags()) + " names no message channel PDU");
    }
}
