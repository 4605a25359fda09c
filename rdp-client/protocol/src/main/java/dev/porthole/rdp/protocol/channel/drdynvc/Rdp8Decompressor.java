package dev.porthole.rdp.protocol.channel.drdynvc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * RDP 8.0 bulk decompression (MS-RDPEGFX 3.1.9.1, the "ZGFX" LZ77 + static Huffman format): de-blocking
 * of RDP_SEGMENTED_DATA (2.2.5.1), RDP8_BULK_ENCODED_DATA headers (2.2.5.3), and the token bit stream,
 * with a history that persists across calls (one decompressor per channel and direction). Configured
 * for MS-RDPEDYC's "RDP8 lite" variant (2.2.3.3: 8,192-byte history and segments, type 0x06) or full
 * RDP 8.0 (2,500,000-byte history, 65,535-byte segments, type 0x04).
 *
 * <p>Bounded: output per segment and in all is capped, match distances may not reach before the start
 * of the history, and reserved tokens are errors ({@link RdpException.Kind#MALFORMED}).
 */
public final class Rdp8Decompressor {

    static final String PDU = "RDP8_BULK_ENCODED_DATA";
    public static final int DESCRIPTOR_SINGLE = 0xE0;
    public static final int DESCRIPTOR_MULTIPART = 0xE1;
    public static final int PACKET_COMPRESSED = 0x20;
    public static final int TYPE_RDP8 = 0x04;
    public static final int TYPE_RDP8_LITE = 0x06;

    /** Literal values of the short literal codes, indexed by (length, code). */
    private static final int[][] SHORT_LITERALS = new int[9][];

    static {
        SHORT_LITERALS[5] = new int[32];
        SHORT_LITERALS[6] = new int[64];
        SHORT_LITERALS[7] = new int[128];
        SHORT_LITERALS[8] = new int[256];
        for (int[] t : SHORT_LITERALS) {
            if (t != null) {
                java.util.Arrays.fill(t, -1);
            }
        }
        SHORT_LITERALS[5][0b11000] = 0x00;
        SHORT_LITERALS[5][0b11001] = 0x01;
        SHORT_LITERALS[6][0b110100] = 0x02;
        SHORT_LITERALS[6][0b110101] = 0x03;
        SHORT_LITERALS[6][0b110110] = 0xFF;
        int[] seven = {0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x80};
        for (int i = 0; i < seven.length; i++) {
            SHORT_LITERALS[7][0b1101110 + i] = seven[i];
        }
        SHORT_LITERALS[8][0b11111100] = 0x0C;
        SHORT_LITERALS[8][0b11111101] = 0x38;
        SHORT_LITERALS[8][0b11111110] = 0x39;
        SHORT_LITERALS[8][0b11111111] = 0x66;
    }

    /** Match tokens: {length, code, value bits, base distance}. */
    private static final int[][] MATCHES = {
            {5, 0b10001, 5, 0}, {5, 0b10010, 7, 32}, {5, 0b10011, 9, 160}, {5, 0b10100, 10, 672}, {5, 0b10101, 12, 1696},
            {6, 0b101100, 14, 5792}, {6, 0b101101, 15, 22176}, {7, 0b1011100, 18, 54944}, {7, 0b1011101, 20, 317088},
            {8, 0b10111100, 20, 1365664}, {8, 0b10111101, 21, 2414240}};

    private final byte[] history;
    private final int maxSegment;
    private final int type;
    private final long maxOutput;
    private int cursor;
    private long filled; // bytes ever written to the history (capped at its size)

    private Rdp8Decompressor(int historySize, int maxSegment, int type, long maxOutput) {
        this.history = new byte[historySize];
        this.maxSegment = maxSegment;
        this.type = type;
        this.maxOutput = maxOutput;
    }

    /** The MS-RDPEDYC 2.2.3.3 variant for compressed DVC data: 8 KiB history and segments, type 0x06. */
    public static Rdp8Decompressor lite(long maxOutput) {
        return new Rdp8Decompressor(8192, 8192, TYPE_RDP8_LITE, maxOutput);
    }

    /** Full RDP 8.0 (MS-RDPEGFX): 2,500,000-byte history, 65,535-byte segments, type 0x04. */
    public static Rdp8Decompressor rdp8(long maxOutput) {
        return new Rdp8Decompressor(2_500_000, 65_535, TYPE_RDP8, maxOutput);
    }

    /**
     * Decompresses one RDP_SEGMENTED_DATA structure (the whole readable content of {@code in}, which is
     * consumed). Also accepts a bare RDP8_BULK_ENCODED_DATA without the descriptor, as the MS-RDPEDYC
     * 4.3.4 example's last PDU is written. Returns a new buffer the caller releases.
     */
    public ByteBuf decompress(ByteBuf in) {
        Wire.need(in, 1, "RDP_SEGMENTED_DATA", "descriptor");
        int descriptor = in.getUnsignedByte(in.readerIndex());
        ByteBuf out = Unpooled.buffer(Math.min(in.readableBytes() * 4 + 16, 64 * 1024));
        try {
            if (descriptor == DESCRIPTOR_SINGLE) {
                in.skipBytes(1);
                segment(in.readSlice(in.readableBytes()), out);
            } else if (descriptor == DESCRIPTOR_MULTIPART) {
                in.skipBytes(1);
                Wire.need(in, 6, "RDP_SEGMENTED_DATA", "segmentCount");
                int count = in.readUnsignedShortLE();
                long size = in.readUnsignedIntLE();
                if (size > maxOutput) {
                    throw RdpException.malformed("RDP_SEGMENTED_DATA", "uncompressedSize", size + " exceeds the limit " + maxOutput);
                }
                for (int i = 0; i < count; i++) {
                    Wire.need(in, 4, "RDP_DATA_SEGMENT", "size");
                    long n = in.readUnsignedIntLE();
                    Wire.need(in, (int) Math.min(n, Integer.MAX_VALUE), "RDP_DATA_SEGMENT", "bulkData[" + i + "]");
                    segment(in.readSlice((int) n), out);
                }
                if (out.readableBytes() != size) {
                    throw RdpException.malformed("RDP_SEGMENTED_DATA", "uncompressedSize", size + " but the segments gave "
                            + out.readableBytes() + " bytes");
                }
                if (in.isReadable()) {
                    throw RdpException.malformed("RDP_SEGMENTED_DATA", "segmentArray", in.readableBytes() + " trailing bytes");
                }
            } else if ((descriptor & ~(PACKET_COMPRESSED | 0x0F)) == 0) {
                segment(in.readSlice(in.readableBytes()), out);
            } else {
                throw RdpException.malformed("RDP_SEGMENTED_DATA", "descriptor", "0x" + Integer.toHexString(descriptor)
                        + " is neither SINGLE (0xE0) nor MULTIPART (0xE1)");
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** One RDP8_BULK_ENCODED_DATA. */
    private void segment(ByteBuf bulk, ByteBuf out) {
        Wire.need(bulk, 1, PDU, "header");
        int header = bulk.readUnsignedByte();
        int t = header & 0x0F;
        if (t != type && !(type == TYPE_RDP8_LITE && t == TYPE_RDP8)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, PDU + ".header: compression type " + t + ", expected " + type);
        }
        int start = out.writerIndex();
        if ((header & PACKET_COMPRESSED) == 0) {
            int n = bulk.readableBytes();
            checkOutput(out, n, start);
            for (int i = 0; i < n; i++) {
                emit(out, bulk.readByte());
            }
            return;
        }
        Wire.need(bulk, 1, PDU, "data");
        int unused = bulk.getUnsignedByte(bulk.writerIndex() - 1);
        if (unused > 7) {
            throw RdpException.malformed(PDU, "trailer", "unused-bit count " + unused + " > 7");
        }
        long bits = (long) (bulk.readableBytes() - 1) * 8 - unused;
        if (bits < 0) {
            throw RdpException.malformed(PDU, "trailer", "more unused bits than bits");
        }
        BitReader r = new BitReader(bulk.slice(bulk.readerIndex(), bulk.readableBytes() - 1), bits);
        while (r.remaining() > 0) {
            if (r.read(1) == 0) { // 0 + 8 bits: literal
                byte b = (byte) r.read(8);
                checkOutput(out, 1, start);
                emit(out, b);
                continue;
            }
            int code = 1;
            int len = 1;
            int[] match = null;
            int literal = -1;
            while (len < 8 && match == null && literal < 0) {
                code = (code << 1) | r.read(1);
                len++;
                if (len >= 5) {
                    int[] table = SHORT_LITERALS[len];
                    if (table != null && table[code] >= 0) {
                        literal = table[code];
                    }
                    for (int[] m : MATCHES) {
                        if (m[0] == len && m[1] == code) {
                            match = m;
                        }
                    }
                }
            }
            if (literal >= 0) {
                checkOutput(out, 1, start);
                emit(out, (byte) literal);
            } else if (match != null) {
                int distance = match[3] + r.read(match[2]);
                if (distance == 0) {
                    int count = r.read(15);
                    r.alignToByte();
                    checkOutput(out, count, start);
                    for (int i = 0; i < count; i++) {
                        emit(out, (byte) r.read(8));
                    }
                    continue;
                }
                int k = 0;
                while (r.read(1) == 1) {
                    if (++k > 14) {
                        throw RdpException.malformed(PDU, "data", "match length prefix longer than 15 bits");
                    }
                }
                int length = k == 0 ? 3 : (1 << (k + 1)) + r.read(k + 1);
                if (distance > filled || distance > history.length) {
                    throw RdpException.malformed(PDU, "data", "match distance " + distance + " reaches before the "
                            + filled + " bytes of history");
                }
                checkOutput(out, length, start);
                for (int i = 0; i < length; i++) {
                    int from = cursor - distance;
                    if (from < 0) {
                        from += history.length;
                    }
                    emit(out, history[from]);
                }
            } else {
                throw RdpException.malformed(PDU, "data", "reserved token " + Integer.toBinaryString(code));
            }
        }
    }

    private void checkOutput(ByteBuf out, long more, int segmentStart) {
        if (out.writerIndex() - segmentStart + more > maxSegment) {
            throw RdpException.malformed(PDU, "data", "segment decompresses to more than " + maxSegment + " bytes");
        }
        if (out.readableBytes() + more > maxOutput) {
            throw RdpException.malformed(PDU, "data", "output exceeds the limit " + maxOutput);
        }
    }

    private void emit(ByteBuf out, byte b) {
        out.writeByte(b);
        history[cursor] = b;
        cursor = cursor + 1 == history.length ? 0 : cursor + 1;
        if (filled < history.length) {
            filled++;
        }
    }

    /** MSB-first bits of a buffer, limited to {@code total} bits. */
    private static final class BitReader {
        private final ByteBuf buf;
        private final long total;
        private long pos;

        BitReader(ByteBuf buf, long total) {
            this.buf = buf;
            this.total = total;
        }

        long remaining() {
            return total - pos;
        }

        int read(int n) {
            if (pos + n > total) {
                throw RdpException.malformed(PDU, "data", "bit stream ends inside a token (" + remaining() + " bits left, " + n + " needed)");
            }
            int v = 0;
            for (int i = 0; i < n; i++) {
                int b = buf.getUnsignedByte(buf.readerIndex() + (int) (pos >>> 3));
                v = (v << 1) | ((b >>> (7 - (int) (pos & 7))) & 1);
                pos++;
            }
            return v;
        }

        void alignToByte() {
            pos = (pos + 7) & ~7L;
            if (pos > total) {
                pos = total;
            }
        }
    }
}
