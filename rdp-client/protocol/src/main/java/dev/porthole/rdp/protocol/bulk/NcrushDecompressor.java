package dev.porthole.rdp.protocol.bulk;

import static dev.porthole.rdp.protocol.bulk.NcrushTables.COPY_OFFSET_BASE;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.COPY_OFFSET_BITS;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.EOS;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.FIRST_CACHED_OFFSET;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.FIRST_COPY_OFFSET;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.LEC_BITS;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.LEC_DECODE;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.LOM_BASE;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.LOM_BITS;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.L_BITS;
import static dev.porthole.rdp.protocol.bulk.NcrushTables.L_DECODE;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;

/**
 * RDP 6.0 bulk decompression, "NCRUSH" (MS-RDPEGDI 3.1.8.1): a 65,536-byte history, an OffsetCache
 * of the four most recent copy-offsets, and a Huffman-coded stream of literals, copy-offsets (fresh
 * or from the cache), lengths of match and an end-of-stream code (3.1.8.1.4.4).
 *
 * <p>Flags (3.1.8.1.3): PACKET_FLUSHED empties the history and the cache; PACKET_AT_FRONT slides the
 * history back by half — the most recent 32,768 bytes move to the start and decoding continues at
 * offset 32,768; PACKET_COMPRESSED marks a compressed payload. Copies count back from the write
 * position through the circular history, byte by byte.
 */
final class NcrushDecompressor {

    static final String PDU = "NCRUSH";
    static final int HISTORY_SIZE = 65536;
    static final int HALF = HISTORY_SIZE / 2;

    private final byte[] history = new byte[HISTORY_SIZE];
    private final int[] offsetCache = new int[4];
    private int offset;

    int historyOffset() {
        return offset;
    }

    Span decompress(byte[] src, int srcOffset, int length, int flags, int maxOutput) {
        if ((flags & BulkDecompressor.PACKET_FLUSHED) != 0) {
            Arrays.fill(history, (byte) 0);
            Arrays.fill(offsetCache, 0);
            offset = 0;
        } else if ((flags & BulkDecompressor.PACKET_AT_FRONT) != 0) {
            if (offset < HALF) {
                throw RdpException.malformed(PDU, "flags", "PACKET_AT_FRONT with only " + offset
                        + " bytes of history (a slide needs " + HALF + ")");
            }
            System.arraycopy(history, offset - HALF, history, 0, HALF);
            Arrays.fill(history, HALF, HISTORY_SIZE, (byte) 0);
            offset = HALF;
        }
        if ((flags & BulkDecompressor.PACKET_COMPRESSED) == 0) {
            return new Span(src, srcOffset, length);
        }
        final int start = offset;
        final int limit = (int) Math.min(HISTORY_SIZE, (long) start + maxOutput);
        LsbBitReader in = new LsbBitReader(src, srcOffset, length, PDU);
        int pos = start;
        while (true) {
            int symbol = decode(in, LEC_DECODE, LEC_BITS, "LiteralOrEosOrCopyOffset");
            if (symbol < 256) {
                if (pos >= limit) {
                    throw overflow(pos, 1, limit, start);
                }
                history[pos++] = (byte) symbol;
                continue;
            }
            if (symbol == EOS) {
                break;
            }
            int copyOffset;
            if (symbol < FIRST_CACHED_OFFSET) {
                int index = symbol - FIRST_COPY_OFFSET;
                copyOffset = COPY_OFFSET_BASE[index] + in.read(COPY_OFFSET_BITS[index], "CopyOffset") - 1;
                offsetCache[3] = offsetCache[2];
                offsetCache[2] = offsetCache[1];
                offsetCache[1] = offsetCache[0];
                offsetCache[0] = copyOffset;
            } else {
                int index = symbol - FIRST_CACHED_OFFSET;
                copyOffset = offsetCache[index];
                offsetCache[index] = offsetCache[0];
                offsetCache[0] = copyOffset;
            }
            int lomCode = decode(in, L_DECODE, L_BITS, "LengthOfMatch");
            if (lomCode >= LOM_BASE.length) {
                throw RdpException.malformed(PDU, "LengthOfMatch", "code " + lomCode + " has no length (Table 6 ends at 29)");
            }
            int lengthOfMatch = LOM_BASE[lomCode] + in.read(LOM_BITS[lomCode], "LengthOfMatch");
            if (copyOffset == 0) {
                throw RdpException.malformed(PDU, "CopyOffset", "0 does not point into the history");
            }
            if (pos + lengthOfMatch > limit) {
                throw overflow(pos, lengthOfMatch, limit, start);
            }
            int from = (pos - copyOffset) & (HISTORY_SIZE - 1);
            for (int i = 0; i < lengthOfMatch; i++) {
                history[pos++] = history[from];
                from = (from + 1) & (HISTORY_SIZE - 1);
            }
        }
        offset = pos;
        return new Span(history, start, pos - start);
    }

    private static int decode(LsbBitReader in, int[] table, int bits, String field) {
        int entry = table[in.peek(bits)];
        if (entry < 0) {
            throw RdpException.malformed(PDU, field, "bits match no Huffman code");
        }
        in.skip(entry & 0xFF, field);
        return entry >>> 8;
    }

    private static RdpException overflow(int pos, int count, int limit, int start) {
        return limit == HISTORY_SIZE
                ? RdpException.malformed(PDU, "history", (pos + count) + " bytes overflow the " + HISTORY_SIZE + "-byte history")
                : RdpException.malformed(PDU, "output", (pos + count - start) + " bytes exceed the output cap of " + (limit - start));
    }
}
