package dev.porthole.rdp.protocol.surface;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.porthole.rdp.protocol.HexVectors;

/** Loads codec test vectors: raw files, annotated hex files and 24-bit BMP images from the test resources. */
public final class VectorFiles {

    private VectorFiles() {}

    /** The bytes of a raw resource file. */
    public static byte[] bytes(String resource) {
        try (InputStream in = VectorFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of an annotated hex resource (see {@link HexVectors}). */
    public static byte[] hex(String resource) {
        return HexVectors.load(resource);
    }

    /**
     * The pixels of an uncompressed 24-bit Windows BMP as {@code 0xFFRRGGBB}, top row first (BMP stores
     * rows bottom-up when the height is positive, each row padded to four bytes).
     */
    public static int[] bmp24(String resource, int width, int height) {
        byte[] b = bytes(resource);
        if (b[0] != 'B' || b[1] != 'M') {
            throw new IllegalArgumentException(resource + " is not a BMP");
        }
        int dataOffset = le32(b, 10);
        int w = le32(b, 18);
        int h = le32(b, 22);
        int bpp = le16(b, 28);
        if (w != width || Math.abs(h) != height || bpp != 24 || le32(b, 30) != 0) {
            throw new IllegalArgumentException(resource + " is " + w + "x" + h + "@" + bpp + ", expected " + width + "x" + height + "@24 uncompressed");
        }
        int stride = (width * 3 + 3) & ~3;
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int fileRow = h > 0 ? height - 1 - y : y;
            int at = dataOffset + fileRow * stride;
            for (int x = 0; x < width; x++) {
                int p = at + 3 * x;
                out[y * width + x] = 0xFF000000 | (b[p + 2] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p] & 0xFF);
            }
        }
        return out;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }
}
