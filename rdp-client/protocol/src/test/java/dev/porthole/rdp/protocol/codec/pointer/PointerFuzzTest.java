package dev.porthole.rdp.protocol.codec.pointer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.LargePointer;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target for pointer updates and {@link PointerDecoder} (invariant 4): the first byte picks the update
 * code (color, new, large, cached, position), the rest is the updateData. Only an {@link RdpException} may
 * escape; a decoded cursor holds exactly width x height pixels with the hotspot inside. The saved corpus under
 * {@code PointerFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class PointerFuzzTest {

    private static final int[] CODES = {OutputUpdate.FASTPATH_UPDATETYPE_COLOR, OutputUpdate.FASTPATH_UPDATETYPE_POINTER,
            OutputUpdate.FASTPATH_UPDATETYPE_LARGE_POINTER, OutputUpdate.FASTPATH_UPDATETYPE_CACHED,
            OutputUpdate.FASTPATH_UPDATETYPE_PTR_POSITION};

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        if (data.length < 1) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(data, 1, data.length - 1);
        try {
            OutputUpdate update = OutputUpdate.decodeFastPath(CODES[(data[0] & 0xFF) % CODES.length], buf);
            Palette palette = Palette.of(new int[Palette.SIZE]);
            Cursor c = switch (update) {
                case ColorPointer p -> PointerDecoder.decode(p, palette);
                case NewPointer p -> PointerDecoder.decode(p, palette);
                case LargePointer p -> PointerDecoder.decode(p, palette);
                default -> null;
            };
            if (c != null && !c.isEmpty()) {
                assertThat(c.argb()).hasSize(c.width() * c.height());
                assertThat(c.hotX()).isBetween(0, c.width() - 1);
                assertThat(c.hotY()).isBetween(0, c.height() - 1);
            }
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            buf.release();
        }
    }
}
