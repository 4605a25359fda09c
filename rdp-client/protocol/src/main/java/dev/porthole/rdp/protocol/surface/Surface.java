package dev.porthole.rdp.protocol.surface;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;

/**
 * A 32-bit drawing surface that the bitmap codecs write into (DESIGN.md "Surfaces"): {@code int[]}
 * pixels, row-major, stride = {@link #width()}, each pixel {@code 0xAARRGGBB}. The top byte is the "X"
 * of XRGB8888: codecs write {@code 0xFF} for opaque pixels, and planar bitmaps with an alpha plane
 * (MS-RDPEGDI 2.2.2.5.1) write their alpha there. Presentation ignores it unless it composes.
 *
 * <p>Every codec call records the rectangle it wrote as damage; the display side takes the damage
 * with {@link #takeDamage()} and converts only those pixels. Not thread-safe: one session's decode
 * path owns a surface at a time.
 */
public final class Surface {

    static final String TYPE = "Surface";

    /** The largest width or height: MS-RDPBCGR 2.2.1.3.6 limits the virtual desktop to 32,766 pixels per side. */
    public static final int MAX_DIMENSION = 32766;

    /** The largest pixel count (8192×8192, 256 MiB of pixels), so a forged size cannot exhaust the heap. */
    public static final int MAX_PIXELS = 1 << 26;

    /** Beyond this many damage rectangles they collapse into their bounding box. */
    static final int MAX_DAMAGE_RECTS = 32;

    private final int width;
    private final int height;
    private final int[] pixels;
    private final List<Rect> damage = new ArrayList<>();

    /** A surface of opaque black pixels. */
    public Surface(int width, int height) {
        if (width < 1 || width > MAX_DIMENSION) {
            throw RdpException.argument(TYPE, "width", width + " is outside 1.." + MAX_DIMENSION);
        }
        if (height < 1 || height > MAX_DIMENSION) {
            throw RdpException.argument(TYPE, "height", height + " is outside 1.." + MAX_DIMENSION);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw RdpException.argument(TYPE, "size", width + "x" + height + " exceeds " + MAX_PIXELS + " pixels");
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
        java.util.Arrays.fill(pixels, 0xFF000000);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The whole surface as a rectangle at the origin. */
    public Rect bounds() {
        return new Rect(0, 0, width, height);
    }

    /** The live pixel array (row-major, stride {@link #width()}); codecs write here directly. */
    public int[] pixels() {
        return pixels;
    }

    /** The pixel at column {@code x}, row {@code y}. */
    public int pixel(int x, int y) {
        if (!bounds().contains(x, y)) {
            throw RdpException.argument(TYPE, "pixel", "(" + x + "," + y + ") is outside " + width + "x" + height);
        }
        return pixels[y * width + x];
    }

    /** Fills the part of {@code area} that lies on the surface with {@code argb} and records it as damage. */
    public Rect fill(Rect area, int argb) {
        Rect clipped = area.intersect(bounds());
        for (int y = clipped.y(); y < clipped.bottom(); y++) {
            int row = y * width;
            java.util.Arrays.fill(pixels, row + clipped.x(), row + clipped.right(), argb);
        }
        addDamage(clipped);
        return clipped;
    }

    /** Records that {@code area} (clipped to the surface) changed. */
    public void addDamage(Rect area) {
        Rect clipped = area.intersect(bounds());
        if (clipped.isEmpty()) {
            return;
        }
        for (Rect r : damage) {
            if (r.contains(clipped)) {
                return;
            }
        }
        damage.add(clipped);
        if (damage.size() > MAX_DAMAGE_RECTS) {
            Rect all = Rect.EMPTY;
            for (Rect r : damage) {
                all = all.union(r);
            }
            damage.clear();
            damage.add(all);
        }
    }

    /** Returns the damage recorded since the last call and forgets it. */
    public List<Rect> takeDamage() {
        List<Rect> taken = List.copyOf(damage);
        damage.clear();
        return taken;
    }
}
