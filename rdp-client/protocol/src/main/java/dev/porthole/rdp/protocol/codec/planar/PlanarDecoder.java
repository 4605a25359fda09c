package dev.porthole.rdp.protocol.codec.planar;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;

/**
 * Decoder of MS-RDPEGDI 2.2.2.5.1 RDP 6.0 Bitmap Compressed Bitmap Stream (RDP6_BITMAP_STREAM), the
 * "planar" codec of 32 bpp bitmap updates (MS-RDPEGDI 3.1.9) and of RDPGFX planar surface commands:
 * the {@link PlanarHeader FormatHeader}, then an optional alpha plane and three color planes — red,
 * green, blue (ARGB, CLL 0) or luma, orange chroma, green chroma (AYCoCg, CLL 1..7) — each raw or as
 * RDP6_RLE_SEGMENTS (2.2.2.5.1.1/2.2.2.5.1.2, delta-coded scan lines, 3.1.9.2.3), with chroma
 * super-sampling (3.1.9.1.3), color-loss recovery (3.1.9.1.4) and the AYCoCg→RGB transform (3.1.9.1.2).
 *
 * <p>Raw planes may be followed by one Pad byte (ignored); anything else after the planes is
 * {@link RdpException.Kind#MALFORMED}, as are truncated planes, zero control bytes and RLE segments
 * that overrun their scan line. Output is exactly {@code width × height} pixels (at most
 * {@link #MAX_PIXELS}). One instance reuses its scratch buffers; not thread-safe.
 *
 * <p>As MS-RDPEGDI 3.1.9.1.2 requires, an AYCoCg bitmap without alpha plane (a 24 bpp source) has its
 * red and blue swapped after the inverse transform, compensating the server's conversion.
 */
public final class PlanarDecoder {

    static final String PDU = "RDP6_BITMAP_STREAM";

    /** The largest bitmap accepted (2048×2048); RDP sends 64×64 tiles, RDPGFX planar at most a surface. */
    public static final int MAX_PIXELS = 1 << 22;

    private byte[] planes = new byte[0];
    private int[] argb = new int[0];

    /**
     * Decodes the readable content of {@code src} (the whole RDP6_BITMAP_STREAM) to {@code width × height}
     * {@code 0xAARRGGBB} pixels in stream order: row 0 is the first scan line of the planes (the bottom
     * row for bitmap updates, the top row for RDPGFX).
     */
    public int[] decompress(ByteBuf src, int width, int height) {
        checkSize(width, height);
        int[] out = new int[width * height];
        decompressInto(src, width, height, out);
        return out;
    }

    /**
     * Decodes {@code src} and writes the image into {@code dst} with its top-left pixel on
     * {@code destination}'s top-left, clipped to {@code destination} and to the surface.
     *
     * @param bottomUp true when the first scan line is the bottom row (bitmap updates, MS-RDPBCGR
     *                 2.2.9.1.1.3.1.2.2), false when it is the top row (RDPGFX, MS-RDPEGFX 2.2.2.2)
     * @return the surface rectangle written (also recorded as damage), possibly empty
     */
    public Rect decode(ByteBuf src, int width, int height, boolean bottomUp, Surface dst, Rect destination) {
        checkSize(width, height);
        int n = width * height;
        if (argb.length < n) {
            argb = new int[n];
        }
        decompressInto(src, width, height, argb);
        Rect visible = destination.intersect(new Rect(destination.x(), destination.y(), width, height)).intersect(dst.bounds());
        int[] pixels = dst.pixels();
        int stride = dst.width();
        for (int y = visible.y(); y < visible.bottom(); y++) {
            int imageRow = y - destination.y();
            int wireRow = bottomUp ? height - 1 - imageRow : imageRow;
            System.arraycopy(argb, wireRow * width + (visible.x() - destination.x()), pixels, y * stride + visible.x(), visible.width());
        }
        dst.addDamage(visible);
        return visible;
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw RdpException.argument(PDU, "size", width + "x" + height + " is empty or exceeds " + MAX_PIXELS + " pixels");
        }
    }

    private void decompressInto(ByteBuf src, int width, int height, int[] out) {
        PlanarHeader header = PlanarHeader.decode(src);
        int n = width * height;
        int chromaWidth = header.chromaSubsampling() ? (width + 1) / 2 : width;
        int chromaHeight = header.chromaSubsampling() ? (height + 1) / 2 : height;
        int chromaSize = chromaWidth * chromaHeight;
        // Plane layout in the scratch buffer: alpha, luma/red, orange chroma/green, green chroma/blue.
        int alphaAt = 0;
        int lumaAt = n;
        int coAt = 2 * n;
        int cgAt = coAt + chromaSize;
        if (planes.length < cgAt + chromaSize) {
            planes = new byte[cgAt + chromaSize];
        }
        boolean aycocg = header.aycocg();
        String[] names = aycocg
                ? new String[] {"AlphaPlane", "LumaPlane", "OrangeChromaPlane", "GreenChromaPlane"}
                : new String[] {"AlphaPlane", "RedPlane", "GreenPlane", "BluePlane"};
        if (!header.noAlpha()) {
            plane(src, header.rle(), alphaAt, width, height, names[0]);
        }
        plane(src, header.rle(), lumaAt, width, height, names[1]);
        plane(src, header.rle(), coAt, chromaWidth, chromaHeight, names[2]);
        plane(src, header.rle(), cgAt, chromaWidth, chromaHeight, names[3]);
        int trailing = src.readableBytes();
        if (!header.rle() && trailing == 1) {
            src.skipBytes(1); // Pad, present only for raw planes and ignored (MS-RDPEGDI 2.2.2.5.1)
        } else if (trailing > 0) {
            throw RdpException.malformed(PDU, header.rle() ? "segments" : "Pad",
                    trailing + " bytes after the color planes");
        }

        byte[] p = planes;
        boolean alpha = !header.noAlpha();
        if (!aycocg) {
            for (int i = 0; i < n; i++) {
                int a = alpha ? p[alphaAt + i] & 0xFF : 0xFF;
                out[i] = a << 24 | (p[lumaAt + i] & 0xFF) << 16 | (p[coAt + i] & 0xFF) << 8 | (p[cgAt + i] & 0xFF);
            }
            return;
        }
        // Color loss recovery and the halving of the inverse transform in one step: the planes hold
        // Co >> CLL and Cg >> CLL as 9-bit two's complement; (v << (CLL - 1)) as a signed byte is Co / 2.
        int shift = header.colorLossLevel() - 1;
        int ss = header.chromaSubsampling() ? 1 : 0;
        boolean swapRedBlue = header.noAlpha();
        for (int row = 0, i = 0; row < height; row++) {
            int chromaRow = (row >> ss) * chromaWidth;
            for (int col = 0; col < width; col++, i++) {
                int c = chromaRow + (col >> ss);
                int y = p[lumaAt + i] & 0xFF;
                int halfCo = (byte) (p[coAt + c] << shift);
                int halfCg = (byte) (p[cgAt + c] << shift);
                int t = y - halfCg;
                int r = Math.clamp(t + halfCo, 0, 255);
                int g = Math.clamp(y + halfCg, 0, 255);
                int b = Math.clamp(t - halfCo, 0, 255);
                if (swapRedBlue) {
                    int swap = r;
                    r = b;
                    b = swap;
                }
                int a = alpha ? p[alphaAt + i] & 0xFF : 0xFF;
                out[i] = a << 24 | r << 16 | g << 8 | b;
            }
        }
    }

    private void plane(ByteBuf src, boolean rle, int at, int width, int height, String name) {
        if (rle) {
            rlePlane(src, planes, at, width, height, name);
        } else {
            Wire.need(src, width * height, PDU, name);
            src.readBytes(planes, at, width * height);
        }
    }

    /**
     * MS-RDPEGDI 3.1.9.2.3: decodes one RLE plane of {@code width × height} bytes into {@code plane[at..]}.
     * Each scan line is a sequence of RDP6_RLE_SEGMENTs (2.2.2.5.1.2) that exactly fill it; lines after
     * the first carry deltas against the line before.
     */
    static void rlePlane(ByteBuf src, byte[] plane, int at, int width, int height, String name) {
        for (int row = 0; row < height; row++) {
            int line = at + row * width;
            int col = 0;
            int last = 0; // with no RAW bytes yet in this line, a RUN repeats zero (3.1.9.2)
            while (col < width) {
                Wire.need(src, 1, PDU, name + ".controlByte");
                int control = src.readUnsignedByte();
                if (control == 0) {
                    throw RdpException.malformed(PDU, name + ".controlByte", "zero in scan line " + row);
                }
                int nRunLength = control & 0x0F;
                int cRawBytes = control >>> 4;
                int raw;
                int run;
                if (nRunLength == 1) {
                    raw = 0;
                    run = 16 + cRawBytes;
                } else if (nRunLength == 2) {
                    raw = 0;
                    run = 32 + cRawBytes;
                } else {
                    raw = cRawBytes;
                    run = nRunLength;
                }
                if (col + raw + run > width) {
                    throw RdpException.malformed(PDU, name + ".controlByte", String.format(
                            "segment 0x%02x (%d raw, run %d) at column %d overruns scan line %d of width %d",
                            control, raw, run, col, row, width));
                }
                if (raw > 0) {
                    Wire.need(src, raw, PDU, name + ".rawValues");
                    src.readBytes(plane, line + col, raw);
                    col += raw;
                    last = plane[line + col - 1];
                }
                Arrays.fill(plane, line + col, line + col + run, (byte) last);
                col += run;
            }
            if (row > 0) {
                int above = line - width;
                for (int c = 0; c < width; c++) {
                    int v = plane[line + c] & 0xFF;
                    int delta = (v & 1) != 0 ? 255 - ((v - 1) >>> 1) : v >>> 1;
                    plane[line + c] = (byte) (plane[above + c] + delta);
                }
            }
        }
    }
}
