package dev.porthole.rdp.protocol.bulk;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;

/**
 * RDP 6.1 bulk decompression, "XCRUSH" (MS-RDPEGDI 3.1.8.2): an RDP61_COMPRESSED_DATA payload
 * (2.2.2.4.1) — Level1ComprFlags, Level2ComprFlags, then data that is first decompressed by the
 * chained level-2 RDP 5.0 MPPC decompressor when L1_INNER_COMPRESSION is set, and then by the level-1
 * decompressor: MatchCount RDP61_MATCH_DETAILS (2.2.2.4.1.1) copying from a 2,000,000-byte history,
 * with the Literals filling the gaps between the matches' output offsets (3.1.8.2.3.1).
 *
 * <p>L1_PACKET_AT_FRONT restarts the level-1 history at offset 0, as the compressor does when data no
 * longer fits (3.1.8.2.1). The flag tables of 3.1.8.2.2.2 and 3.1.8.2.3 also say "reinitialized (by
 * filling it with zeros)", but the compressor description only resets its offset, so the older bytes
 * are kept, as FreeRDP keeps them; the two readings differ only for a match that reaches past the
 * current offset. The outer PACKET_FLUSHED clears the level-1 history. Level-2 state follows
 * Level2ComprFlags. Matches may reference any byte of the history, including bytes of the same
 * packet already produced, and expand byte by byte.
 */
final class XcrushDecompressor {

    static final String PDU = "RDP61_COMPRESSED_DATA";
    static final int HISTORY_SIZE = 2_000_000;

    static final int L1_COMPRESSED = 0x01;
    static final int L1_NO_COMPRESSION = 0x02;
    static final int L1_PACKET_AT_FRONT = 0x04;
    static final int L1_INNER_COMPRESSION = 0x10;

    /** RDP61_MATCH_DETAILS: MatchLength (2), MatchOutputOffset (2), MatchHistoryOffset (4). */
    static final int MATCH_DETAILS_SIZE = 8;

    private final byte[] history = new byte[HISTORY_SIZE];
    private final MppcDecompressor level2 = new MppcDecompressor(true);
    private int offset;

    int historyOffset() {
        return offset;
    }

    MppcDecompressor level2() {
        return level2;
    }

    Span decompress(byte[] src, int srcOffset, int length, int flags, int maxOutput) {
        if ((flags & BulkDecompressor.PACKET_FLUSHED) != 0) {
            Arrays.fill(history, (byte) 0);
            offset = 0;
        }
        if ((flags & BulkDecompressor.PACKET_COMPRESSED) == 0) {
            return new Span(src, srcOffset, length);
        }
        if (length < 2) {
            throw RdpException.malformed(PDU, "Level1ComprFlags", "needs 2 flag bytes, " + length + " present");
        }
        int level1Flags = src[srcOffset] & 0xFF;
        int level2Flags = src[srcOffset + 1] & 0xFF;
        Span level1Input = (level1Flags & L1_INNER_COMPRESSION) != 0
                ? level2.decompress(src, srcOffset + 2, length - 2, level2Flags, maxOutput)
                : new Span(src, srcOffset + 2, length - 2);
        return decompressLevel1(level1Input.bytes(), level1Input.offset(), level1Input.length(), level1Flags, maxOutput);
    }

    /** The level-1 decompressor alone (MS-RDPEGDI 3.1.8.2.3), on data the level-2 stage has produced. */
    Span decompressLevel1(byte[] src, int srcOffset, int length, int level1Flags, int maxOutput) {
        if ((level1Flags & L1_PACKET_AT_FRONT) != 0) {
            offset = 0;
        }
        int literalsAt;
        int matchCount;
        if ((level1Flags & L1_NO_COMPRESSION) != 0) {
            literalsAt = srcOffset;
            matchCount = 0;
        } else if ((level1Flags & L1_COMPRESSED) != 0) {
            if (length < 2) {
                throw RdpException.malformed(PDU, "MatchCount", "needs 2 bytes, " + length + " present");
            }
            matchCount = u16le(src, srcOffset);
            literalsAt = srcOffset + 2 + matchCount * MATCH_DETAILS_SIZE;
            if (literalsAt > srcOffset + length) {
                throw RdpException.malformed(PDU, "MatchDetails", matchCount + " matches need " + matchCount * MATCH_DETAILS_SIZE
                        + " bytes, " + (length - 2) + " present");
            }
        } else {
            throw RdpException.malformed(PDU, "Level1ComprFlags", String.format(
                    "0x%02x has neither L1_COMPRESSED nor L1_NO_COMPRESSION", level1Flags));
        }
        final int srcEnd = srcOffset + length;
        final int start = offset;
        final int limit = (int) Math.min(HISTORY_SIZE, (long) start + maxOutput);
        int pos = start;
        int literals = literalsAt;
        int outputOffset = 0;
        for (int m = 0; m < matchCount; m++) {
            int details = srcOffset + 2 + m * MATCH_DETAILS_SIZE;
            int matchLength = u16le(src, details);
            int matchOutputOffset = u16le(src, details + 2);
            long matchHistoryOffset = u32le(src, details + 4);
            if (matchOutputOffset < outputOffset) {
                throw RdpException.malformed(PDU, "MatchDetails[" + m + "].MatchOutputOffset",
                        matchOutputOffset + " is before the output already produced (" + outputOffset + ")");
            }
            int gap = matchOutputOffset - outputOffset;
            if (gap > srcEnd - literals) {
                throw RdpException.malformed(PDU, "Literals", "match " + m + " needs " + gap + " literals before it, "
                        + (srcEnd - literals) + " left");
            }
            if (pos + gap + matchLength > limit) {
                throw overflow(pos, gap + matchLength, limit, start);
            }
            if (matchHistoryOffset + matchLength > HISTORY_SIZE) {
                throw RdpException.malformed(PDU, "MatchDetails[" + m + "].MatchHistoryOffset",
                        matchHistoryOffset + " + length " + matchLength + " is outside the " + HISTORY_SIZE + "-byte history");
            }
            System.arraycopy(src, literals, history, pos, gap);
            literals += gap;
            pos += gap;
            // Byte by byte: a match may reach into bytes it is producing.
            for (int i = 0, from = (int) matchHistoryOffset; i < matchLength; i++) {
                history[pos++] = history[from++];
            }
            outputOffset = matchOutputOffset + matchLength;
        }
        int rest = srcEnd - literals;
        if (pos + rest > limit) {
            throw overflow(pos, rest, limit, start);
        }
        System.arraycopy(src, literals, history, pos, rest);
        pos += rest;
        offset = pos;
        return new Span(history, start, pos - start);
    }

    private static RdpException overflow(int pos, int count, int limit, int start) {
        return limit == HISTORY_SIZE
                ? RdpException.malformed(PDU, "history", ((long) pos + count) + " bytes overflow the " + HISTORY_SIZE + "-byte level-1 history")
                : RdpException.malformed(PDU, "output", ((long) pos + count - start) + " bytes exceed the output cap of " + (limit - start));
    }

    /** A little-endian unsigned 16-bit field. */
    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** A little-endian unsigned 32-bit field. */
    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
