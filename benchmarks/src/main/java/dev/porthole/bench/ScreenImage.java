package dev.porthole.bench;

import java.util.Random;

/**
 * A deterministic, screenshot-like desktop image (0xFFRRGGBB, top row first) for the codec
 * benchmarks: a gradient wallpaper, desktop icons with labels, a text window (black anti-aliased
 * text on white, a few blue links), a photo viewer (smooth value noise: many distinct colors), a
 * terminal (colored monospace text on black), drop shadows, and a taskbar with icons and a clock.
 * Glyphs come from a seeded generator, not a font, so the image is the same on every machine.
 */
public final class ScreenImage {

    private final int width;
    private final int height;
    private final int[] px;
    private final Random random;

    private ScreenImage(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.px = new int[width * height];
        this.random = new Random(seed);
    }

    /** Renders the desktop at {@code width × height} (at least 320 × 200); the layout scales with the size. */
    public static int[] render(int width, int height, long seed) {
        if (width < 320 || height < 200) {
            throw new IllegalArgumentException("screen " + width + "x" + height + " is smaller than 320x200");
        }
        ScreenImage s = new ScreenImage(width, height, seed);
        s.paint();
        return s.px;
    }

    private int sx(double f) {
        return (int) Math.round(f * width);
    }

    private int sy(double f) {
        return (int) Math.round(f * height);
    }

    private void paint() {
        wallpaper();
        for (int i = 0; i < 6 && 20 + i * 90 + 80 < height - 40; i++) {
            desktopIcon(16, 20 + i * 90, i);
        }
        window(sx(0.05), sy(0.06), sx(0.52), sy(0.64), "text");
        window(sx(0.52), sy(0.18), sx(0.42), sy(0.48), "photo");
        window(sx(0.16), sy(0.62), sx(0.40), sy(0.31), "terminal");
        taskbar();
    }

    private void wallpaper() {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double fx = (double) x / width;
                double fy = (double) y / height;
                int r = (int) (18 + 50 * fx + 20 * fy);
                int g = (int) (52 + 70 * fy + 10 * Math.sin(6 * fx));
                int b = (int) (110 + 90 * (fx + fy) / 2);
                px[y * width + x] = 0xFF000000 | rgb(r, g, b);
            }
        }
    }

    private void desktopIcon(int x, int y, int index) {
        int base = new int[] {0x3D7DD8, 0xE0A030, 0x40A060, 0xC04040, 0x8060C0, 0x30A0A0}[index % 6];
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 48; i++) {
                boolean border = i == 0 || j == 0 || i == 47 || j == 47;
                int shade = 40 - (i + j) * 40 / 94;
                set(x + 8 + i, y + j, border ? 0x202020 : brighten(base, shade));
            }
        }
        text(x, y + 54, "Icon " + index, 0xFFFFFF, -1, 8);
    }

    private void window(int x, int y, int w, int h, String kind) {
        // Drop shadow: darkens the wallpaper to the right and below, fading out over 8 pixels.
        for (int d = 1; d <= 8; d++) {
            int amount = 60 - d * 7;
            for (int j = y + d; j < y + h + d; j++) {
                darken(x + w + d - 1, j, amount);
            }
            for (int i = x + d; i < x + w + d - 1; i++) {
                darken(i, y + h + d - 1, amount);
            }
        }
        int title = 30;
        for (int j = 0; j < title; j++) {
            for (int i = 0; i < w; i++) {
                set(x + i, y + j, rgb(60 + i * 80 / w, 110 + i * 60 / w, 200 - j));
            }
        }
        text(x + 10, y + 9, kind.substring(0, 1).toUpperCase() + kind.substring(1) + " - Porthole benchmark", 0xFFFFFF, -1, 40);
        for (int b = 0; b < 3; b++) {
            int bx = x + w - 30 - b * 30;
            fillRect(bx + 4, y + 6, 20, 18, b == 0 ? 0xD04040 : 0x5080C0);
        }
        int bodyY = y + title;
        int bodyH = h - title;
        switch (kind) {
            case "text" -> textBody(x, bodyY, w, bodyH);
            case "photo" -> photoBody(x, bodyY, w, bodyH);
            default -> terminalBody(x, bodyY, w, bodyH);
        }
        outline(x, y, w, h, 0x404040);
    }

    private void textBody(int x, int y, int w, int h) {
        fillRect(x, y, w, h, 0xFFFFFF);
        fillRect(x, y, w, 28, 0xF0F0F0); // a toolbar
        for (int b = 0; b < 8; b++) {
            fillRect(x + 8 + b * 32, y + 4, 22, 20, 0xD8D8D8);
        }
        for (int line = 0, ly = y + 40; ly + 14 < y + h - 16; line++, ly += 20) {
            int limit = 30 + random.nextInt(Math.max(1, (w - 40) / 8 - 30));
            text(x + 16, ly, words(limit), line % 7 == 3 ? 0x1A4DB3 : 0x202020, 0xFFFFFF, (w - 32) / 8);
        }
        // A scroll bar.
        fillRect(x + w - 16, y + 28, 16, h - 28, 0xEAEAEA);
        fillRect(x + w - 13, y + 60, 10, h / 4, 0xB0B0B0);
    }

    private void photoBody(int x, int y, int w, int h) {
        double[] phase = {random.nextDouble() * 6, random.nextDouble() * 6, random.nextDouble() * 6};
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double u = (double) i / w;
                double v = (double) j / h;
                double sky = v < 0.45 ? 1 : 0;
                int r = (int) (sky * (120 + 80 * v) + (1 - sky) * (70 + 60 * noise(u * 9, v * 9, phase[0])));
                int g = (int) (sky * (170 + 50 * v) + (1 - sky) * (110 + 70 * noise(u * 7, v * 11, phase[1])));
                int b = (int) (sky * (230 - 20 * u) + (1 - sky) * (50 + 40 * noise(u * 13, v * 5, phase[2])));
                // Sensor noise of one or two levels, as in a photograph.
                int n = random.nextInt(3) - 1;
                set(x + i, y + j, rgb(r + n, g + n, b + n));
            }
        }
    }

    private void terminalBody(int x, int y, int w, int h) {
        fillRect(x, y, w, h, 0x101010);
        int[] colors = {0xC0C0C0, 0x40D040, 0xD0D040, 0x6090F0, 0xC0C0C0, 0xC0C0C0};
        for (int line = 0, ly = y + 8; ly + 14 < y + h - 4; line++, ly += 16) {
            String prompt = line % 4 == 0 ? "user@porthole:~$ " : "";
            text(x + 8, ly, prompt + words(10 + random.nextInt(60)), colors[line % colors.length], 0x101010, (w - 16) / 8);
        }
    }

    private void taskbar() {
        int h = 40;
        fillRect(0, height - h, width, h, 0x202428);
        for (int i = 0; i < 8; i++) {
            int ix = 60 + i * 48;
            for (int j = 0; j < 28; j++) {
                for (int k = 0; k < 28; k++) {
                    set(ix + k, height - h + 6 + j, brighten(0x3070C0 + i * 0x101000, 30 - j));
                }
            }
        }
        text(width - 90, height - h + 14, "12:34 PM", 0xFFFFFF, 0x202428, 10);
    }

    private String words(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int n = 2 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            sb.append(random.nextInt(9) == 0 ? ". " : " ");
        }
        return sb.substring(0, length);
    }

    /**
     * Draws {@code s} in 8×12 cells: each character's 5×9 glyph comes from a generator seeded by the
     * character; the pixels beside a stroke get a half-tone between ink and paper (anti-aliasing).
     * A negative {@code paper} blends with whatever is underneath.
     */
    private void text(int x, int y, String s, int ink, int paper, int maxChars) {
        for (int c = 0; c < s.length() && c < maxChars; c++) {
            char ch = s.charAt(c);
            if (ch == ' ') {
                continue;
            }
            long bits = glyph(ch);
            for (int gy = 0; gy < 9; gy++) {
                for (int gx = 0; gx < 5; gx++) {
                    int cx = x + c * 8 + 1 + gx;
                    int cy = y + 1 + gy;
                    if ((bits >>> (gy * 5 + gx) & 1) != 0) {
                        set(cx, cy, ink);
                    } else if (gx + 1 < 5 && (bits >>> (gy * 5 + gx + 1) & 1) != 0) {
                        set(cx, cy, blend(ink, paper < 0 ? get(cx, cy) : paper));
                    }
                }
            }
        }
    }

    private static long glyph(char ch) {
        Random g = new Random(ch * 7919L);
        long bits = 0;
        for (int gy = 0; gy < 9; gy++) {
            // A vertical stem plus random strokes, so glyphs look like letters rather than noise.
            bits |= 1L << (gy * 5 + (ch % 2 == 0 ? 0 : 4));
            for (int gx = 0; gx < 5; gx++) {
                if (g.nextInt(3) == 0) {
                    bits |= 1L << (gy * 5 + gx);
                }
            }
        }
        return bits;
    }

    private static double noise(double u, double v, double phase) {
        return 0.5 + 0.25 * Math.sin(u + phase) * Math.cos(v * 1.3 + phase) + 0.25 * Math.sin(u * 2.7 - v * 1.9 + phase * 2);
    }

    private void fillRect(int x, int y, int w, int h, int color) {
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                set(x + i, y + j, color);
            }
        }
    }

    private void outline(int x, int y, int w, int h, int color) {
        for (int i = 0; i < w; i++) {
            set(x + i, y, color);
            set(x + i, y + h - 1, color);
        }
        for (int j = 0; j < h; j++) {
            set(x, y + j, color);
            set(x + w - 1, y + j, color);
        }
    }

    private void set(int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            px[y * width + x] = 0xFF000000 | rgb;
        }
    }

    private int get(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height ? px[y * width + x] & 0xFFFFFF : 0;
    }

    private void darken(int x, int y, int amount) {
        int c = get(x, y);
        set(x, y, rgb((c >>> 16 & 0xFF) - amount, (c >>> 8 & 0xFF) - amount, (c & 0xFF) - amount));
    }

    private static int brighten(int c, int amount) {
        return rgb((c >>> 16 & 0xFF) + amount, (c >>> 8 & 0xFF) + amount, (c & 0xFF) + amount);
    }

    private static int blend(int a, int b) {
        return rgb(((a >>> 16 & 0xFF) + (b >>> 16 & 0xFF)) / 2, ((a >>> 8 & 0xFF) + (b >>> 8 & 0xFF)) / 2, ((a & 0xFF) + (b & 0xFF)) / 2);
    }

    private static int rgb(int r, int g, int b) {
        return Math.clamp(r, 0, 255) << 16 | Math.clamp(g, 0, 255) << 8 | Math.clamp(b, 0, 255);
    }
}
