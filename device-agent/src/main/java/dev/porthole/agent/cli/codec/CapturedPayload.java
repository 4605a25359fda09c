package dev.porthole.agent.cli.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.bulk.BulkDecompressor;
import dev.porthole.rdp.protocol.bulk.CompressionType;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedDecoder;
import dev.porthole.rdp.protocol.codec.planar.PlanarDecoder;
import dev.porthole.rdp.protocol.codec.planar.PlanarHeader;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * What {@code porthole codec decode} is asked to decode: the codec and, for bitmaps, the size, color
 * depth, TS_BITMAP_DATA flags and orientation; for bulk payloads, the compression flags. The
 * constructor checks the combination ({@link IllegalArgumentException} with a message for the user);
 * decoding runs the session's own decoders, whose {@link RdpException} names the bad field.
 *
 * @param flags bitmap codecs: TS_BITMAP_DATA flags (MS-RDPBCGR 2.2.9.1.1.3.1.2.2), null for
 *              {@link #DEFAULT_BITMAP_FLAGS}; bulk codecs: the compression flags byte, null for
 *              PACKET_COMPRESSED with the codec's type (MPPC 64K for mppc)
 */
public record CapturedPayload(Codec codec, int width, int height, Integer bpp, Integer flags, boolean topDown) {

    /** TS_BITMAP_DATA flags: BITMAP_COMPRESSION. */
    public static final int BITMAP_COMPRESSION = 0x0001;
    /** TS_BITMAP_DATA flags: NO_BITMAP_COMPRESSION_HDR (no TS_CD_HEADER before the stream). */
    public static final int NO_BITMAP_COMPRESSION_HDR = 0x0400;
    public static final int DEFAULT_BITMAP_FLAGS = BITMAP_COMPRESSION | NO_BITMAP_COMPRESSION_HDR;
    /** MS-RDPBCGR 2.2.9.1.1.3.1.2.3 TS_CD_HEADER: four 16-bit fields. */
    static final int CD_HEADER_SIZE = 8;

    /** The codecs the command knows, by their command-line names. */
    public enum Codec {
        INTERLEAVED(true), PLANAR(true), MPPC(false), NCRUSH(false), XCRUSH(false);

        private final boolean bitmap;

        Codec(boolean bitmap) {
            this.bitmap = bitmap;
        }

        public boolean bitmap() {
            return bitmap;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Codec> parse(String name) {
            return Arrays.stream(values()).filter(c -> c.label().equals(name)).findFirst();
        }
    }

    public CapturedPayload {
        if (codec.bitmap()) {
            if (width < 1 || height < 1 || (long) width * height > InterleavedDecoder.MAX_PIXELS) {
                throw new IllegalArgumentException("--width " + width + " --height " + height + ": the bitmap must have 1 to "
                        + InterleavedDecoder.MAX_PIXELS + " pixels");
            }
            int f = flags == null ? DEFAULT_BITMAP_FLAGS : flags;
            if ((f & BITMAP_COMPRESSION) == 0) {
                throw new IllegalArgumentException(String.format("--flags 0x%04x lacks BITMAP_COMPRESSION (0x0001): "
                        + "uncompressed bitmap data is not a codec payload", f));
            }
        }
        switch (codec) {
            case INTERLEAVED -> {
                if (bpp == null) {
                    throw new IllegalArgumentException("--codec interleaved needs --bpp 15, 16 or 24");
                }
                switch (bpp) {
                    case 15, 16, 24 -> { }
                    case 8 -> throw new IllegalArgumentException("--bpp 8: 8 bpp bitmaps index the session palette, "
                            + "which a captured payload does not carry; use 15, 16 or 24");
                    case 32 -> throw new IllegalArgumentException("--bpp 32: 32 bpp bitmaps are RDP 6.0 planar, use --codec planar");
                    default -> throw new IllegalArgumentException("--bpp " + bpp + " is not 15, 16 or 24");
                }
                if (topDown) {
                    throw new IllegalArgumentException("--top-down is for planar; interleaved bitmaps are always bottom-up");
                }
            }
            case PLANAR -> {
                if (bpp != null && bpp != 32) {
                    throw new IllegalArgumentException("--bpp " + bpp + ": planar bitmaps are 32 bpp (leave --bpp out)");
                }
            }
            default -> {
                if (flags != null) {
                    if (flags > 0xFF) {
                        throw new IllegalArgumentException(String.format("--flags 0x%x: the compression flags are one byte", flags));
                    }
                    int type = flags & BulkDecompressor.COMPRESSION_TYPE_MASK;
                    boolean fits = switch (codec) {
                        case MPPC -> type == 0 || type == 1;
                        case NCRUSH -> type == 2;
                        default -> type == 3;
                    };
                    if (!fits) {
                        throw new IllegalArgumentException(String.format("--flags 0x%02x has compression type %d, which is not %s "
                                + "(mppc: 0 for 8K or 1 for 64K, ncrush: 2, xcrush: 3)", flags, type, codec.label()));
                    }
                }
            }
        }
    }

    /** The effective flags. */
    public int effectiveFlags() {
        if (flags != null) {
            return flags;
        }
        return switch (codec) {
            case INTERLEAVED, PLANAR -> DEFAULT_BITMAP_FLAGS;
            case MPPC -> BulkDecompressor.PACKET_COMPRESSED | CompressionType.MPPC_64K.code();
            case NCRUSH -> BulkDecompressor.PACKET_COMPRESSED | CompressionType.NCRUSH.code();
            case XCRUSH -> BulkDecompressor.PACKET_COMPRESSED | CompressionType.XCRUSH.code();
        };
    }

    /** A short description for the summary line. */
    public String describe() {
        return switch (codec) {
            case INTERLEAVED -> String.format("%d bpp, flags 0x%04x", bpp, effectiveFlags());
            case PLANAR -> String.format("%s, flags 0x%04x", topDown ? "top-down" : "bottom-up", effectiveFlags());
            default -> String.format("%s, flags 0x%02x", CompressionType.ofCode(effectiveFlags() & BulkDecompressor.COMPRESSION_TYPE_MASK),
                    effectiveFlags());
        };
    }

    /** Decodes a bitmap payload into an upright image. */
    public DecodedImage decodeBitmap(byte[] payload) {
        ByteBuf src = Unpooled.wrappedBuffer(payload);
        try {
            if ((effectiveFlags() & NO_BITMAP_COMPRESSION_HDR) == 0) {
                skipCompressedDataHeader(src);
            }
            Surface surface = new Surface(width, height);
            Rect all = surface.bounds();
            boolean alpha = false;
            if (codec == Codec.INTERLEAVED) {
                new InterleavedDecoder().decode(src, width, height, ColorDepth.of(bpp), null, surface, all);
            } else {
                alpha = src.isReadable() && !PlanarHeader.decode(src.duplicate()).noAlpha();
                new PlanarDecoder().decode(src, width, height, !topDown, surface, all);
            }
            return new DecodedImage(width, height, surface.pixels().clone(), alpha);
        } finally {
            src.release();
        }
    }

    /** MS-RDPBCGR 2.2.9.1.1.3.1.2.3 TS_CD_HEADER, checked against the payload and skipped. */
    private void skipCompressedDataHeader(ByteBuf src) {
        String pdu = "TS_CD_HEADER";
        if (src.readableBytes() < CD_HEADER_SIZE) {
            throw RdpException.malformed(pdu, "header", "needs 8 bytes (the flags lack NO_BITMAP_COMPRESSION_HDR 0x0400), "
                    + src.readableBytes() + " present");
        }
        int firstRow = src.readUnsignedShortLE();
        int mainBody = src.readUnsignedShortLE();
        src.skipBytes(4); // cbScanWidth, cbUncompressedSize: informational
        if (firstRow != 0) {
            throw RdpException.malformed(pdu, "cbCompFirstRowSize", firstRow + " is not 0");
        }
        if (mainBody != src.readableBytes()) {
            throw RdpException.malformed(pdu, "cbCompMainBodySize", mainBody + " but " + src.readableBytes() + " bytes follow the header");
        }
    }

    /** Decompresses a bulk payload with a fresh history (a captured payload's history is not known). */
    public byte[] decompress(byte[] payload) {
        ByteBuf src = Unpooled.wrappedBuffer(payload);
        ByteBuf out = Unpooled.buffer();
        try {
            new BulkDecompressor(CompressionType.XCRUSH).decompress(src, effectiveFlags(), out);
            return ByteBufUtil.getBytes(out);
        } finally {
            src.release();
            out.release();
        }
    }
}
