package dev.porthole.rdp.protocol.ntlm;

import java.util.Arrays;
import java.util.HexFormat;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-NLMP 2.2.2.9.2 NTLMSSP_MESSAGE_SIGNATURE for Extended Session Security: Version (always 1),
 * the 8-byte Checksum (first half of an HMAC_MD5, RC4-encrypted when keys were exchanged) and the
 * sequence number. 16 bytes, little-endian.
 *
 * @param checksum the 8-byte Checksum
 * @param seqNum   the 32-bit SeqNum
 */
public record MessageSignature(byte[] checksum, int seqNum) {

    static final String PDU = "NTLMSSP_MESSAGE_SIGNATURE";
    public static final int SIZE = 16;
    public static final int VERSION = 1;

    public MessageSignature {
        checksum = Payload.requireSize(checksum, 8, PDU, "Checksum");
    }

    @Override
    public byte[] checksum() {
        return checksum.clone();
    }

    public static MessageSignature decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        long version = in.readUnsignedIntLE();
        if (version != VERSION) {
            throw RdpException.malformed(PDU, "Version", "is " + version + ", expected " + VERSION);
        }
        byte[] checksum = new byte[8];
        in.readBytes(checksum);
        return new MessageSignature(checksum, in.readIntLE());
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(VERSION);
        out.writeBytes(checksum);
        out.writeIntLE(seqNum);
    }

    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageSignature s && s.seqNum == seqNum && Arrays.equals(s.checksum, checksum);
    }

    @Override
    public int hashCode() {
        return 31 * seqNum + Arrays.hashCode(checksum);
    }

    @Override
    public String toString() {
        return "MessageSignature[checksum=" + HexFormat.of().formatHex(checksum) + ", seqNum=" + Integer.toUnsignedString(seqNum) + "]";
    }
}
