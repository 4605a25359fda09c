package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.1.1.2 Logon Info Version 2 (TS_LOGON_INFO_VERSION_2): version, a size, session id,
 * the byte counts of domain and user name (terminators included), 558 bytes of padding, then the two
 * NUL-terminated UTF-16 strings. The specification says Size is the fixed part (576), but Windows servers
 * send 18, the fields before the padding (the 4.3.1 example does too); this codec writes 18 and accepts
 * any value.
 */
public record LogonInfoV2(int version, int sessionId, String domain, String userName) implements LogonInfo {

    static final String PDU = "TS_LOGON_INFO_VERSION_2";
    public static final int SAVE_SESSION_PDU_VERSION_ONE = 0x0001;
    public static final int FIXED_SIZE = 576;
    /** The Size value deployed servers write: Version, Size, SessionId, cbDomain, cbUserName. */
    public static final int SIZE_AS_SENT = 18;

    public LogonInfoV2 {
        Wire.requireUnsigned(version, 16, PDU, "Version");
        Utf16.check(domain, 0xFFFF, true, PDU, "Domain");
        Utf16.check(userName, 0xFFFF, true, PDU, "UserName");
    }

    @Override
    public int infoType() {
        return INFOTYPE_LOGON_LONG;
    }

    @Override
    public int size() {
        return FIXED_SIZE + Utf16.size(domain) + 2 + Utf16.size(userName) + 2;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(version);
        out.writeIntLE(SIZE_AS_SENT);
        out.writeIntLE(sessionId);
        out.writeIntLE(Utf16.size(domain) + 2);
        out.writeIntLE(Utf16.size(userName) + 2);
        out.writeZero(558); // Pad
        Utf16.writeTerminated(out, domain);
        Utf16.writeTerminated(out, userName);
    }

    static LogonInfoV2 decode(ByteBuf in) {
        Wire.need(in, FIXED_SIZE, PDU, "fixed fields");
        int version = in.readUnsignedShortLE();
        in.skipBytes(4); // Size: 18 in practice, 576 per the text; not used
        int session = in.readIntLE();
        long cbDomain = in.readUnsignedIntLE();
        long cbUser = in.readUnsignedIntLE();
        in.skipBytes(558); // Pad
        if (cbDomain + cbUser > in.readableBytes()) {
            throw RdpException.malformed(PDU, "cbDomain/cbUserName", cbDomain + " + " + cbUser + " exceed the "
                    + in.readableBytes() + " bytes left");
        }
        String domain = Utf16.readTerminated(in, (int) cbDomain, PDU, "Domain");
        String user = Utf16.readTerminated(in, (int) cbUser, PDU, "UserName");
        return Wire.decoded(() -> new LogonInfoV2(version, session, domain, user));
    }
}
