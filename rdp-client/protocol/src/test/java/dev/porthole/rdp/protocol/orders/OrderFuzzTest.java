package dev.porthole.rdp.protocol.orders;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for the drawing-order decoder and renderer (invariant 4). Byte 0 picks the color depth,
 * byte 1 the number of orders; the rest is orderData, decoded in two Orders Updates (split at byte 2's
 * share of the data) so the state carried between updates is exercised too, and drawn into a 128x96
 * surface. Only an {@link RdpException} may escape and damage must stay on the surface. The saved corpus
 * under {@code OrderFuzzTestInputs/} (the MS-RDPEGDI section 4 examples and xrdp recordings) replays in
 * every build; {@code JAZZER_FUZZ=1} explores.
 */
class OrderFuzzTest {

    private static final int[] DEPTHS = {8, 15, 16, 24, 32};

    @FuzzTest(maxDuration = "60s")
    void decodeAndDraw(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int depth = DEPTHS[(data[0] & 0xFF) % DEPTHS.length];
        int count = data[1] & 0xFF;
        int body = data.length - 3;
        int split = body * (data[2] & 0xFF) / 255;
        Surface surface = new Surface(128, 96);
        OrderDecoder decoder = new OrderDecoder();
        OrderRenderer renderer = new OrderRenderer(surface, depth);
        Palette palette = Palette.of(new int[256]);
        ByteBuf first = Unpooled.wrappedBuffer(data, 3, split);
        ByteBuf second = Unpooled.wrappedBuffer(data, 3 + split, body - split);
        try {
            for (ByteBuf part : List.of(first, second)) {
                renderer.apply(decoder.decode(part, count), palette);
            }
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        }
        for (Rect r : surface.takeDamage()) {
            if (!surface.bounds().contains(r)) {
                throw new AssertionError("damage " + r + " outside the surface");
            }
        }
    }
}
