package dev.porthole.rdp.protocol.ntlm;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * The parts every NTLM message shares (MS-NLMP 2.2.1): the "NTLMSSP\0" signature and MessageType,
 * and the Len/MaxLen/BufferOffset field descriptors that point into the Payload. Reading a field
 * checks that it lies inside the message and outside the fixed header before anything is
 * allocated, so no untrusted length can make a decoder allocate more than the message holds.
 */
final class Payload {

    static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    static final int NEGOTIATE = 1;
    static final int CHALLENGE = 2;
    static final int AUTHENTICATE = 3;
    static final byte[] EMPTY = new byte[0];

    private Payload() {}

    /** Checks Signature and MessageType at the start of {@code msg}. */
    static void header(ByteBuf msg, int minSize, int type, String pdu) {
        if (msg.writerIndex() < minSize) {
            throw RdpException.malformed(pdu, "header", "needs " + minSize + " bytes, message has " + msg.writerIndex());
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (msg.getByte(i) != SIGNATURE[i]) {
                throw RdpException.malformed(pdu, "Signature", "is not \"NTLMSSP\\0\"");
            }
        }
        long actual = msg.getUnsignedIntLE(8);
        if (actual != type) {
            throw RdpException.malformed(pdu, "MessageType", "is " + actual + ", expected " + type);
        }
    }

    static void writeHeader(ByteBuf out, int type) {
        out.writeBytes(SIGNATURE);
        out.writeIntLE(type);
    }

    /** Len of the field descriptor at {@code at}. */
    static int length(ByteBuf msg, int at) {
        return msg.getUnsignedShortLE(at);
    }

    /** BufferOffset of the field descriptor at {@code at}. */
    static long offset(ByteBuf msg, int at) {
        return msg.getUnsignedIntLE(at + 4);
    }

    /**
     * The bytes the field descriptor at {@code at} points to; an empty array when its Len is 0
     * (BufferOffset is then ignored, as the spec allows).
     */
    static byte[] read(ByteBuf msg, int at, int headerSize, String pdu, String field) {
        int len = length(msg, at);
        if (len == 0) {
            return EMPTY;
        }
        long off = offset(msg, at);
        if (off < headerSize) {
            throw RdpException.malformed(pdu, field + "BufferOffset", off + " points into the " + headerSize + "-byte header");
        }
        if (off + len > msg.writerIndex()) {
            throw RdpException.malformed(pdu, field + "Len", len + " bytes at offset " + off
                    + " run past the end of the " + msg.writerIndex() + "-byte message");
        }
        byte[] bytes = new byte[len];
        msg.getBytes((int) off, bytes);
        return bytes;
    }

    /** Smallest BufferOffset among the non-empty fields at {@code ats}, or the message length. */
    static long firstPayloadOffset(ByteBuf msg, int... ats) {
        long min = msg.writerIndex();
        for (int at : ats) {
            if (length(msg, at) != 0) {
                min = Math.min(min, offset(msg, at));
            }
        }
        return min;
    }

    static Charset charset(int flags) {
        return (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE) != 0 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
    }

    /** Decodes a text field in the negotiated character set. */
    static String text(byte[] bytes, int flags, String pdu, String field) {
        Charset cs = charset(flags);
        if (cs == StandardCharsets.UTF_16LE && bytes.length % 2 != 0) {
            throw RdpException.malformed(pdu, field + "Len", "Unicode text has odd length " + bytes.length);
        }
        return new String(bytes, cs);
    }

    static byte[] encodeText(String text, int flags, String pdu, String field) {
        byte[] bytes = text.getBytes(charset(flags));
        checkLength(bytes, pdu, field);
        return bytes;
    }

    static void checkLength(byte[] bytes, String pdu, String field) {
        if (bytes.length > 0xFFFF) {
            throw RdpException.argument(pdu, field, bytes.length + " bytes do not fit a 16-bit Len");
        }
    }

    /** Writes field descriptors whose data follows the fixed header in the order they are written. */
    static final class Writer {
        private int offset;

        Writer(int headerSize) {
            this.offset = headerSize;
        }

        void field(ByteBuf out, int length) {
            out.writeShortLE(length);
            out.writeShortLE(length);
            out.writeIntLE(offset);
            offset += length;
        }
    }

    static byte[] requireSize(byte[] bytes, int size, String pdu, String field) {
        if (bytes == null || bytes.length != size) {
            throw RdpException.argument(pdu, field, "must be " + size + " bytes, is "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return bytes.clone();
    }

    static byte[] copy(byte[] bytes) {
        return bytes == null ? null : Arrays.copyOf(bytes, bytes.length);
    }

    /** Like {@link #read} but returns a slice of {@code msg} (no copy), {@code null} when Len is 0. */
    static ByteBuf slice(ByteBuf msg, int at, int headerSize, String pdu, String field) {
        int len = length(msg, at);
        if (len == 0) {
            return null;
        }
        long off = offset(msg, at);
        if (off < headerSize) {
            throw RdpException.malformed(pdu, field + "BufferOffset", off + " points into the " + headerSize + "-byte header");
        }
        if (off + len > msg.writerIndex()) {
            throw RdpException.malformed(pdu, field + "Len", len + " bytes at offset " + off
                    + " run past the end of the " + msg.writerIndex() + "-byte message");
        }
        return msg.slice((int) off, len);
    }
}
