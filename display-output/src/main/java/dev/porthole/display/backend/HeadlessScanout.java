package dev.porthole.display.backend;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import javax.imageio.ImageIO;

import dev.porthole.display.surface.Rect;

/** An in-memory XRGB8888 panel: for devices without a screen, tests, and development (PNG snapshots). */
public final class HeadlessScanout extends MemoryScanout {

    private volatile long shows;
    private volatile boolean blanked;

    /** A {@code width} x {@code height} panel. */
    public HeadlessScanout(int width, int height) {
        super(width, height);
    }

    @Override
    public String name() {
        return "headless";
    }

    @Override
    public void show(int index, List<Rect> damage) {
        shows++;
    }

    @Override
    public void blank(boolean value) {
        blanked = value;
    }

    /** Whether the panel is blanked. */
    public boolean blanked() {
        return blanked;
    }

    /** The panel's pixel at ({@code x}, {@code y}), XRGB. */
    public int pixel(int x, int y) {
        return memory.getInt((y * mode().width() + x) * 4) & 0xffffff;
    }

    /** A copy of the panel as an image (black when blanked). */
    public BufferedImage snapshot() {
        BufferedImage img = new BufferedImage(mode().width(), mode().height(), BufferedImage.TYPE_INT_RGB);
        if (!blanked) {
            int[] row = new int[mode().width()];
            for (int y = 0; y < mode().height(); y++) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = memory.getInt((y * mode().width() + x) * 4) & 0xffffff;
                }
                img.setRGB(0, y, row.length, 1, row, 0, row.length);
            }
        }
        return img;
    }

    /** Writes {@link #snapshot()} as PNG. */
    public void writePng(OutputStream out) throws IOException {
        if (!ImageIO.write(snapshot(), "png", out)) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** How many frames were shown. */
    public long shows() {
        return shows;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
