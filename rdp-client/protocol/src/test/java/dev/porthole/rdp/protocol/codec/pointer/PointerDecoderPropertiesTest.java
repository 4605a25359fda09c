package dev.porthole.rdp.protocol.codec.pointer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips through the pointer wire format: a cursor written as XOR/AND masks the way MS-RDPBCGR
 * 2.2.9.1.1.4.4-5 lays them out (rows padded to 2 bytes, color masks bottom-up, 1 bpp top-down), encoded as
 * a fast-path update, decoded and turned back into pixels, is the cursor we started from.
 */
class PointerDecoderPropertiesTest {

    private static final Palette NO_PALETTE = Palette.of(new int[Palette.SIZE]);

    @Property(tries = 200)
    void a32BppCursorWithAnEmptyAndMaskRoundTrips(@ForAll @IntRange(min = 1, max = 48) int width,
                                                  @ForAll @IntRange(min = 1, max = 48) int height, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = random.nextInt();
        }
        ByteBuf xor = Unpooled.buffer();
        for (int row = height - 1; row >= 0; row--) {
            for (int x = 0; x < width; x++) {
                xor.writeIntLE(argb[row * width + x]);
            }
        }
        Cursor c = roundTrip(32, width, height, xor, Unpooled.EMPTY_BUFFER);
        assertThat(c.argb()).isEqualTo(argb);
    }

    @Property(tries = 200)
    void a24BppCursorWithItsAndMaskFollowsTheWindowsRules(@ForAll @IntRange(min = 1, max = 40) int width,
                                                          @ForAll @IntRange(min = 1, max = 40) int height, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] rgb = new int[width * height];
        boolean[] and = new boolean[width * height];
        int[] palette = {0x000000, 0xFFFFFF, 0x123456, 0xFF0000};
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = palette[random.nextInt(palette.length)];
            and[i] = random.nextBoolean();
        }
        int xorStride = (width * 3 + 1) & ~1;
        int andStride = ((width + 15) / 16) * 2;
        ByteBuf xor = Unpooled.buffer();
        ByteBuf andMask = Unpooled.buffer();
        for (int row = height - 1; row >= 0; row--) {
            int start = xor.writerIndex();
            for (int x = 0; x < width; x++) {
                int p = rgb[row * width + x];
                xor.writeByte(p).writeByte(p >>> 8).writeByte(p >>> 16);
            }
            xor.writeZero(xorStride - (xor.writerIndex() - start));
            byte[] bits = new byte[andStride];
            for (int x = 0; x < width; x++) {
                if (and[row * width + x]) {
                    bits[x >>> 3] |= (byte) (0x80 >>> (x & 7));
                }
            }
            andMask.writeBytes(bits);
        }
        Cursor c = roundTrip(24, width, height, xor, andMask);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int opaque = 0xFF000000 | rgb[i];
                int expected = !and[i] ? opaque
                        : rgb[i] == 0 ? 0
                        : rgb[i] == 0xFFFFFF ? ((x + y) % 2 == 0 ? 0xFFFFFFFF : 0xFF000000)
                        : opaque;
                assertThat(c.pixel(x, y)).as("pixel (%d,%d)", x, y).isEqualTo(expected);
            }
        }
    }

    private static Cursor roundTrip(int bpp, int width, int height, ByteBuf xor, ByteBuf and) {
        NewPointer sent = new NewPointer(bpp, new ColorPointer(0, 0, 0, width, height, xor, and));
        ByteBuf wire = Unpooled.buffer();
        try {
            sent.encodeFastPath(wire);
            NewPointer received = (NewPointer) OutputUpdate.decodeFastPath(OutputUpdate.FASTPATH_UPDATETYPE_POINTER, wire);
            return PointerDecoder.decode(received, NO_PALETTE);
        } finally {
            wire.release();
            xor.release();
            and.release();
        }
    }
}
