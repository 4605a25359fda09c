package dev.porthole.rdp.protocol.bulk;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;

/**
 * MPPC-based bulk decompression (MS-RDPBCGR 3.1.8): RDP 4.0 with an 8,192-byte history
 * (3.1.8.4.1) or RDP 5.0 with a 65,536-byte history (3.1.8.4.2). Literals and copy-tuples are
 * decoded from an MSB-first bit stream; copy-tuples expand with a replicating copy that counts back
 * from the write position through a circular history, so data kept at the end of the buffer stays
 * reachable after PACKET_AT_FRONT. The flags are processed as MS-RDPBCGR 3.1.8.3 orders them:
 * PACKET_FLUSHED, then PACKET_AT_FRONT, then PACKET_COMPRESSED.
 */
final class MppcDecompressor {

    private final boolean rdp5;
    private final String pdu;
    private final byte[] history;
    private final int mask;
    private int offset;

    MppcDecompressor(boolean rdp5) {
        this.rdp5 = rdp5;
        this.pdu = rdp5 ? "MPPC-64K" : "MPPC-8K";
        this.history = new byte[rdp5 ? 65536 : 8192];
        this.mask = history.length - 1;
    }

    int historyOffset() {
        return offset;
    }

    Span decompress(byte[] src, int srcOffset, int length, int flags, int maxOutput) {
        if ((flags & BulkDecompressor.PACKET_FLUSHED) != 0) {
            Arrays.fill(history, (byte) 0);
            offset = 0;
        }
        if ((flags & BulkDecompressor.PACKET_AT_FRONT) != 0) {
            offset = 0;
        }
        if ((flags & BulkDecompressor.PACKET_COMPRESSED) == 0) {
            return new Span(src, srcOffset, length);
        }
        final int start = offset;
        final int limit = (int) Math.min(history.length, (long) start + maxOutput);
        MsbBitReader in = new MsbBitReader(src, srcOffset, length, pdu);
        int pos = start;
        // Fewer than 8 bits left is the zero padding of the last byte: no token is shorter than 8 bits.
        while (in.remaining() >= 8) {
            if (in.readBit("literal") == 0) {
                put(pos++, limit, in.readBits(7, "literal"));
                continue;
            }
            if (in.readBit("literal") == 0) {
                put(pos++, limit, 0x80 | in.readBits(7, "literal"));
                continue;
            }
            int copyOffset = rdp5 ? copyOffset64k(in) : copyOffset8k(in);
            int lengthOfMatch = lengthOfMatch(in);
            if (copyOffset == 0) {
                throw RdpException.malformed(pdu, "copyOffset", "0 does not point into the history");
            }
            if (pos + lengthOfMatch > limit) {
                throw overflow(pos, lengthOfMatch, limit, start);
            }
            // Replicating copy (MS-RDPBCGR 3.1.8.2): byte by byte, so a match may overlap its own output.
            int from = (pos - copyOffset) & mask;
            for (int i = 0; i < lengthOfMatch; i++) {
                history[pos++] = history[from];
                from = (from + 1) & mask;
            }
        }
        offset = pos;
        return new Span(history, start, pos - start);
    }

    private void put(int pos, int limit, int literal) {
        if (pos >= limit) {
            throw overflow(pos, 1, limit, offset);
        }
        history[pos] = (byte) literal;
    }

    private RdpException overflow(int pos, int count, int limit, int start) {
        return limit == history.length
                ? RdpException.malformed(pdu, "history", (pos + count) + " bytes overflow the " + history.length + "-byte history")
                : RdpException.malformed(pdu, "output", (pos + count - start) + " bytes exceed the output cap of " + (limit - start));
    }

    /** MS-RDPBCGR 3.1.8.4.1.2.1; the two leading 1 bits are already consumed. */
    private static int copyOffset8k(MsbBitReader in) {
        if (in.readBit("copyOffset") == 0) {
            return in.readBits(13, "copyOffset") + 320; // 110
        }
        if (in.readBit("copyOffset") == 0) {
            return in.readBits(8, "copyOffset") + 64; // 1110
        }
        return in.readBits(6, "copyOffset"); // 1111
    }

    /** MS-RDPBCGR 3.1.8.4.2.2.1; the two leading 1 bits are already consumed. */
    private static int copyOffset64k(MsbBitReader in) {
        if (in.readBit("copyOffset") == 0) {
            return in.readBits(16, "copyOffset") + 2368; // 110
        }
        if (in.readBit("copyOffset") == 0) {
            return in.readBits(11, "copyOffset") + 320; // 1110
        }
        if (in.readBit("copyOffset") == 0) {
            return in.readBits(8, "copyOffset") + 64; // 11110
        }
        return in.readBits(6, "copyOffset"); // 11111
    }

    /**
     * MS-RDPBCGR 3.1.8.4.1.2.2 / 3.1.8.4.2.2.2: a single 0 is 3; otherwise k ones, a zero and k+1
     * bits give 2^(k+1) plus those bits. RDP 4.0 stops at 12 extra bits, RDP 5.0 at 15.
     */
    private int lengthOfMatch(MsbBitReader in) {
        int maxOnes = rdp5 ? 14 : 11;
        int ones = in.readOnes(maxOnes, "lengthOfMatch");
        if (ones > maxOnes) {
            throw RdpException.malformed(pdu, "lengthOfMatch", "prefix of more than " + maxOnes + " one bits");
        }
        if (ones == 0) {
            return 3;
        }
        return (1 << (ones + 1)) + in.readBits(ones + 1, "lengthOfMatch");
    }
}
