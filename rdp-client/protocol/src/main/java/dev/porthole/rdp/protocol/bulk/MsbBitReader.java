package dev.porthole.rdp.protocol.bulk;

import dev.porthole.rdp.protocol.RdpException;

/**
 * Reads an MPPC bit stream (MS-RDPBCGR 3.1.8.4, RFC 2118): bytes in order, each byte from its most
 * significant bit down, so a field's first bit on the wire is its most significant bit.
 */
final class MsbBitReader {

    private final byte[] src;
    private final int start;
    private final long totalBits;
    private final String pdu;
    private long position;

    MsbBitReader(byte[] src, int offset, int length, String pdu) {
        this.src = src;
        this.start = offset;
        this.totalBits = 8L * length;
        this.pdu = pdu;
    }

    long remaining() {
        return totalBits - position;
    }

    int readBit(String field) {
        if (position >= totalBits) {
            throw truncated(field);
        }
        int b = src[start + (int) (position >>> 3)] >>> (7 - (int) (position & 7)) & 1;
        position++;
        return b;
    }

    /** Reads {@code n} (0..31) bits, most significant first. */
    int readBits(int n, String field) {
        if (remaining() < n) {
            throw truncated(field);
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            value = value << 1 | (src[start + (int) (position >>> 3)] >>> (7 - (int) (position & 7)) & 1);
            position++;
        }
        return value;
    }

    /** Counts and consumes leading one bits, up to {@code max}, plus the terminating zero when it is there. */
    int readOnes(int max, String field) {
        int ones = 0;
        while (ones <= max && readBit(field) == 1) {
            ones++;
        }
        return ones;
    }

    private RdpException truncated(String field) {
        return RdpException.malformed(pdu, field, "the bit stream ends inside the field (" + totalBits + " bits)");
    }
}
