package dev.porthole.rdp.protocol.orders;

import io.netty.buffer.ByteBuf;

/** The secondary drawing orders this client decodes (MS-RDPEGDI 2.2.2.2.1.2): they fill the client's caches. */
public sealed interface SecondaryOrder {

    /** TS_CACHE_BITMAP_UNCOMPRESSED (Revision 1). */
    int CACHE_BITMAP_UNCOMPRESSED = 0x00;
    /** TS_CACHE_COLOR_TABLE. */
    int CACHE_COLOR_TABLE = 0x01;
    /** TS_CACHE_BITMAP_COMPRESSED (Revision 1). */
    int CACHE_BITMAP_COMPRESSED = 0x02;
    /** TS_CACHE_BITMAP_UNCOMPRESSED_REV2. */
    int CACHE_BITMAP_UNCOMPRESSED_REV2 = 0x04;
    /** TS_CACHE_BITMAP_COMPRESSED_REV2. */
    int CACHE_BITMAP_COMPRESSED_REV2 = 0x05;

    /**
     * A Cache Bitmap order, Revision 1 (MS-RDPEGDI 2.2.2.2.1.2.2) or Revision 2 (2.2.2.2.1.2.3), reduced to
     * what drawing needs. {@code bitmapData} is a slice of the order data (bottom-up rows, compressed with
     * interleaved RLE below 32 bpp and planar at 32 bpp when {@code compressed}), valid while the update is.
     */
    record CacheBitmap(int revision, int cacheId, int cacheIndex, int width, int height, int bitsPerPixel,
                       boolean compressed, ByteBuf bitmapData) implements SecondaryOrder {}

    /** MS-RDPEGDI 2.2.2.2.1.2.4 Cache Color Table (CACHE_COLOR_TABLE_ORDER): 256 colors as 0xFFRRGGBB. */
    record CacheColorTable(int cacheIndex, int[] colors) implements SecondaryOrder {
        public CacheColorTable {
            colors = colors.clone();
        }

        @Override
        public int[] colors() {
            return colors.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CacheColorTable c && c.cacheIndex == cacheIndex && java.util.Arrays.equals(c.colors, colors);
        }

        @Override
        public int hashCode() {
            return cacheIndex * 31 + java.util.Arrays.hashCode(colors);
        }

        @Override
        public String toString() {
            return "CacheColorTable[cacheIndex=" + cacheIndex + ", " + colors.length + " colors]";
        }
    }
}
