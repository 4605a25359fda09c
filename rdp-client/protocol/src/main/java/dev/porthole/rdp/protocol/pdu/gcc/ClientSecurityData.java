package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.3 Client Security Data (TS_UD_CS_SEC). With TLS or CredSSP both fields are 0
 * (Enhanced RDP Security carries no RDP-level encryption).
 */
public record ClientSecurityData(int encryptionMethods, int extEncryptionMethods) {

    static final String PDU = "TS_UD_CS_SEC";
    public static final int SIZE = 12;

    public static final int ENCRYPTION_METHOD_40BIT = 0x01;
    public static final int ENCRYPTION_METHOD_128BIT = 0x02;
    public static final int ENCRYPTION_METHOD_56BIT = 0x08;
    public static final int ENCRYPTION_METHOD_FIPS = 0x10;

    public int size() {
        return SIZE;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_SECURITY, SIZE);
        out.writeIntLE(encryptionMethods);
        out.writeIntLE(extEncryptionMethods);
    }

    static ClientSecurityData decodeBody(ByteBuf body) {
        Wire.need(body, 8, PDU, "fields");
        ClientSecurityData d = new ClientSecurityData(body.readIntLE(), body.readIntLE());
        body.skipBytes(body.readableBytes());
        return d;
    }
}
