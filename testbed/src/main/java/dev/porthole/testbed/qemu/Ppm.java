package dev.porthole.testbed.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A binary PPM (P6, maxval 255) image as QEMU's {@code screendump} writes it: pixels as 0xRRGGBB. */
public record Ppm(int width, int height, int[] rgb) {

    /** Validates the size. */
    public Ppm {
        if (width < 1 || height < 1 || rgb.length != width * height) {
            throw new IllegalArgumentException("PPM " + width + "x" + height + " with " + rgb.length + " pixels");
        }
    }

    /** Reads a P6 file. */
    public static Ppm read(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            int[] pos = {0};
            String magic = token(b, pos);
            if (!magic.equals("P6")) {
                throw new IllegalArgumentException(file + ": not a binary PPM (magic '" + magic + "')");
            }
            int w = Integer.parseInt(token(b, pos));
            int h = Integer.parseInt(token(b, pos));
            int max = Integer.parseInt(token(b, pos));
            if (max != 255) {
                throw new IllegalArgumentException(file + ": maxval " + max + " (255 expected)");
            }
            int at = pos[0] + 1;
            if (b.length - at < 3L * w * h) {
                throw new IllegalArgumentException(file + ": " + (b.length - at) + " pixel bytes for " + w + "x" + h);
            }
            int[] px = new int[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] = (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
                at += 3;
            }
            return new Ppm(w, h, px);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String token(byte[] b, int[] pos) {
        int i = pos[0];
        while (true) {
            while (i < b.length && Character.isWhitespace(b[i])) {
                i++;
            }
            if (i < b.length && b[i] == '#') {
                while (i < b.length && b[i] != '\n') {
                    i++;
                }
                continue;
            }
            break;
        }
        int start = i;
        while (i < b.length && !Character.isWhitespace(b[i])) {
            i++;
        }
        pos[0] = i;
        return new String(b, start, i - start, StandardCharsets.US_ASCII);
    }

    /** Writes a P6 file. */
    public void write(Path file) {
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            byte[] row = new byte[width * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = rgb[y * width + x];
                    row[x * 3] = (byte) (p >> 16);
                    row[x * 3 + 1] = (byte) (p >> 8);
                    row[x * 3 + 2] = (byte) p;
                }
                o.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Pixel at ({@code x}, {@code y}). */
    public int pixel(int x, int y) {
        return rgb[y * width + x];
    }
}
