package dev.porthole.testbed.x11;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import javax.imageio.ImageIO;

/**
 * The deterministic, colourful background of the test desktops: a pure function of absolute screen
 * coordinates, so a test can predict every background pixel of a captured screen without a reference image.
 *
 * <ul>
 *   <li>{@code y < 64}: eight vertical colour bars, each {@value #BAR_WIDTH} pixels wide, repeating every
 *       512 pixels: white, yellow, cyan, green, magenta, red, blue, black;</li>
 *   <li>{@code y >= 64}: {@value #TILE} x {@value #TILE} tiles whose colour is
 *       {@code TILE_COLOURS[(3 * column + 5 * row) mod 16]}, with column and row counted from (0, 64).</li>
 * </ul>
 * All colours are fully saturated 24-bit values that survive any 24/32-bpp path exactly.
 */
public final class TestPattern {

    /** Height of the colour bar strip at the top. */
    public static final int BAR_HEIGHT = 64;
    /** Width of one colour bar. */
    public static final int BAR_WIDTH = 64;
    /** Edge length of one background tile below the bars. */
    public static final int TILE = 32;
    /** Size of the generated image, the largest screen a test desktop covers exactly. */
    public static final int IMAGE_WIDTH = 2560;
    public static final int IMAGE_HEIGHT = 1600;

    private static final int[] BARS = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};

    private static final int[] TILE_COLOURS = {
        0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6,
        0xBCF60C, 0xFABEBE, 0x008080, 0xE6BEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3,
    };

    private static volatile byte[] png;

    private TestPattern() {}

    /** The pattern colour at absolute screen position ({@code x}, {@code y}) as 0xRRGGBB. */
    public static int rgbAt(int x, int y) {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("negative coordinate (" + x + ", " + y + ")");
        }
        int px = x % IMAGE_WIDTH;
        int py = y % IMAGE_HEIGHT;
        if (py < BAR_HEIGHT) {
            return BARS[(px / BAR_WIDTH) % BARS.length];
        }
        int column = px / TILE;
        int row = (py - BAR_HEIGHT) / TILE;
        return TILE_COLOURS[(3 * column + 5 * row) % TILE_COLOURS.length];
    }

    /** The pattern as an image of {@value #IMAGE_WIDTH} x {@value #IMAGE_HEIGHT} pixels. */
    public static BufferedImage image() {
        BufferedImage img = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[IMAGE_WIDTH];
        for (int y = 0; y < IMAGE_HEIGHT; y++) {
            for (int x = 0; x < IMAGE_WIDTH; x++) {
                row[x] = rgbAt(x, y);
            }
            img.setRGB(0, y, IMAGE_WIDTH, 1, row, 0, IMAGE_WIDTH);
        }
        return img;
    }

    /** Writes the pattern as a world-readable PNG (encoded once per JVM). */
    public static Path writePng(Path file) {
        byte[] bytes = png;
        if (bytes == null) {
            synchronized (TestPattern.class) {
                bytes = png;
                if (bytes == null) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        ImageIO.write(image(), "png", out);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot encode the test pattern", e);
                    }
                    png = bytes = out.toByteArray();
                }
            }
        }
        try {
            Files.write(file, bytes);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test pattern to " + file, e);
        }
    }
}
