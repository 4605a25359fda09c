package dev.porthole.rdp.protocol.codec.planar;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;

/**
 * A test-only RDP 6.0 bitmap encoder (MS-RDPEGDI 2.2.2.5.1): planes raw or run-length encoded as
 * 3.1.9.2 and 3.1.9.2.1 describe (delta-coded scan lines after the first, RAW/RUN segments,
 * extra-long runs with nRunLength 1 and 2). Written from the spec text, independent of the decoder.
 *
 * <p>Public, with its two encode methods, for the benchmarks module, which uses this module's test-jar
 * to make its inputs.
 */
public final class PlanarTestEncoder {

    private PlanarTestEncoder() {}

    /** ARGB planes (CLL 0) of {@code argb} pixels in stream order. */
    public static byte[] encodeArgb(int[] argb, int width, int height, boolean rle, boolean alpha, boolean pad) {
        int n = width * height;
        byte[][] planes = new byte[4][n];
        for (int i = 0; i < n; i++) {
            planes[0][i] = (byte) (argb[i] >>> 24);
            planes[1][i] = (byte) (argb[i] >>> 16);
            planes[2][i] = (byte) (argb[i] >>> 8);
            planes[3][i] = (byte) argb[i];
        }
        return encode(new PlanarHeader(0, false, rle, !alpha), planes, width, height, pad);
    }

    /**
     * The planes {@code alpha, luma/red, chroma/green, chroma/blue} under {@code header}; the alpha plane
     * is skipped when the header says NA, chroma planes are {@code ceil(w/2) × ceil(h/2)} under CS.
     */
    public static byte[] encode(PlanarHeader header, byte[][] planes, int width, int height, boolean pad) {
        int cw = header.chromaSubsampling() ? (width + 1) / 2 : width;
        int ch = header.chromaSubsampling() ? (height + 1) / 2 : height;
        return HexVectors.encode(out -> {
            header.encode(out);
            for (int p = header.noAlpha() ? 1 : 0; p < 4; p++) {
                int w = p >= 2 ? cw : width;
                int h = p >= 2 ? ch : height;
                out.writeBytes(header.rle() ? rlePlane(planes[p], w, h) : java.util.Arrays.copyOf(planes[p], w * h));
            }
            if (!header.rle() && pad) {
                out.writeByte(0);
            }
        });
    }

    /** MS-RDPEGDI 3.1.9.2 / 3.1.9.2.1: a plane as RDP6_RLE_SEGMENTS. */
    static byte[] rlePlane(byte[] plane, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] line = new int[width];
        for (int row = 0; row < height; row++) {
            for (int c = 0; c < width; c++) {
                int v = plane[row * width + c] & 0xFF;
                if (row == 0) {
                    line[c] = v;
                } else {
                    int delta = (byte) (v - plane[(row - 1) * width + c]);
                    // Non-negative deltas shift up one bit; negative ones become 2 * |delta| - 1.
                    line[c] = delta >= 0 ? delta << 1 : (-delta << 1) - 1;
                }
            }
            rleLine(line, out);
        }
        return out.toByteArray();
    }

    private static void rleLine(int[] values, ByteArrayOutputStream out) {
        List<Integer> raw = new ArrayList<>();
        int carry = 0; // the value a RUN without RAW bytes repeats: the last RAW value of the line, else 0
        int i = 0;
        while (i < values.length) {
            int v = values[i];
            int same = 1;
            while (i + same < values.length && values[i + same] == v) {
                same++;
            }
            if (raw.isEmpty() && v == carry && same >= 3) {
                run(same, out);
                i += same;
            } else if (same >= 4) {
                raw.add(v);
                segment(raw, same - 1, out);
                carry = v;
                raw.clear();
                i += same;
            } else {
                raw.add(v);
                i++;
            }
        }
        if (!raw.isEmpty()) {
            segment(raw, 0, out);
        }
    }

    /** RAW values (split in groups of 15), the last group carrying a RUN of {@code run} (0 or at least 3). */
    private static void segment(List<Integer> raw, int run, ByteArrayOutputStream out) {
        int at = 0;
        while (raw.size() - at > 15) {
            out.write(15 << 4);
            for (int k = 0; k < 15; k++) {
                out.write(raw.get(at++));
            }
        }
        int k = raw.size() - at;
        int first = run <= 15 ? run : (run - 15 < 3 ? run - 3 : 15);
        out.write(k << 4 | first);
        while (at < raw.size()) {
            out.write(raw.get(at++));
        }
        if (run > first) {
            run(run - first, out);
        }
    }

    /** A RUN of {@code n >= 3} without RAW bytes: plain (3..15), nRunLength 1 (16..31) or 2 (32..47). */
    private static void run(int n, ByteArrayOutputStream out) {
        while (n > 0) {
            int take;
            if (n <= 15) {
                out.write(n);
                take = n;
            } else if (n <= 31) {
                out.write((n - 16) << 4 | 1);
                take = n;
            } else {
                take = n <= 47 ? n : (n - 47 < 3 ? n - 3 : 47);
                out.write((take - 32) << 4 | 2);
            }
            n -= take;
        }
    }
}
