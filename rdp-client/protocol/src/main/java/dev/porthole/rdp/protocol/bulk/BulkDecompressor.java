package dev.porthole.rdp.protocol.bulk;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The receiving side of RDP bulk compression for one connection (MS-RDPBCGR 3.1.8, MS-RDPEGDI 3.1.8):
 * keeps the history state of every compression type the server uses and decompresses each payload
 * according to its compression flags — the {@code compressionFlags} of a fast-path update
 * (MS-RDPBCGR 2.2.9.1.2.1), the {@code compressedType} of a share data header (2.2.8.1.1.1.2), or
 * bits 16..23 of a channel PDU header's flags (2.2.6.1.1). The low four bits name the
 * {@link CompressionType}; {@link #PACKET_COMPRESSED}, {@link #PACKET_AT_FRONT} and
 * {@link #PACKET_FLUSHED} drive the history (3.1.8.2.1, 3.1.8.3).
 *
 * <p>Bounded: each call produces at most {@code maxOutput} bytes (default {@value #DEFAULT_MAX_OUTPUT},
 * more than any conforming payload), so a crafted stream cannot expand without limit; histories are
 * allocated when a type is first used. Errors are {@link RdpException.Kind#MALFORMED} naming the
 * field; after one the history is out of step with the server's, and the connection should end.
 * Not thread-safe: one decode path owns it.
 */
public final class BulkDecompressor {

    /** The compression type occupies the low four bits of the flags (CompressionTypeMask). */
    public static final int COMPRESSION_TYPE_MASK = 0x0F;
    /** The payload is compressed (MS-RDPBCGR 3.1.8.2.1, MPPC bit C). */
    public static final int PACKET_COMPRESSED = 0x20;
    /** Decompress to the start of the history (MPPC bit B); RDP 6.0: slide the history back by half. */
    public static final int PACKET_AT_FRONT = 0x40;
    /** Reinitialize the history before anything else (MPPC bit A). */
    public static final int PACKET_FLUSHED = 0x80;

    /** The default per-payload output cap: one 64 KB history's worth. */
    public static final int DEFAULT_MAX_OUTPUT = 65536;

    private final CompressionType maxType;
    private final int maxOutput;
    private MppcDecompressor mppc8k;
    private MppcDecompressor mppc64k;
    private NcrushDecompressor ncrush;
    private XcrushDecompressor xcrush;

    /**
     * @param maxType the highest type the client advertised in its Client Info PDU (MS-RDPBCGR
     *                2.2.1.11.1.1); a payload of a higher type is malformed
     */
    public BulkDecompressor(CompressionType maxType) {
        this(maxType, DEFAULT_MAX_OUTPUT);
    }

    public BulkDecompressor(CompressionType maxType, int maxOutput) {
        if (maxType == null) {
            throw RdpException.argument("BulkDecompressor", "maxType", "is null");
        }
        if (maxOutput < 1) {
            throw RdpException.argument("BulkDecompressor", "maxOutput", maxOutput + " is not positive");
        }
        this.maxType = maxType;
        this.maxOutput = maxOutput;
    }

    /**
     * Decompresses the readable bytes of {@code in} (consuming them) and appends the result to
     * {@code out}. A payload without {@link #PACKET_COMPRESSED} is copied as it is, after its
     * flush/at-front flags have been applied to the history.
     *
     * @param flags the compression flags byte (type in bits 0..3, flags in bits 5..7)
     * @return the number of bytes written to {@code out}
     */
    public int decompress(ByteBuf in, int flags, ByteBuf out) {
        int length = in.readableBytes();
        if ((flags & (PACKET_COMPRESSED | PACKET_AT_FRONT | PACKET_FLUSHED)) == 0) {
            return copy(in, length, out);
        }
        CompressionType type = CompressionType.ofCode(flags & COMPRESSION_TYPE_MASK);
        if (type.compareTo(maxType) > 0) {
            throw RdpException.malformed("compressionFlags", "type", type + " was not advertised (client maximum " + maxType + ")");
        }
        if ((flags & PACKET_COMPRESSED) == 0) {
            decompress(type, new byte[0], 0, 0, flags); // apply the history flags only
            return copy(in, length, out);
        }
        byte[] src = ByteBufUtil.getBytes(in, in.readerIndex(), length, false); // the backing array when it is exactly the payload
        Span result = decompress(type, src, 0, length, flags);
        in.skipBytes(length);
        out.writeBytes(result.bytes(), result.offset(), result.length());
        return result.length();
    }

    private int copy(ByteBuf in, int length, ByteBuf out) {
        if (length > maxOutput) {
            throw RdpException.malformed("compressionFlags", "output", length + " uncompressed bytes exceed the output cap of " + maxOutput);
        }
        out.writeBytes(in, length);
        return length;
    }

    private Span decompress(CompressionType type, byte[] src, int offset, int length, int flags) {
        return switch (type) {
            case MPPC_8K -> {
                if (mppc8k == null) {
                    mppc8k = new MppcDecompressor(false);
                }
                yield mppc8k.decompress(src, offset, length, flags, maxOutput);
            }
            case MPPC_64K -> {
                if (mppc64k == null) {
                    mppc64k = new MppcDecompressor(true);
                }
                yield mppc64k.decompress(src, offset, length, flags, maxOutput);
            }
            case NCRUSH -> {
                if (ncrush == null) {
                    ncrush = new NcrushDecompressor();
                }
                yield ncrush.decompress(src, offset, length, flags, maxOutput);
            }
            case XCRUSH -> {
                if (xcrush == null) {
                    xcrush = new XcrushDecompressor();
                }
                yield xcrush.decompress(src, offset, length, flags, maxOutput);
            }
        };
    }
}
