package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.1.2.1 Basic Security Header (TS_SECURITY_HEADER): 16 bits of flags and 16 bits of
 * {@code flagsHi}, both little-endian. Under Enhanced RDP Security (TLS, CredSSP) it precedes only the
 * Client Info PDU (SEC_INFO_PKT), the licensing PDUs (SEC_LICENSE_PKT) and the PDUs of the MCS message
 * channel (auto-detect, heartbeat, multitransport); no other slow-path PDU carries one.
 *
 * <p>When SEC_ENCRYPT is set (Standard RDP Security only) the 8-byte MAC of the Non-FIPS header
 * follows: see {@link NonFipsSecurityHeader}. FIPS headers (2.2.8.1.1.2.3) are not supported.
 *
 * @param flags   the SEC_* flags
 * @param flagsHi meaningful only with {@link #SEC_FLAGSHI_VALID}; otherwise uninitialized data the peer sent
 */
public record SecurityHeader(int flags, int flagsHi) {

    static final String PDU = "TS_SECURITY_HEADER";
    public static final int SIZE = 4;

    public static final int SEC_EXCHANGE_PKT = 0x0001;
    public static final int SEC_TRANSPORT_REQ = 0x0002;
    public static final int SEC_TRANSPORT_RSP = 0x0004;
    public static final int SEC_ENCRYPT = 0x0008;
    public static final int SEC_RESET_SEQNO = 0x0010;
    public static final int SEC_IGNORE_SEQNO = 0x0020;
    public static final int SEC_INFO_PKT = 0x0040;
    public static final int SEC_LICENSE_PKT = 0x0080;
    /** Server to client: the server can process encrypted licensing packets (same bit as SEC_LICENSE_ENCRYPT_SC). */
    public static final int SEC_LICENSE_ENCRYPT_CS = 0x0200;
    /** Client to server, with SEC_EXCHANGE_PKT: the client can process encrypted licensing packets. */
    public static final int SEC_LICENSE_ENCRYPT_SC = 0x0200;
    public static final int SEC_REDIRECTION_PKT = 0x0400;
    public static final int SEC_SECURE_CHECKSUM = 0x0800;
    public static final int SEC_AUTODETECT_REQ = 0x1000;
    public static final int SEC_AUTODETECT_RSP = 0x2000;
    public static final int SEC_HEARTBEAT = 0x4000;
    public static final int SEC_FLAGSHI_VALID = 0x8000;

    public SecurityHeader {
        Wire.requireUnsigned(flags, 16, PDU, "flags");
        Wire.requireUnsigned(flagsHi, 16, PDU, "flagsHi");
    }

    /** A header with {@code flags} and a zero {@code flagsHi}, as this client sends it. */
    public static SecurityHeader of(int flags) {
        return new SecurityHeader(flags, 0);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    public static SecurityHeader decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "header");
        int flags = in.readUnsignedShortLE();
        int flagsHi = in.readUnsignedShortLE();
        return new SecurityHeader(flags, flagsHi);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(flags);
        out.writeShortLE(flagsHi);
    }

    public int size() {
        return SIZE;
    }
}
