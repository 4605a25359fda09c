package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.1.2.2 Non-FIPS Security Header (TS_SECURITY_HEADER1): the basic header plus the
 * 8-byte MAC of an encrypted PDU. Only Standard RDP Security uses it; {@code security.StandardSecurity}
 * writes it and decrypts and verifies what follows.
 */
public record NonFipsSecurityHeader(SecurityHeader basic, Bytes dataSignature) {

    static final String PDU = "TS_SECURITY_HEADER1";
    public static final int SIGNATURE_SIZE = 8;
    public static final int SIZE = SecurityHeader.SIZE + SIGNATURE_SIZE;

    public NonFipsSecurityHeader {
        if (!basic.has(SecurityHeader.SEC_ENCRYPT)) {
            throw RdpException.argument(PDU, "flags", "SEC_ENCRYPT is not set");
        }
        if (dataSignature.length() != SIGNATURE_SIZE) {
            throw RdpException.argument(PDU, "dataSignature", "has " + dataSignature.length() + " bytes, expected 8");
        }
    }

    public static NonFipsSecurityHeader decode(ByteBuf in) {
        SecurityHeader basic = SecurityHeader.decode(in);
        if (!basic.has(SecurityHeader.SEC_ENCRYPT)) {
            throw RdpException.malformed(PDU, "flags", "SEC_ENCRYPT is not set, no signature follows");
        }
        return new NonFipsSecurityHeader(basic, Bytes.read(in, SIGNATURE_SIZE, PDU, "dataSignature"));
    }

    public void encode(ByteBuf out) {
        basic.encode(out);
        dataSignature.writeTo(out);
    }

    public int size() {
        return SIZE;
    }
}
