package dev.porthole.rdp.protocol.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;

/**
 * MS-NLMP 2.2.2.1 AV_PAIR: one attribute/value pair of a CHALLENGE_MESSAGE's TargetInfo or an
 * NTLMv2_CLIENT_CHALLENGE's AvPairs. The terminating MsvAvEOL is not an {@code AvPair} value; the
 * list ({@link AvPairs}) writes and expects it. Unknown AvIds are kept as opaque bytes.
 *
 * @param avId  the AvId (16 bits, not MsvAvEOL)
 * @param value the Value bytes (AvLen is their length)
 */
public record AvPair(int avId, byte[] value) {

    static final String PDU = "AV_PAIR";

    public static final int MSV_AV_EOL = 0x0000;
    public static final int MSV_AV_NB_COMPUTER_NAME = 0x0001;
    public static final int MSV_AV_NB_DOMAIN_NAME = 0x0002;
    public static final int MSV_AV_DNS_COMPUTER_NAME = 0x0003;
    public static final int MSV_AV_DNS_DOMAIN_NAME = 0x0004;
    public static final int MSV_AV_DNS_TREE_NAME = 0x0005;
    public static final int MSV_AV_FLAGS = 0x0006;
    public static final int MSV_AV_TIMESTAMP = 0x0007;
    public static final int MSV_AV_SINGLE_HOST = 0x0008;
    public static final int MSV_AV_TARGET_NAME = 0x0009;
    public static final int MSV_AV_CHANNEL_BINDINGS = 0x000A;

    /** MsvAvFlags bit: the account authentication is constrained. */
    public static final int AV_FLAG_CONSTRAINED = 0x00000001;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    public static final int AV_FLAG_MIC_PRESENT = 0x00000002;
    /** MsvAvFlags bit: the target SPN came from an untrusted source. */
    public static final int AV_FLAG_UNVERIFIED_TARGET_NAME = 0x00000004;

    public AvPair {
        Wire.requireUnsigned(avId, 16, PDU, "AvId");
        if (value == null) {
            throw RdpException.argument(PDU, "Value", "is null");
        }
        String problem = problem(avId, value.length);
        if (problem != null) {
            throw RdpException.argument(PDU, name(avId), problem);
        }
        value = value.clone();
    }

    /** Why a Value of {@code length} bytes is invalid for {@code avId}, or {@code null} when it is valid. */
    static String problem(int avId, int length) {
        if (length > 0xFFFF) {
            return "AvLen " + length + " does not fit 16 bits";
        }
        return switch (avId) {
            case MSV_AV_EOL -> length == 0 ? "MsvAvEOL terminates the list and is not an entry" : "MsvAvEOL must have AvLen 0, has " + length;
            case MSV_AV_FLAGS -> length == 4 ? null : "AvLen must be 4, is " + length;
            case MSV_AV_TIMESTAMP -> length == 8 ? null : "AvLen must be 8 (FILETIME), is " + length;
            case MSV_AV_CHANNEL_BINDINGS -> length == 16 ? null : "AvLen must be 16 (MD5 hash), is " + length;
            case MSV_AV_SINGLE_HOST -> length >= 48 ? null : "AvLen must be at least 48 (Single_Host_Data), is " + length;
            case MSV_AV_NB_COMPUTER_NAME, MSV_AV_NB_DOMAIN_NAME, MSV_AV_DNS_COMPUTER_NAME, MSV_AV_DNS_DOMAIN_NAME,
                 MSV_AV_DNS_TREE_NAME, MSV_AV_TARGET_NAME -> length % 2 == 0 ? null : "Unicode text has odd AvLen " + length;
            default -> null;
        };
    }

    /** The spec name of an AvId, for messages. */
    public static String name(int avId) {
        return switch (avId) {
            case MSV_AV_EOL -> "MsvAvEOL";
            case MSV_AV_NB_COMPUTER_NAME -> "MsvAvNbComputerName";
            case MSV_AV_NB_DOMAIN_NAME -> "MsvAvNbDomainName";
            case MSV_AV_DNS_COMPUTER_NAME -> "MsvAvDnsComputerName";
            case MSV_AV_DNS_DOMAIN_NAME -> "MsvAvDnsDomainName";
            case MSV_AV_DNS_TREE_NAME -> "MsvAvDnsTreeName";
            case MSV_AV_FLAGS -> "MsvAvFlags";
            case MSV_AV_TIMESTAMP -> "MsvAvTimestamp";
            case MSV_AV_SINGLE_HOST -> "MsvAvSingleHost";
            case MSV_AV_TARGET_NAME -> "MsvAvTargetName";
            case MSV_AV_CHANNEL_BINDINGS -> "MsvAvChannelBindings";
            default -> String.format("AvId(0x%04x)", avId);
        };
    }

    /** A textual pair (names, SPN): Unicode, no terminating NUL. */
    public static AvPair text(int avId, String text) {
        return new AvPair(avId, text.getBytes(StandardCharsets.UTF_16LE));
    }

    public static AvPair flags(int flags) {
        return new AvPair(MSV_AV_FLAGS, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(flags).array());
    }

    public static AvPair timestamp(long fileTime) {
        return new AvPair(MSV_AV_TIMESTAMP, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fileTime).array());
    }

    /** MsvAvChannelBindings with an MD5 hash (all zero means "no channel bindings"). */
    public static AvPair channelBindings(byte[] md5Hash) {
        return new AvPair(MSV_AV_CHANNEL_BINDINGS, md5Hash);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    byte[] valueUnsafe() {
        return value;
    }

    /** The value as Unicode text. */
    public String asText() {
        return new String(value, StandardCharsets.UTF_16LE);
    }

    /** The value as a little-endian 32-bit integer (MsvAvFlags). */
    public int asInt() {
        if (value.length != 4) {
            throw RdpException.argument(PDU, name(avId), "is not a 32-bit value");
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** The value as a little-endian 64-bit integer (MsvAvTimestamp). */
    public long asLong() {
        if (value.length != 8) {
            throw RdpException.argument(PDU, name(avId), "is not a 64-bit value");
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvPair p && p.avId == avId && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * avId + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name(avId) + "[" + HexFormat.of().formatHex(value) + "]";
    }
}
