package dev.porthole.rdp.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz targets for bulk decompression (invariant 4), one per algorithm. An input is a sequence of
 * packets — a flags byte (its type bits replaced by the target's type), a 16-bit little-endian length
 * and that many payload bytes — fed to one decompressor, so history state carries across packets.
 * Only an {@link RdpException} may escape (after which the sequence stops, as the connection would),
 * and no packet may produce more than the output cap. The saved corpus under
 * {@code BulkFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class BulkFuzzTest {

    static final int CAP = 20000;

    static void packets(byte[] data, CompressionType type) {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH, CAP);
        int at = 0;
        while (at + 3 <= data.length) {
            int flags = (data[at] & 0xF0) | type.code();
            int length = Math.min((data[at + 1] & 0xFF) | (data[at + 2] & 0xFF) << 8, data.length - at - 3);
            ByteBuf in = Unpooled.wrappedBuffer(data, at + 3, length);
            ByteBuf out = Unpooled.buffer();
            try {
                int n = bulk.decompress(in, flags, out);
                assertThat(n).isEqualTo(out.readableBytes()).isLessThanOrEqualTo(CAP);
            } catch (RdpException expected) {
                return; // the history is out of step now; a session would end here
            } finally {
                in.release();
                out.release();
            }
            at += 3 + length;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mppc8k(byte[] data) {
        packets(data, CompressionType.MPPC_8K);
    }

    @FuzzTest(maxDuration = "30s")
    void mppc64k(byte[] data) {
        packets(data, CompressionType.MPPC_64K);
    }

    @FuzzTest(maxDuration = "30s")
    void ncrush(byte[] data) {
        packets(data, CompressionType.NCRUSH);
    }

    @FuzzTest(maxDuration = "30s")
    void xcrush(byte[] data) {
        packets(data, CompressionType.XCRUSH);
    }
}
