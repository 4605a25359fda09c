package dev.porthole.rdp.netty.client;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;

/** Test listener: a copy of the session surface, updated from the event loop on every damage event. */
final class SurfaceMirror implements ConnectionListener {
    private int[] pixels;
    private int width;
    private int height;
    private long damagedPixels;
    private long lastDamageNanos = System.nanoTime();

    @Override
    public synchronized void onSessionEvent(Surface surface, SessionEvent event) {
        if (event instanceof SessionEvent.FrameDamaged d) {
            if (pixels == null || width != surface.width() || height != surface.height()) {
                width = surface.width();
                height = surface.height();
                pixels = new int[width * height];
            }
            for (Rect r : d.areas()) {
                for (int y = r.y(); y < r.bottom(); y++) {
                    System.arraycopy(surface.pixels(), y * width + r.x(), pixels, y * width + r.x(), r.width());
                }
                damagedPixels += (long) r.width() * r.height();
            }
            lastDamageNanos = System.nanoTime();
        }
    }

    synchronized long damagedPixels() {
        return damagedPixels;
    }

    synchronized Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastDamageNanos);
    }

    /** Waits until at least {@code screen} pixels were painted and nothing changed for {@code quiet}. */
    void awaitPainted(long screen, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (damagedPixels() < screen || quietFor().compareTo(quiet) < 0)) {
            Thread.sleep(100);
        }
    }

    synchronized BufferedImage image() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, pixels, 0, width);
        return img;
    }

    /**
     * Bits per channel that survive the session's color depth: at 16 bpp the server sends RGB565, so
     * only the top 5/6/5 bits of the capture can be expected back (MS-RDPBCGR 2.2.9.1.1.3.1.2.2).
     */
    static int significantMask(int bpp) {
        return switch (bpp) {
            case 16 -> 0xF8FCF8;
            case 15 -> 0xF8F8F8;
            default -> 0xFFFFFF;
        };
    }

    /** Percentage of pixels whose significant bits equal the truth; on mismatch both images are kept in target/. */
    static double percentEqual(BufferedImage rendered, BufferedImage truth, int bpp, String keepAs) throws java.io.IOException {
        int mask = significantMask(bpp);
        long equal = 0;
        long total = (long) truth.getWidth() * truth.getHeight();
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                if ((rendered.getRGB(x, y) & mask) == (truth.getRGB(x, y) & mask)) {
                    equal++;
                }
            }
        }
        double share = 100.0 * equal / total;
        System.out.printf("%s at %d bpp: %.3f %% of %d pixels equal to the server capture%n", keepAs, bpp, share, total);
        if (share < 99.5) {
            javax.imageio.ImageIO.write(rendered, "png", Path.of("target", keepAs + "-" + bpp + "-porthole.png").toFile());
            javax.imageio.ImageIO.write(truth, "png", Path.of("target", keepAs + "-" + bpp + "-server.png").toFile());
        }
        return share;
    }

    static void keep(Path file, String name) throws java.io.IOException {
        Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
