package dev.porthole.rdp.protocol.bulk;

import static dev.porthole.rdp.protocol.bulk.BulkDecompressor.PACKET_AT_FRONT;
import static dev.porthole.rdp.protocol.bulk.BulkDecompressor.PACKET_COMPRESSED;
import static dev.porthole.rdp.protocol.bulk.BulkDecompressor.PACKET_FLUSHED;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only bulk compressors, written from the spec's compressor descriptions: MPPC (MS-RDPBCGR
 * 3.1.8.1-3.1.8.4), NCRUSH (MS-RDPEGDI 3.1.8.1, with the spec's Huffman codebooks from
 * {@link SpecHuffmanCodes}) and XCRUSH (MS-RDPEGDI 3.1.8.2). They are greedy and simple; what matters
 * is that they produce valid streams covering every token kind and history flag, so that
 * decompress(compress(x)) == x checks the decompressors against an independent reading of the spec.
 *
 * <p>The compressors ({@link Mppc}, {@link Ncrush}, {@link Xcrush}) are public for the benchmarks
 * module, which uses this module's test-jar to make its inputs.
 */
public final class TestCompressors {

    private TestCompressors() {}

    /** One compressed payload and its compression flags. */
    public record Packet(int flags, byte[] payload) {}

    /** A literal byte or a copy-tuple. */
    sealed interface Token {
        record Literal(int value) implements Token {}

        record Copy(int offset, int length) implements Token {}
    }

    /** Finds greedy matches of at least {@code minLength} in {@code history[0..pos)} through a 3-byte hash chain. */
    static final class Matcher {
        private final Map<Integer, List<Integer>> chains = new HashMap<>();
        private final int maxOffset;
        private final int maxLength;
        private final int minLength;

        Matcher(int maxOffset, int maxLength, int minLength) {
            this.maxOffset = maxOffset;
            this.maxLength = maxLength;
            this.minLength = minLength;
        }

        void clear() {
            chains.clear();
        }

        void add(byte[] h, int pos) {
            if (pos + 2 < h.length) {
                chains.computeIfAbsent(key(h, pos), k -> new ArrayList<>()).add(pos);
            }
        }

        private static int key(byte[] h, int pos) {
            return (h[pos] & 0xFF) << 16 | (h[pos + 1] & 0xFF) << 8 | (h[pos + 2] & 0xFF);
        }

        /** {offset, length} of the longest match for history[pos..end), or null. */
        int[] find(byte[] h, int pos, int end) {
            if (pos + 2 >= end) {
                return null;
            }
            List<Integer> chain = chains.get(key(h, pos));
            if (chain == null) {
                return null;
            }
            int best = 0;
            int bestFrom = -1;
            for (int k = chain.size() - 1, tries = 0; k >= 0 && tries < 16; k--, tries++) {
                int from = chain.get(k);
                if (pos - from > maxOffset) {
                    break;
                }
                int len = 0;
                while (pos + len < end && len < maxLength && h[from + len] == h[pos + len]) {
                    len++;
                }
                if (len > best) {
                    best = len;
                    bestFrom = from;
                }
            }
            return best >= minLength ? new int[] {pos - bestFrom, best} : null;
        }
    }

    // ---------------------------------------------------------------- MPPC (MS-RDPBCGR 3.1.8.4)

    /** Encodes tokens with the RDP 4.0 (3.1.8.4.1) or RDP 5.0 (3.1.8.4.2) tables. */
    static byte[] mppcEncode(List<Token> tokens, boolean rdp5) {
        BitWriters.Msb w = new BitWriters.Msb();
        for (Token t : tokens) {
            switch (t) {
                case Token.Literal l when l.value() < 0x80 -> w.bits(l.value(), 8);
                case Token.Literal l -> w.prefixed("10", l.value() & 0x7F, 7);
                case Token.Copy c -> {
                    int o = c.offset();
                    if (rdp5) {
                        if (o < 64) {
                            w.prefixed("11111", o, 6);
                        } else if (o < 320) {
                            w.prefixed("11110", o - 64, 8);
                        } else if (o < 2368) {
                            w.prefixed("1110", o - 320, 11);
                        } else {
                            w.prefixed("110", o - 2368, 16);
                        }
                    } else if (o < 64) {
                        w.prefixed("1111", o, 6);
                    } else if (o < 320) {
                        w.prefixed("1110", o - 64, 8);
                    } else {
                        w.prefixed("110", o - 320, 13);
                    }
                    int l = c.length();
                    if (l == 3) {
                        w.bits(0, 1);
                    } else {
                        int k = 31 - Integer.numberOfLeadingZeros(l); // 2^k <= l < 2^(k+1)
                        w.prefixed("1".repeat(k - 1) + "0", l - (1 << k), k);
                    }
                }
            }
        }
        return w.finish();
    }

    /** An MPPC compressor keeping the shared history (3.1.8.1) and choosing the flags (3.1.8.2.1). */
    public static final class Mppc {
        private final boolean rdp5;
        private final byte[] history;
        private final Matcher matcher;
        private int offset;
        private boolean restart = true;

        public Mppc(boolean rdp5) {
            this.rdp5 = rdp5;
            this.history = new byte[rdp5 ? 65536 : 8192];
            this.matcher = new Matcher(history.length - 1, rdp5 ? 65535 : 8191, 3);
        }

        /** Compresses {@code data} (smaller than the history); expansion falls back to an uncompressed packet. */
        public Packet compress(byte[] data, boolean allowUncompressed) {
            int flags = rdp5 ? 1 : 0;
            if (restart) {
                Arrays.fill(history, (byte) 0);
                offset = 0;
                matcher.clear();
                flags |= PACKET_FLUSHED | PACKET_AT_FRONT;
                restart = false;
            } else if (offset + data.length > history.length) {
                offset = 0;
                matcher.clear();
                flags |= PACKET_AT_FRONT;
            }
            System.arraycopy(data, 0, history, offset, data.length);
            int end = offset + data.length;
            List<Token> tokens = new ArrayList<>();
            for (int pos = offset; pos < end;) {
                int[] m = matcher.find(history, pos, end);
                int step = m == null ? 1 : m[1];
                tokens.add(m == null ? new Token.Literal(history[pos] & 0xFF) : new Token.Copy(m[0], m[1]));
                for (int i = 0; i < step; i++) {
                    matcher.add(history, pos + i);
                }
                pos += step;
            }
            offset = end;
            byte[] encoded = mppcEncode(tokens, rdp5);
            if (allowUncompressed && encoded.length >= data.length) {
                restart = true; // 3.1.8.2: a flush, and the data goes uncompressed
                return new Packet(rdp5 ? 1 : 0, data.clone());
            }
            return new Packet(flags | PACKET_COMPRESSED, encoded);
        }
    }

    // ---------------------------------------------------------------- NCRUSH (MS-RDPEGDI 3.1.8.1)

    /** Writes LiteralOrEosOrCopyOffset code {@code index} with the spec's codebook. */
    static void lec(BitWriters.Lsb w, int index) {
        w.bits(SpecHuffmanCodes.HUFF_CODE_LEC[index], NcrushTables.HUFF_LENGTH_LEC[index]);
    }

    /** 3.1.8.1.4.3.2 Encoding the Length-of-Match. */
    static void lengthOfMatch(BitWriters.Lsb w, int lom) {
        int index = 0;
        if (lom > 769) {
            index = 28; // 14 extra bits over base 2
        } else {
            while (index + 1 < 28 && NcrushTables.LOM_BASE[index + 1] <= lom) {
                index++;
            }
        }
        w.bits(SpecHuffmanCodes.HUFF_CODE_L[index], NcrushTables.HUFF_LENGTH_L[index]);
        int bits = NcrushTables.LOM_BITS[index];
        w.bits((lom - 2) & ((1 << bits) - 1), bits);
    }

    /** 3.1.8.1.4.3.1 Encoding the Copy-Offset. */
    static void copyOffset(BitWriters.Lsb w, int offset) {
        int index = 0;
        while (index + 1 < 32 && NcrushTables.COPY_OFFSET_BASE[index + 1] <= offset + 1) {
            index++;
        }
        lec(w, index + 257);
        int bits = NcrushTables.COPY_OFFSET_BITS[index];
        w.bits(offset & ((1 << bits) - 1), bits);
    }

    /** An NCRUSH compressor: 64 KB history with slide-back, OffsetCache of four (3.1.8.1.1). */
    public static final class Ncrush {
        private final byte[] history = new byte[65536];
        private final int[] cache = new int[4];
        private final Matcher matcher = new Matcher(65535, 16385, 2);
        private int offset;
        private boolean restart = true;

        public Packet compress(byte[] data) {
            int flags = 2 | PACKET_COMPRESSED;
            if (restart) {
                Arrays.fill(history, (byte) 0);
                Arrays.fill(cache, 0);
                offset = 0;
                matcher.clear();
                flags |= PACKET_FLUSHED;
                restart = false;
            } else if (offset + data.length > history.length) {
                // Slide back by half: the most recent 32 KB move to the start.
                System.arraycopy(history, offset - 32768, history, 0, 32768);
                Arrays.fill(history, 32768, 65536, (byte) 0);
                offset = 32768;
                matcher.clear();
                for (int i = 0; i < 32768; i++) {
                    matcher.add(history, i);
                }
                flags |= PACKET_AT_FRONT;
            }
            System.arraycopy(data, 0, history, offset, data.length);
            int end = offset + data.length;
            BitWriters.Lsb w = new BitWriters.Lsb();
            for (int pos = offset; pos < end;) {
                int[] m = matcher.find(history, pos, end);
                if (m == null) {
                    lec(w, history[pos] & 0xFF);
                    matcher.add(history, pos);
                    pos++;
                    continue;
                }
                int cached = -1;
                for (int k = 0; k < 4; k++) {
                    if (cache[k] == m[0]) {
                        cached = k;
                        break;
                    }
                }
                if (cached >= 0) {
                    lec(w, 289 + cached);
                    cache[cached] = cache[0];
                    cache[0] = m[0];
                } else {
                    copyOffset(w, m[0]);
                    System.arraycopy(cache, 0, cache, 1, 3);
                    cache[0] = m[0];
                }
                lengthOfMatch(w, m[1]);
                for (int i = 0; i < m[1]; i++) {
                    matcher.add(history, pos + i);
                }
                pos += m[1];
            }
            lec(w, NcrushTables.EOS);
            offset = end;
            return new Packet(flags, w.finish());
        }
    }

    // ---------------------------------------------------------------- XCRUSH (MS-RDPEGDI 3.1.8.2)

    /** An XCRUSH level-1 compressor over a 2,000,000-byte history, chained to an RDP 5.0 MPPC level 2. */
    public static final class Xcrush {
        private final byte[] history = new byte[XcrushDecompressor.HISTORY_SIZE];
        private final Map<Long, Integer> lastSeen = new HashMap<>();
        private final Mppc level2 = new Mppc(true);
        private int offset;

        private static long key(byte[] h, int pos) {
            long k = 0;
            for (int i = 0; i < 6; i++) {
                k = k << 8 | (h[pos + i] & 0xFF);
            }
            return k;
        }

        /** {@code data} under 16,383 bytes; {@code chain} selects level-2 compression. */
        public Packet compress(byte[] data, boolean chain) {
            int level1 = 0;
            if (offset + data.length > history.length) {
                offset = 0; // 3.1.8.2.1: the history offset restarts at 0
                lastSeen.clear();
                level1 |= XcrushDecompressor.L1_PACKET_AT_FRONT;
            }
            System.arraycopy(data, 0, history, offset, data.length);
            int end = offset + data.length;
            ByteArrayOutputStream details = new ByteArrayOutputStream();
            ByteArrayOutputStream literals = new ByteArrayOutputStream();
            int matches = 0;
            for (int pos = offset; pos < end;) {
                Integer from = pos + 6 <= end ? lastSeen.get(key(history, pos)) : null;
                int len = 0;
                if (from != null) {
                    while (pos + len < end && len < 65535 && history[from + len] == history[pos + len]) {
                        len++;
                    }
                }
                if (len >= 6) {
                    int out = pos - offset;
                    details.writeBytes(new byte[] {(byte) len, (byte) (len >>> 8), (byte) out, (byte) (out >>> 8),
                            (byte) (int) from, (byte) (from >>> 8), (byte) (from >>> 16), (byte) (from >>> 24)});
                    matches++;
                } else {
                    literals.write(history[pos]);
                    len = 1;
                }
                for (int i = 0; i < len && pos + i + 6 <= end; i++) {
                    lastSeen.put(key(history, pos + i), pos + i);
                }
                pos += len;
            }
            offset = end;
            ByteArrayOutputStream l1 = new ByteArrayOutputStream();
            if (matches == 0) {
                level1 |= XcrushDecompressor.L1_NO_COMPRESSION;
                l1.writeBytes(data);
            } else {
                level1 |= XcrushDecompressor.L1_COMPRESSED;
                l1.write(matches);
                l1.write(matches >>> 8);
                l1.writeBytes(details.toByteArray());
                l1.writeBytes(literals.toByteArray());
            }
            int level2Flags = 0;
            byte[] body = l1.toByteArray();
            if (chain) {
                level1 |= XcrushDecompressor.L1_INNER_COMPRESSION;
                Packet p = level2.compress(body, true);
                level2Flags = p.flags();
                body = p.payload();
            }
            byte[] payload = new byte[2 + body.length];
            payload[0] = (byte) level1;
            payload[1] = (byte) level2Flags;
            System.arraycopy(body, 0, payload, 2, body.length);
            return new Packet(3 | PACKET_COMPRESSED, payload);
        }
    }
}
