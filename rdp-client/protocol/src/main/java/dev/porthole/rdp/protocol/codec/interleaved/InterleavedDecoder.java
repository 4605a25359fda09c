package dev.porthole.rdp.protocol.codec.interleaved;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;

/**
 * Decoder of MS-RDPBCGR 2.2.9.1.1.3.1.2.4 RLE Compressed Bitmap Stream (RLE_BITMAP_STREAM), the
 * Interleaved RLE of bitmap updates and cache-bitmap orders at 8, 15, 16 and 24 bpp, following the
 * decompression pseudo-code of MS-RDPBCGR 3.1.9: regular, lite and MEGA_MEGA background, foreground,
 * set-foreground, dithered, color, foreground/background-image and color-image orders, and the special
 * FGBG_1/FGBG_2, WHITE and BLACK orders.
 *
 * <p>Bounded: the caller fixes the bitmap's size, so the output is exactly {@code width × height}
 * pixels (at most {@link #MAX_PIXELS}); an order that would write past it, a truncated order, or an
 * unknown order code is {@link RdpException.Kind#MALFORMED} naming the order. A stream that ends
 * early leaves the remaining pixels black, as the reference decoders do.
 *
 * <p>Rows arrive bottom-up (MS-RDPBCGR 2.2.9.1.1.3.1.2.2: bitmap data is "a bottom-up, left-to-right
 * series of pixels"); "the previous scanline" of the algorithm is the previous row on the wire.
 * {@link #decompress} returns wire pixels in wire order; {@link #decode} writes them upright into a
 * {@link Surface}. One instance reuses its scratch buffer; not thread-safe.
 */
public final class InterleavedDecoder {

    static final String PDU = "RLE_BITMAP_STREAM";

    /** The largest bitmap accepted (2048×2048); servers send tiles of 64×64 and cache bitmaps up to 255×255. */
    public static final int MAX_PIXELS = 1 << 22;

    // Order code identifiers, MS-RDPBCGR 2.2.9.1.1.3.1.2.4.
    static final int REGULAR_BG_RUN = 0x0;
    static final int REGULAR_FG_RUN = 0x1;
    static final int REGULAR_FGBG_IMAGE = 0x2;
    static final int REGULAR_COLOR_RUN = 0x3;
    static final int REGULAR_COLOR_IMAGE = 0x4;
    static final int LITE_SET_FG_FG_RUN = 0xC;
    static final int LITE_SET_FG_FGBG_IMAGE = 0xD;
    static final int LITE_DITHERED_RUN = 0xE;
    static final int MEGA_MEGA_BG_RUN = 0xF0;
    static final int MEGA_MEGA_FG_RUN = 0xF1;
    static final int MEGA_MEGA_FGBG_IMAGE = 0xF2;
    static final int MEGA_MEGA_COLOR_RUN = 0xF3;
    static final int MEGA_MEGA_COLOR_IMAGE = 0xF4;
    static final int MEGA_MEGA_SET_FG_RUN = 0xF6;
    static final int MEGA_MEGA_SET_FGBG_IMAGE = 0xF7;
    static final int MEGA_MEGA_DITHERED_RUN = 0xF8;
    static final int SPECIAL_FGBG_1 = 0xF9;
    static final int SPECIAL_FGBG_2 = 0xFA;
    static final int WHITE = 0xFD;
    static final int BLACK = 0xFE;

    /** The bitmasks of SPECIAL_FGBG_1 and SPECIAL_FGBG_2 (MS-RDPBCGR 3.1.9 g_MaskSpecialFgBg1/2). */
    static final int MASK_SPECIAL_FGBG_1 = 0x03;
    static final int MASK_SPECIAL_FGBG_2 = 0x05;

    private int[] scratch = new int[0];

    /**
     * Decompresses the whole readable content of {@code src} into {@code width × height} wire pixels in
     * wire order (row 0 is the bottom row of the image).
     */
    public int[] decompress(ByteBuf src, int width, int height, ColorDepth depth) {
        checkSize(width, height);
        int[] out = new int[width * height];
        decompressInto(src, width, height, depth, out);
        return out;
    }

    /**
     * Decompresses the readable content of {@code src} and writes the image into {@code dst}: the
     * bitmap's top-left pixel lands on {@code destination}'s top-left, and only pixels inside
     * {@code destination} (MS-RDPBCGR 2.2.9.1.1.3.1.2.2 destLeft..destBottom, which may be narrower
     * than the padded bitmap) and inside the surface are written.
     *
     * @param palette the session palette, required at 8 bpp, ignored otherwise
     * @return the surface rectangle written (also recorded as damage), possibly empty
     */
    public Rect decode(ByteBuf src, int width, int height, ColorDepth depth, Palette palette, Surface dst, Rect destination) {
        checkSize(width, height);
        if (depth == ColorDepth.BPP8 && palette == null) {
            throw RdpException.argument(PDU, "palette", "an 8 bpp bitmap needs the session palette");
        }
        int n = width * height;
        if (scratch.length < n) {
            scratch = new int[n];
        }
        decompressInto(src, width, height, depth, scratch);
        Rect visible = destination.intersect(new Rect(destination.x(), destination.y(), width, height)).intersect(dst.bounds());
        int[] pixels = dst.pixels();
        int stride = dst.width();
        for (int y = visible.y(); y < visible.bottom(); y++) {
            int wireRow = height - 1 - (y - destination.y());
            int from = wireRow * width + (visible.x() - destination.x());
            int to = y * stride + visible.x();
            for (int i = 0; i < visible.width(); i++) {
                pixels[to + i] = depth.toArgb(scratch[from + i], palette);
            }
        }
        dst.addDamage(visible);
        return visible;
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw RdpException.argument(PDU, "size", width + "x" + height + " is empty or exceeds " + MAX_PIXELS + " pixels");
        }
    }

    /** MS-RDPBCGR 3.1.9 RleDecompress into {@code out[0 .. width*height)}. */
    static void decompressInto(ByteBuf src, int width, int height, ColorDepth depth, int[] out) {
        final int total = width * height;
        final int white = depth.white();
        final int black = depth.black();
        final int pixelBytes = depth.bytesPerPixel();
        int pos = 0;
        int fgPel = white;
        boolean insertFgPel = false;
        boolean firstLine = true;

        while (src.isReadable()) {
            // Watch out for the end of the first scanline.
            if (firstLine && pos >= width) {
                firstLine = false;
                insertFgPel = false;
            }
            int header = src.readUnsignedByte();
            int code = codeOf(header);
            int run = runLength(code, header, src);

            switch (code) {
                case REGULAR_BG_RUN, MEGA_MEGA_BG_RUN -> {
                    need(pos, run, total, "background run");
                    int end = pos + run;
                    if (insertFgPel && run > 0) {
                        // Back-to-back background runs: a one-pixel foreground run comes first, counted in the run.
                        out[pos] = firstLine ? fgPel : out[pos - width] ^ fgPel;
                        pos++;
                    }
                    if (firstLine) {
                        Arrays.fill(out, pos, end, black);
                    } else {
                        if (end - pos <= width) {
                            System.arraycopy(out, pos - width, out, pos, end - pos);
                        } else {
                            // A run longer than a row reads pixels it has just written, one at a time.
                            for (int i = pos; i < end; i++) {
                                out[i] = out[i - width];
                            }
                        }
                    }
                    pos = end;
                    insertFgPel = true;
                    continue;
                }
                default -> insertFgPel = false;
            }

            switch (code) {
                case REGULAR_FG_RUN, MEGA_MEGA_FG_RUN, LITE_SET_FG_FG_RUN, MEGA_MEGA_SET_FG_RUN -> {
                    if (code == LITE_SET_FG_FG_RUN || code == MEGA_MEGA_SET_FG_RUN) {
                        Wire.need(src, pixelBytes, PDU, orderName(code) + ".foregroundColor");
                        fgPel = depth.readPixel(src);
                    }
                    need(pos, run, total, "foreground run");
                    for (int end = pos + run; pos < end; pos++) {
                        out[pos] = firstLine ? fgPel : out[pos - width] ^ fgPel;
                    }
                }
                case LITE_DITHERED_RUN, MEGA_MEGA_DITHERED_RUN -> {
                    Wire.need(src, 2 * pixelBytes, PDU, orderName(code) + ".colors");
                    int a = depth.readPixel(src);
                    int b = depth.readPixel(src);
                    need(pos, 2L * run, total, "dithered run");
                    for (int i = 0; i < run; i++) {
                        out[pos++] = a;
                        out[pos++] = b;
                    }
                }
                case REGULAR_COLOR_RUN, MEGA_MEGA_COLOR_RUN -> {
                    Wire.need(src, pixelBytes, PDU, orderName(code) + ".color");
                    int color = depth.readPixel(src);
                    need(pos, run, total, "color run");
                    Arrays.fill(out, pos, pos + run, color);
                    pos += run;
                }
                case REGULAR_FGBG_IMAGE, MEGA_MEGA_FGBG_IMAGE, LITE_SET_FG_FGBG_IMAGE, MEGA_MEGA_SET_FGBG_IMAGE -> {
                    if (code == LITE_SET_FG_FGBG_IMAGE || code == MEGA_MEGA_SET_FGBG_IMAGE) {
                        Wire.need(src, pixelBytes, PDU, orderName(code) + ".foregroundColor");
                        fgPel = depth.readPixel(src);
                    }
                    need(pos, run, total, "foreground/background image");
                    Wire.need(src, (run + 7) / 8, PDU, orderName(code) + ".bitmasks");
                    while (run > 0) {
                        int bits = Math.min(run, 8);
                        pos = fgBg(out, pos, width, src.readUnsignedByte(), bits, fgPel, firstLine, black);
                        run -= bits;
                    }
                }
                case REGULAR_COLOR_IMAGE, MEGA_MEGA_COLOR_IMAGE -> {
                    need(pos, run, total, "color image");
                    Wire.need(src, run * pixelBytes, PDU, orderName(code) + ".pixels");
                    for (int end = pos + run; pos < end; pos++) {
                        out[pos] = depth.readPixel(src);
                    }
                }
                case SPECIAL_FGBG_1, SPECIAL_FGBG_2 -> {
                    need(pos, 8, total, "special foreground/background image");
                    int mask = code == SPECIAL_FGBG_1 ? MASK_SPECIAL_FGBG_1 : MASK_SPECIAL_FGBG_2;
                    pos = fgBg(out, pos, width, mask, 8, fgPel, firstLine, black);
                }
                case WHITE, BLACK -> {
                    need(pos, 1, total, code == WHITE ? "white pixel" : "black pixel");
                    out[pos++] = code == WHITE ? white : black;
                }
                default -> throw new IllegalStateException("unreachable order code " + code);
            }
        }
        Arrays.fill(out, pos, total, black);
    }

    /** MS-RDPBCGR 3.1.9 WriteFgBgImage / WriteFirstLineFgBgImage: bit i (low bit first) picks foreground. */
    private static int fgBg(int[] out, int pos, int width, int bitmask, int bits, int fgPel, boolean firstLine, int black) {
        for (int i = 0; i < bits; i++, pos++) {
            boolean fg = (bitmask & (1 << i)) != 0;
            if (firstLine) {
                out[pos] = fg ? fgPel : black;
            } else {
                int above = out[pos - width];
                out[pos] = fg ? above ^ fgPel : above;
            }
        }
        return pos;
    }

    private static void need(int pos, long pixels, int total, String order) {
        if (pos + pixels > total) {
            throw RdpException.malformed(PDU, "runLength", order + " of " + pixels + " pixels at pixel " + pos
                    + " overruns the " + total + "-pixel bitmap");
        }
    }

    /** MS-RDPBCGR 3.1.9 ExtractCodeId: extended (8-bit), lite (4-bit) or regular (3-bit) code. */
    static int codeOf(int header) {
        if (header >= 0xF0) {
            return switch (header) {
                case MEGA_MEGA_BG_RUN, MEGA_MEGA_FG_RUN, MEGA_MEGA_FGBG_IMAGE, MEGA_MEGA_COLOR_RUN, MEGA_MEGA_COLOR_IMAGE,
                        MEGA_MEGA_SET_FG_RUN, MEGA_MEGA_SET_FGBG_IMAGE, MEGA_MEGA_DITHERED_RUN, SPECIAL_FGBG_1,
                        SPECIAL_FGBG_2, WHITE, BLACK -> header;
                default -> throw RdpException.malformed(PDU, "orderHeader", String.format("0x%02x is not a compression order", header));
            };
        }
        int lite = header >>> 4;
        if (lite >= LITE_SET_FG_FG_RUN) {
            return lite;
        }
        int regular = header >>> 5;
        if (regular > REGULAR_COLOR_IMAGE) {
            throw RdpException.malformed(PDU, "orderHeader", String.format("0x%02x is not a compression order", header));
        }
        return regular;
    }

    /** MS-RDPBCGR 3.1.9 ExtractRunLength, reading the MEGA or MEGA_MEGA length bytes when present. */
    private static int runLength(int code, int header, ByteBuf src) {
        switch (code) {
            case REGULAR_FGBG_IMAGE -> {
                int low = header & 0x1F;
                if (low != 0) {
                    return low * 8;
                }
                Wire.need(src, 1, PDU, orderName(code) + ".runLength");
                return src.readUnsignedByte() + 1;
            }
            case LITE_SET_FG_FGBG_IMAGE -> {
                int low = header & 0x0F;
                if (low != 0) {
                    return low * 8;
                }
                Wire.need(src, 1, PDU, orderName(code) + ".runLength");
                return src.readUnsignedByte() + 1;
            }
            case REGULAR_BG_RUN, REGULAR_FG_RUN, REGULAR_COLOR_RUN, REGULAR_COLOR_IMAGE -> {
                int low = header & 0x1F;
                if (low != 0) {
                    return low;
                }
                Wire.need(src, 1, PDU, orderName(code) + ".runLength");
                return src.readUnsignedByte() + 32;
            }
            case LITE_SET_FG_FG_RUN, LITE_DITHERED_RUN -> {
                int low = header & 0x0F;
                if (low != 0) {
                    return low;
                }
                Wire.need(src, 1, PDU, orderName(code) + ".runLength");
                return src.readUnsignedByte() + 16;
            }
            case SPECIAL_FGBG_1, SPECIAL_FGBG_2, WHITE, BLACK -> {
                return 0;
            }
            default -> { // MEGA_MEGA
                Wire.need(src, 2, PDU, orderName(code) + ".runLength");
                return src.readUnsignedShortLE();
            }
        }
    }

    static String orderName(int code) {
        return switch (code) {
            case REGULAR_BG_RUN -> "REGULAR_BG_RUN";
            case REGULAR_FG_RUN -> "REGULAR_FG_RUN";
            case REGULAR_FGBG_IMAGE -> "REGULAR_FGBG_IMAGE";
            case REGULAR_COLOR_RUN -> "REGULAR_COLOR_RUN";
            case REGULAR_COLOR_IMAGE -> "REGULAR_COLOR_IMAGE";
            case LITE_SET_FG_FG_RUN -> "LITE_SET_FG_FG_RUN";
            case LITE_SET_FG_FGBG_IMAGE -> "LITE_SET_FG_FGBG_IMAGE";
            case LITE_DITHERED_RUN -> "LITE_DITHERED_RUN";
            case MEGA_MEGA_BG_RUN -> "MEGA_MEGA_BG_RUN";
            case MEGA_MEGA_FG_RUN -> "MEGA_MEGA_FG_RUN";
            case MEGA_MEGA_FGBG_IMAGE -> "MEGA_MEGA_FGBG_IMAGE";
            case MEGA_MEGA_COLOR_RUN -> "MEGA_MEGA_COLOR_RUN";
            case MEGA_MEGA_COLOR_IMAGE -> "MEGA_MEGA_COLOR_IMAGE";
            case MEGA_MEGA_SET_FG_RUN -> "MEGA_MEGA_SET_FG_RUN";
            case MEGA_MEGA_SET_FGBG_IMAGE -> "MEGA_MEGA_SET_FGBG_IMAGE";
            case MEGA_MEGA_DITHERED_RUN -> "MEGA_MEGA_DITHERED_RUN";
            case SPECIAL_FGBG_1 -> "SPECIAL_FGBG_1";
            case SPECIAL_FGBG_2 -> "SPECIAL_FGBG_2";
            case WHITE -> "WHITE";
            case BLACK -> "BLACK";
            default -> String.format("0x%02x", code);
        };
    }
}
