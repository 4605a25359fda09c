package dev.porthole.rdp.protocol.credssp;

import java.io.IOException;
import java.util.function.Function;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The DER (X.690) framing MS-CSSP 2.2 relies on: reading one TLV's length from a stream, and a
 * bounded structural walk of a complete TLV (definite lengths only, every child inside its
 * parent, nesting no deeper than the structures need) before Bouncy Castle's parser sees it, so
 * hostile nesting cannot exhaust the stack and no length can exceed the bytes present.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    /** Largest TSRequest accepted: far above any NTLM exchange or credential blob. */
    static final int MAX_SIZE = 1 << 20;
    static final int MAX_DEPTH = 8;

    private Der() {}

    /**
     * The total length (header and content) of the TLV starting at {@code in}'s reader index, or
     * -1 when not enough bytes have arrived to know it. Does not consume.
     */
    static int peekLength(ByteBuf in, int expectedTag, String pdu) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < 2) {
            return -1;
        }
        int tag = in.getUnsignedByte(start);
        if (tag != expectedTag) {
            throw RdpException.malformed(pdu, "tag", String.format("0x%02x is not 0x%02x", tag, expectedTag));
        }
        int first = in.getUnsignedByte(start + 1);
        if (first < 0x80) {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count == 0) {
            throw RdpException.malformed(pdu, "length", "indefinite length is not DER");
        }
        if (count > 3) {
            throw RdpException.malformed(pdu, "length", count + " length octets exceed the " + MAX_SIZE + "-byte limit");
        }
        if (available < 2 + count) {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | in.getUnsignedByte(start + 2 + i);
        }
        int total = 2 + count + length;
        if (total > MAX_SIZE) {
            throw RdpException.malformed(pdu, "length", total + " bytes exceed the " + MAX_SIZE + "-byte limit");
        }
        return total;
    }

    /** Walks the TLV tree of {@code der}, which must be exactly one TLV. */
    static void checkStructure(byte[] der, String pdu) {
        int end = walk(der, 0, der.length, 0, pdu);
        if (end != der.length) {
            throw RdpException.malformed(pdu, "encoding", (der.length - end) + " bytes after the structure");
        }
    }

    /** Walks one TLV at {@code pos} that must end by {@code limit}; returns the position after it. */
    private static int walk(byte[] der, int pos, int limit, int depth, String pdu) {
        if (depth > MAX_DEPTH) {
            throw RdpException.malformed(pdu, "encoding", "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (limit - pos < 2) {
            throw RdpException.malformed(pdu, "encoding", "truncated TLV at offset " + pos);
        }
        int tag = der[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw RdpException.malformed(pdu, "encoding", "multi-byte tag at offset " + pos);
        }
        int first = der[pos + 1] & 0xFF;
        int contentStart = pos + 2;
        long length = first;
        if (first >= 0x80) {
            int count = first & 0x7F;
            if (count == 0) {
                throw RdpException.malformed(pdu, "encoding", "indefinite length at offset " + pos + " is not DER");
            }
            if (count > 3) {
                throw RdpException.malformed(pdu, "encoding", count + " length octets at offset " + pos + " exceed the size limit");
            }
            if (limit - contentStart < count) {
                throw RdpException.malformed(pdu, "encoding", "truncated length at offset " + pos);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[contentStart + i] & 0xFF);
            }
            contentStart += count;
        }
        if (length > limit - contentStart) {
            throw RdpException.malformed(pdu, "encoding", "length " + length + " at offset " + pos + " runs past its container");
        }
        int end = contentStart + (int) length;
        if ((tag & 0x20) != 0) { // constructed
            int child = contentStart;
            while (child < end) {
                child = walk(der, child, end, depth + 1, pdu);
            }
        }
        return end;
    }

    /** Parses a structurally checked TLV with Bouncy Castle, turning any parser failure into MALFORMED. */
    static <T> T parse(byte[] der, String pdu, Function<ASN1Primitive, T> reader) {
        checkStructure(der, pdu);
        ASN1Primitive primitive;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            primitive = in.readObject();
        } catch (IOException | RuntimeException e) {
            throw new RdpException(RdpException.Kind.MALFORMED, pdu + ".encoding: not valid DER (" + e.getMessage() + ")", e);
        }
        try {
            return reader.apply(primitive);
        } catch (RdpException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RdpException(RdpException.Kind.MALFORMED, pdu + ": unexpected structure (" + e.getMessage() + ")", e);
        }
    }

    /** Reads exactly one TLV of {@code expectedTag} from {@code in}. */
    static byte[] readTlv(ByteBuf in, int expectedTag, String pdu) {
        int length = peekLength(in, expectedTag, pdu);
        if (length < 0 || in.readableBytes() < length) {
            throw RdpException.malformed(pdu, "encoding", "truncated: " + in.readableBytes() + " bytes"
                    + (length < 0 ? "" : " of " + length));
        }
        byte[] der = new byte[length];
        in.readBytes(der);
        return der;
    }

    /**
     * Reads one SEQUENCE holding secrets from {@code in} and decodes it with {@code decoder}; the DER
     * copy is wiped afterwards.
     */
    static <T> T readSecret(ByteBuf in, String pdu, java.util.function.Function<byte[], T> decoder) {
        byte[] der = readTlv(in, SEQUENCE, pdu);
        try {
            return decoder.apply(der);
        } finally {
            java.util.Arrays.fill(der, (byte) 0);
        }
    }

    /** Writes the DER encoding of a structure holding secrets, wiping the temporary copy. */
    static void writeSecret(byte[] der, ByteBuf out) {
        out.writeBytes(der);
        java.util.Arrays.fill(der, (byte) 0);
    }

    /** The length of the DER encoding of a structure holding secrets, wiping the temporary copy. */
    static int secretSize(byte[] der) {
        java.util.Arrays.fill(der, (byte) 0);
        return der.length;
    }
}
