package dev.porthole.rdp.protocol.codec.interleaved;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test-only Interleaved RLE encoder (MS-RDPBCGR 2.2.9.1.1.3.1.2.4), written from the order
 * descriptions so that decode(encode(image)) == image checks the decoder against an independent
 * reading of the spec. It picks, at random among the valid ones, the order form (regular, lite, MEGA,
 * MEGA_MEGA, set-foreground and special variants), so round trips reach every order code. Pixels are
 * wire values in wire order (row 0 first, as the decoder's "previous scanline" sees them).
 *
 * <p>Public, with {@link #encode}, for the benchmarks module, which uses this module's test-jar to
 * make its inputs.
 */
public final class InterleavedTestEncoder {

    private final int[] px;
    private final int width;
    private final int total;
    private final ColorDepth depth;
    private final Random random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int fg;
    private boolean lastWasBackground;
    private boolean firstLine = true;

    private InterleavedTestEncoder(int[] px, int width, ColorDepth depth, Random random) {
        this.px = px;
        this.width = width;
        this.total = px.length;
        this.depth = depth;
        this.random = random;
        this.fg = depth.white();
    }

    public static byte[] encode(int[] pixels, int width, ColorDepth depth, long seed) {
        InterleavedTestEncoder e = new InterleavedTestEncoder(pixels, width, depth, new Random(seed));
        e.run();
        return e.out.toByteArray();
    }

    private int background(int i, boolean first) {
        return first ? 0 : px[i - width];
    }

    private int foreground(int i, boolean first, int color) {
        return first ? color : px[i - width] ^ color;
    }

    private void run() {
        int pos = 0;
        while (pos < total) {
            if (firstLine && pos >= width) { // the decoder leaves the first line at the start of an order
                firstLine = false;
                lastWasBackground = false;
            }
            boolean first = firstLine;
            int end = first ? width : total; // orders started on the first line stay on it
            pos = emitOrder(pos, first, end);
        }
    }

    private int count(int pos, int end, java.util.function.IntPredicate matches) {
        int i = pos;
        while (i < end && matches.test(i)) {
            i++;
        }
        return i - pos;
    }

    private int emitOrder(int pos, boolean first, int end) {
        int bg = count(pos, end, i -> px[i] == background(i, first));
        if (bg > 0 && !lastWasBackground) {
            int len = limit(bg);
            runOrder(InterleavedDecoder.REGULAR_BG_RUN, InterleavedDecoder.MEGA_MEGA_BG_RUN, len);
            lastWasBackground = true;
            return pos + len;
        }
        if (lastWasBackground && px[pos] == foreground(pos, first, fg) && random.nextBoolean()) {
            // A background run right after one starts with an implicit foreground pel.
            int len = limit(1 + count(pos + 1, end, i -> px[i] == background(i, first)));
            runOrder(InterleavedDecoder.REGULAR_BG_RUN, InterleavedDecoder.MEGA_MEGA_BG_RUN, len);
            return pos + len;
        }
        lastWasBackground = false;

        int fgRun = count(pos, end, i -> px[i] == foreground(i, first, fg));
        if (fgRun >= 2) {
            int len = limit(fgRun);
            runOrder(InterleavedDecoder.REGULAR_FG_RUN, InterleavedDecoder.MEGA_MEGA_FG_RUN, len);
            return pos + len;
        }
        int newFg = first ? px[pos] : px[pos] ^ px[pos - width];
        int setRun = count(pos, end, i -> px[i] == foreground(i, first, newFg));
        if (setRun >= 2 && random.nextInt(3) > 0) {
            int len = limit(setRun);
            liteOrder(InterleavedDecoder.LITE_SET_FG_FG_RUN, InterleavedDecoder.MEGA_MEGA_SET_FG_RUN, len);
            pixel(newFg);
            fg = newFg;
            return pos + len;
        }
        int color = px[pos];
        int colorRun = count(pos, end, i -> px[i] == color);
        if (colorRun >= 3) {
            int len = limit(colorRun);
            runOrder(InterleavedDecoder.REGULAR_COLOR_RUN, InterleavedDecoder.MEGA_MEGA_COLOR_RUN, len);
            pixel(color);
            return pos + len;
        }
        if (pos + 3 < end) {
            int a = px[pos];
            int b = px[pos + 1];
            int pairs = 0;
            while (pos + 2 * pairs + 1 < end && px[pos + 2 * pairs] == a && px[pos + 2 * pairs + 1] == b) {
                pairs++;
            }
            if (pairs >= 2) {
                int n = Math.min(pairs, 1 + random.nextInt(300));
                liteOrder(InterleavedDecoder.LITE_DITHERED_RUN, InterleavedDecoder.MEGA_MEGA_DITHERED_RUN, n);
                pixel(a);
                pixel(b);
                return pos + 2 * n;
            }
        }
        int fgbg = count(pos, end, i -> px[i] == background(i, first) || px[i] == foreground(i, first, fg));
        if (fgbg >= 8) {
            int len = limit(fgbg);
            int[] masks = masks(pos, len, first, fg);
            if (len == 8 && masks[0] == InterleavedDecoder.MASK_SPECIAL_FGBG_1 && random.nextBoolean()) {
                out.write(InterleavedDecoder.SPECIAL_FGBG_1);
            } else if (len == 8 && masks[0] == InterleavedDecoder.MASK_SPECIAL_FGBG_2 && random.nextBoolean()) {
                out.write(InterleavedDecoder.SPECIAL_FGBG_2);
            } else {
                fgBgOrder(len, false);
                for (int m : masks) {
                    out.write(m);
                }
            }
            return pos + len;
        }
        for (int i = pos; i < Math.min(end, pos + 8); i++) {
            if (px[i] != background(i, first)) {
                int candidate = first ? px[i] : px[i] ^ px[i - width];
                int n = count(pos, end, j -> px[j] == background(j, first) || px[j] == foreground(j, first, candidate));
                if (n >= 8) {
                    int len = limit(n);
                    fgBgOrder(len, true);
                    pixel(candidate);
                    fg = candidate;
                    for (int m : masks(pos, len, first, candidate)) {
                        out.write(m);
                    }
                    return pos + len;
                }
                break;
            }
        }
        if (px[pos] == depth.white() && random.nextBoolean()) {
            out.write(InterleavedDecoder.WHITE);
            return pos + 1;
        }
        if (px[pos] == depth.black() && random.nextBoolean()) {
            out.write(InterleavedDecoder.BLACK);
            return pos + 1;
        }
        int len = 1;
        int cap = 1 + random.nextInt(300);
        while (pos + len < end && len < cap && !(pos + len + 2 < end && px[pos + len] == px[pos + len + 1] && px[pos + len] == px[pos + len + 2])) {
            len++;
        }
        runOrder(InterleavedDecoder.REGULAR_COLOR_IMAGE, InterleavedDecoder.MEGA_MEGA_COLOR_IMAGE, len);
        for (int i = pos; i < pos + len; i++) {
            pixel(px[i]);
        }
        return pos + len;
    }

    /** Sometimes shortens a run, so that lengths of every form appear. */
    private int limit(int available) {
        return random.nextInt(4) == 0 ? 1 + random.nextInt(available) : Math.min(available, 65535);
    }

    private int[] masks(int pos, int len, boolean first, int color) {
        int[] masks = new int[(len + 7) / 8];
        for (int k = 0; k < len; k++) {
            int i = pos + k;
            boolean isFg = px[i] != background(i, first) || (px[i] == foreground(i, first, color) && random.nextBoolean());
            if (isFg) {
                masks[k / 8] |= 1 << (k % 8);
            }
        }
        return masks;
    }

    private void pixel(int value) {
        for (int b = 0; b < depth.bytesPerPixel(); b++) {
            out.write(value >>> (8 * b) & 0xFF);
        }
    }

    /** A regular-form order (3-bit code, 5-bit length), its MEGA form or MEGA_MEGA, whichever fit, at random. */
    private void runOrder(int code, int megaMega, int len) {
        List<Runnable> forms = new ArrayList<>();
        if (len >= 1 && len <= 31) {
            forms.add(() -> out.write(code << 5 | len));
        }
        if (len >= 32 && len <= 287) {
            forms.add(() -> {
                out.write(code << 5);
                out.write(len - 32);
            });
        }
        forms.add(() -> megaMega(megaMega, len));
        forms.get(random.nextInt(forms.size())).run();
    }

    /** A lite-form order (4-bit code, 4-bit length), its MEGA form or MEGA_MEGA. */
    private void liteOrder(int code, int megaMega, int len) {
        List<Runnable> forms = new ArrayList<>();
        if (len >= 1 && len <= 15) {
            forms.add(() -> out.write(code << 4 | len));
        }
        if (len >= 16 && len <= 271) {
            forms.add(() -> {
                out.write(code << 4);
                out.write(len - 16);
            });
        }
        forms.add(() -> megaMega(megaMega, len));
        forms.get(random.nextInt(forms.size())).run();
    }

    /** Foreground/background image: length in units of 8 in the header, or +1 in a MEGA byte, or MEGA_MEGA. */
    private void fgBgOrder(int len, boolean set) {
        List<Runnable> forms = new ArrayList<>();
        int maxUnits = set ? 15 : 31;
        int header = set ? InterleavedDecoder.LITE_SET_FG_FGBG_IMAGE << 4 : InterleavedDecoder.REGULAR_FGBG_IMAGE << 5;
        if (len % 8 == 0 && len / 8 <= maxUnits) {
            forms.add(() -> out.write(header | len / 8));
        }
        if (len <= 256) {
            forms.add(() -> {
                out.write(header);
                out.write(len - 1);
            });
        }
        forms.add(() -> megaMega(set ? InterleavedDecoder.MEGA_MEGA_SET_FGBG_IMAGE : InterleavedDecoder.MEGA_MEGA_FGBG_IMAGE, len));
        forms.get(random.nextInt(forms.size())).run();
    }

    private void megaMega(int code, int len) {
        out.write(code);
        out.write(len & 0xFF);
        out.write(len >>> 8);
    }
}
