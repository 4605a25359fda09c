package dev.porthole.rdp.protocol.bulk;

import dev.porthole.rdp.protocol.RdpException;

/**
 * Reads an RDP 6.0 bit stream (MS-RDPEGDI 3.1.8.1.4): multi-byte fields are little-endian, so the
 * stream is a little-endian bit sequence — byte 0 holds bits 0..7, and each field's first bit on the
 * wire is its least significant bit. Peeking past the end sees zero bits; consuming past it is
 * {@link RdpException.Kind#MALFORMED}.
 */
final class LsbBitReader {

    private final byte[] src;
    private final int end;
    private final long totalBits;
    private final String pdu;
    private int next;
    private long window;
    private int windowBits;
    private long consumed;

    LsbBitReader(byte[] src, int offset, int length, String pdu) {
        this.src = src;
        this.next = offset;
        this.end = offset + length;
        this.totalBits = 8L * length;
        this.pdu = pdu;
    }

    /** The next {@code n} (0..32) bits without consuming them; bits past the end read as zero. */
    int peek(int n) {
        while (windowBits < n) {
            long b = next < end ? src[next] & 0xFF : 0;
            next++;
            window |= b << windowBits;
            windowBits += 8;
        }
        return (int) (window & ((1L << n) - 1));
    }

    void skip(int n, String field) {
        peek(n);
        window >>>= n;
        windowBits -= n;
        consumed += n;
        if (consumed > totalBits) {
            throw RdpException.malformed(pdu, field, "the bit stream ends inside the field (" + totalBits + " bits)");
        }
    }

    int read(int n, String field) {
        int v = peek(n);
        skip(n, field);
        return v;
    }
}
