package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.11 Client Info PDU, the MCS user data of a Send Data Request on the I/O channel: a
 * basic security header with SEC_INFO_PKT (2.2.8.1.1.2.1; under Enhanced RDP Security nothing is
 * encrypted, so no MAC follows) and the Info Packet (2.2.1.11.1.1). Under Standard RDP Security the connector
 * sends the Info Packet through {@code security.StandardSecurity#encodeSecured} instead (SEC_INFO_PKT | SEC_ENCRYPT).
 */
public record ClientInfoPdu(InfoPacket info) {

    static final String PDU = "Client Info PDU";

    public ClientInfoPdu {
        if (info == null) {
            throw RdpException.argument(PDU, "info", "is null");
        }
    }

    /** Decodes the MCS user data; {@code in} holds exactly the PDU. */
    public static ClientInfoPdu decode(ByteBuf in) {
        SecurityHeader header = SecurityHeader.decode(in);
        if (!header.has(SecurityHeader.SEC_INFO_PKT)) {
            throw RdpException.malformed(PDU, "securityHeader.flags", "SEC_INFO_PKT is not set: 0x"
                    + Integer.toHexString(header.flags()));
        }
        if (header.has(SecurityHeader.SEC_ENCRYPT)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    PDU + ".securityHeader.flags: SEC_ENCRYPT (Standard RDP Security) is not supported");
        }
        return new ClientInfoPdu(InfoPacket.decode(in));
    }

    public void encode(ByteBuf out) {
        SecurityHeader.of(SecurityHeader.SEC_INFO_PKT).encode(out);
        info.encode(out);
    }

    public int size() {
        return SecurityHeader.SIZE + info.size();
    }
}
