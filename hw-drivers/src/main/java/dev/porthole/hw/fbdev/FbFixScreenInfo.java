package dev.porthole.hw.fbdev;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct fb_fix_screeninfo} (linux/fb.h, 80 bytes on 64-bit): the driver id, the memory size and
 * the line length in bytes, which can be larger than {@code xres * bpp / 8}.
 */
public record FbFixScreenInfo(String id, int smemLength, int type, int visual, int yPanStep, int lineLength) {

    /** sizeof(struct fb_fix_screeninfo) on LP64. */
    public static final int SIZE = 80;
    /** FB_TYPE_PACKED_PIXELS. */
    public static final int TYPE_PACKED_PIXELS = 0;
    /** FB_VISUAL_TRUECOLOR. */
    public static final int VISUAL_TRUECOLOR = 2;

    /** Validates the line length and memory size. */
    public FbFixScreenInfo {
        if (lineLength <= 0 || smemLength < lineLength) {
            throw new IllegalArgumentException("fb_fix_screeninfo: line_length " + lineLength + " smem_len " + smemLength);
        }
    }

    /** Decodes the kernel struct. */
    public static FbFixScreenInfo decode(ByteBuffer b) {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < SIZE) {
            throw new IllegalArgumentException("fb_fix_screeninfo needs " + SIZE + " bytes, got " + in.remaining());
        }
        int p = in.position();
        byte[] id = new byte[16];
        in.get(p, id);
        int n = 0;
        while (n < id.length && id[n] != 0) {
            n++;
        }
        return new FbFixScreenInfo(new String(id, 0, n, StandardCharsets.US_ASCII), in.getInt(p + 24), in.getInt(p + 28),
                in.getInt(p + 36), Short.toUnsignedInt(in.getShort(p + 42)), in.getInt(p + 48));
    }

    /** Encodes (used by fakes and tests). */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = id.getBytes(StandardCharsets.US_ASCII);
        out.put(0, name, 0, Math.min(15, name.length));
        out.putInt(24, smemLength).putInt(28, type).putInt(36, visual).putShort(42, (short) yPanStep).putInt(48, lineLength);
        return out.array();
    }
}
