package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.1.1.1 Logon Info Version 1 (TS_LOGON_INFO): domain (fixed 52 bytes) and user name
 * (fixed 512 bytes) as NUL-terminated UTF-16 with their byte counts (terminator included), and the
 * session id.
 */
public record LogonInfoV1(String domain, String userName, int sessionId) implements LogonInfo {

    static final String PDU = "TS_LOGON_INFO";
    public static final int SIZE = 576;

    public LogonInfoV1 {
        Utf16.check(domain, 52, true, PDU, "Domain");
        Utf16.check(userName, 512, true, PDU, "UserName");
    }

    @Override
    public int infoType() {
        return INFOTYPE_LOGON;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeIntLE(Utf16.size(domain) + 2);
        Utf16.writeFixed(out, domain, 52);
        out.writeIntLE(Utf16.size(userName) + 2);
        Utf16.writeFixed(out, userName, 512);
        out.writeIntLE(sessionId);
    }

    static LogonInfoV1 decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        long cbDomain = in.readUnsignedIntLE();
        if (cbDomain > 52) {
            throw RdpException.malformed(PDU, "cbDomain", cbDomain + " exceeds the 52-byte Domain field");
        }
        String domain = Utf16.read(in, 52, PDU, "Domain");
        long cbUser = in.readUnsignedIntLE();
        if (cbUser > 512) {
            throw RdpException.malformed(PDU, "cbUserName", cbUser + " exceeds the 512-byte UserName field");
        }
        String user = Utf16.read(in, 512, PDU, "UserName");
        int session = in.readIntLE();
        return Wire.decoded(() -> new LogonInfoV1(domain, user, session));
    }
}
