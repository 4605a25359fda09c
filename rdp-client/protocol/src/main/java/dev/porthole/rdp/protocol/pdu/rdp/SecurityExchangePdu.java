package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.10 Client Security Exchange PDU (TS_SECURITY_PACKET), the MCS user data of a Send Data
 * Request on the I/O channel under Standard RDP Security: a basic security header with SEC_EXCHANGE_PKT
 * (2.2.8.1.1.2.1), the 32-bit length of the encrypted client random, and the client random encrypted with
 * the server's public key, little-endian, followed by 8 zero bytes of padding (5.3.4.1).
 *
 * @param flags                 the security header flags (SEC_EXCHANGE_PKT, possibly SEC_LICENSE_ENCRYPT_SC)
 * @param encryptedClientRandom the encrypted random with its padding
 */
public record SecurityExchangePdu(int flags, Bytes encryptedClientRandom) {

    static final String PDU = "TS_SECURITY_PACKET";
    /** The longest encrypted random accepted: an 8192-bit key plus 8 bytes of padding. */
    public static final int MAX_RANDOM = 1024 + 8;

    public SecurityExchangePdu {
        Wire.requireUnsigned(flags, 16, PDU, "flags");
        if ((flags & SecurityHeader.SEC_EXCHANGE_PKT) == 0) {
            throw RdpException.argument(PDU, "flags", "SEC_EXCHANGE_PKT is not set");
        }
        if (encryptedClientRandom == null || encryptedClientRandom.length() < 8 || encryptedClientRandom.length() > MAX_RANDOM) {
            throw RdpException.argument(PDU, "encryptedClientRandom", "must have 8.." + MAX_RANDOM + " bytes");
        }
    }

    /** Decodes the MCS user data; {@code in} holds exactly the PDU. */
    public static SecurityExchangePdu decode(ByteBuf in) {
        SecurityHeader header = SecurityHeader.decode(in);
        if (!header.has(SecurityHeader.SEC_EXCHANGE_PKT)) {
            throw RdpException.malformed(PDU, "basicSecurityHeader.flags", "SEC_EXCHANGE_PKT is not set: 0x"
                    + Integer.toHexString(header.flags()));
        }
        Wire.need(in, 4, PDU, "length");
        long length = in.readUnsignedIntLE();
        if (length < 8 || length > MAX_RANDOM || length != in.readableBytes()) {
            throw RdpException.malformed(PDU, "length", length + " is outside 8.." + MAX_RANDOM
                    + " or not the " + in.readableBytes() + " bytes that follow");
        }
        return new SecurityExchangePdu(header.flags(), Bytes.read(in, (int) length, PDU, "encryptedClientRandom"));
    }

    public void encode(ByteBuf out) {
        SecurityHeader.of(flags).encode(out);
        out.writeIntLE(encryptedClientRandom.length());
        encryptedClientRandom.writeTo(out);
    }

    public int size() {
        return SecurityHeader.SIZE + 4 + encryptedClientRandom.length();
    }
}
