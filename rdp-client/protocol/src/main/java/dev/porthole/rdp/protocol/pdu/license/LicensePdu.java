package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import io.netty.buffer.ByteBuf;

/**
 * A licensing PDU (MS-RDPELE 2.2.2 TS_LICENSING_PDU, MS-RDPBCGR 2.2.1.12): the licensing preamble
 * (2.2.1.12.1.1: bMsgType, flags with the protocol version in the low nibble and
 * EXTENDED_ERROR_MSG_SUPPORTED, and wMsgSize counting the preamble) and the message. On the wire it
 * follows a basic security header with SEC_LICENSE_PKT: {@link #decodeSecured} and {@link #encodeSecured}.
 * Encrypted licensing (SEC_ENCRYPT, Standard RDP Security) is refused as UNSUPPORTED.
 *
 * @param flags the preamble flags ({@link #PREAMBLE_VERSION_3_0}, {@link #EXTENDED_ERROR_MSG_SUPPORTED})
 */
public record LicensePdu(int flags, LicenseMessage message) {

    static final String PDU = "LICENSE_PREAMBLE";
    public static final int PREAMBLE_SIZE = 4;

    public static final int PREAMBLE_VERSION_2_0 = 0x02;
    public static final int PREAMBLE_VERSION_3_0 = 0x03;
    public static final int LICENSE_PROTOCOL_VERSION_MASK = 0x0F;
    public static final int EXTENDED_ERROR_MSG_SUPPORTED = 0x80;

    public LicensePdu {
        Wire.requireUnsigned(flags, 8, PDU, "flags");
        if (message == null) {
            throw RdpException.argument(PDU, "message", "is null");
        }
        if (PREAMBLE_SIZE + message.bodySize() > 0xFFFF) {
            throw RdpException.argument(PDU, "wMsgSize", "message of " + message.bodySize() + " bytes is too large");
        }
    }

    /** The licensing protocol version (low nibble of the flags). */
    public int version() {
        return flags & LICENSE_PROTOCOL_VERSION_MASK;
    }

    /** Decodes a preamble and its message; reads exactly wMsgSize bytes. */
    public static LicensePdu decode(ByteBuf in) {
        Wire.need(in, PREAMBLE_SIZE, PDU, "preamble");
        int msgType = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int msgSize = in.readUnsignedShortLE();
        if (msgSize < PREAMBLE_SIZE) {
            throw RdpException.malformed(PDU, "wMsgSize", msgSize + " is smaller than the preamble");
        }
        Wire.need(in, msgSize - PREAMBLE_SIZE, PDU, "wMsgSize");
        return new LicensePdu(flags, LicenseMessage.decode(msgType, in.readSlice(msgSize - PREAMBLE_SIZE)));
    }

    /** Decodes the MCS user data of a licensing PDU: basic security header with SEC_LICENSE_PKT, preamble, message. */
    public static LicensePdu decodeSecured(ByteBuf in) {
        SecurityHeader header = SecurityHeader.decode(in);
        if (!header.has(SecurityHeader.SEC_LICENSE_PKT)) {
            throw RdpException.malformed("Licensing PDU", "securityHeader.flags",
                    "SEC_LICENSE_PKT is not set: 0x" + Integer.toHexString(header.flags()));
        }
        if (header.has(SecurityHeader.SEC_ENCRYPT)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "Licensing PDU.securityHeader.flags: SEC_ENCRYPT (Standard RDP Security) is not supported");
        }
        return decode(in);
    }

    public void encode(ByteBuf out) {
        out.writeByte(message.msgType());
        out.writeByte(flags);
        out.writeShortLE(size());
        message.encodeBody(out);
    }

    public int size() {
        return PREAMBLE_SIZE + message.bodySize();
    }

    /** Writes the basic security header (SEC_LICENSE_PKT) and the PDU, as the client sends it. */
    public void encodeSecured(ByteBuf out) {
        SecurityHeader.of(SecurityHeader.SEC_LICENSE_PKT).encode(out);
        encode(out);
    }

    public int securedSize() {
        return SecurityHeader.SIZE + size();
    }
}
