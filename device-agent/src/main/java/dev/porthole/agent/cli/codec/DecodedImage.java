package dev.porthole.agent.cli.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A decoded bitmap, upright: {@code 0xAARRGGBB} pixels, top row first. {@code alpha} is true when
 * the stream carried an alpha plane (planar without NA); otherwise the top byte is 0xFF.
 */
public record DecodedImage(int width, int height, int[] argb, boolean alpha) {

    /** A PNG: RGB, or RGBA when the stream had an alpha plane. */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** XRGB8888 little-endian: blue, green, red, then the top byte (0xFF, or the alpha), top row first. */
    public byte[] xrgb() {
        byte[] out = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[4 * i] = (byte) p;
            out[4 * i + 1] = (byte) (p >>> 8);
            out[4 * i + 2] = (byte) (p >>> 16);
            out[4 * i + 3] = (byte) (p >>> 24);
        }
        return out;
    }
}
