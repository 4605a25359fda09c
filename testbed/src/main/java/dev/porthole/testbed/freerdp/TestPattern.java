package dev.porthole.testbed.freerdp;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import dev.porthole.testbed.PeerException;

/**
 * The fixed, colourful background of the shadow server's desktop. Every pixel is a pure function of its
 * coordinates and the screen size, so tests can compute what any uncovered pixel must look like:
 * <ul>
 *   <li>top quarter: eight full-saturation vertical colour bars (white, yellow, cyan, green, magenta,
 *       red, blue, black), each {@code width/8} wide;</li>
 *   <li>second quarter: left half a horizontal grey ramp (0..255), right half an 8x8-pixel checkerboard of
 *       orange {@code #ff8000} and navy {@code #000080} (sharp edges for lossy codecs);</li>
 *   <li>bottom half: 32x32 blocks of varied colours separated by 1-pixel light grey {@code #c0c0c0} grid lines.</li>
 * </ul>
 */
public final class TestPattern {

    /** The colour bars of the top quarter, left to right, as 0xRRGGBB. */
    public static final int[] BARS = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};

    /** The checkerboard colours of the second quarter's right half. */
    public static final int CHECKER_LIGHT = 0xFF8000;
    public static final int CHECKER_DARK = 0x000080;

    /** Grid line colour of the bottom half. */
    public static final int GRID = 0xC0C0C0;

    private TestPattern() {}

    /** The colour (0xRRGGBB) of pixel ({@code x}, {@code y}) on a {@code width}x{@code height} screen. */
    public static int rgb(int x, int y, int width, int height) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IllegalArgumentException("pixel (" + x + "," + y + ") outside " + width + "x" + height);
        }
        if (y < height / 4) {
            return BARS[Math.min(7, x * 8 / width)];
        }
        if (y < height / 2) {
            int half = width / 2;
            if (x < half) {
                int v = Math.min(255, x * 256 / half);
                return v << 16 | v << 8 | v;
            }
            return ((x / 8 + y / 8) & 1) == 0 ? CHECKER_LIGHT : CHECKER_DARK;
        }
        if (x % 32 == 0 || y % 32 == 0) {
            return GRID;
        }
        int bx = x / 32;
        int by = y / 32;
        int r = (bx * 53 + 40) & 0xFF;
        int g = (by * 71 + 90) & 0xFF;
        int b = ((bx ^ by) * 29 + 150) & 0xFF;
        return r << 16 | g << 8 | b;
    }

    /** The whole pattern as an RGB image. */
    public static BufferedImage image(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb(x, y, width, height));
            }
        }
        return img;
    }

    /** Writes the pattern as a PNG file. */
    public static Path writePng(Path file, int width, int height) {
        try {
            if (!ImageIO.write(image(width, height), "png", file.toFile())) {
                throw new PeerException("no PNG writer in this JDK");
            }
            return file;
        } catch (IOException e) {
            throw new PeerException("cannot write test pattern " + file + ": " + e.getMessage(), e);
        }
    }
}
