package dev.porthole.rdp.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * decompress(compress(x)) == x over sequences of payloads, so the history state (flush, at-front,
 * slide-back, offset cache, level-1/level-2 chaining) is exercised across packets.
 */
class BulkPropertiesTest {

    static final String[] WORDS = {"the ", "bell ", "tolls ", "for ", "thee", ", ", "no man ", "is an island ", "\u00e9t\u00e9 ",
        "\r\n", "0000", "\u00ff\u00fe", "remote desktop ", "bitmap ", "surface "};

    /** Text-like payloads with repeats inside and across packets, plus some noise. */
    static List<byte[]> payloads(long seed, int count, int maxSize) {
        Random r = new Random(seed);
        List<byte[]> list = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int size = 1 + r.nextInt(maxSize);
            byte[] b = new byte[size];
            int i = 0;
            while (i < size) {
                if (r.nextInt(6) == 0) {
                    b[i++] = (byte) r.nextInt(256);
                } else {
                    byte[] w = WORDS[r.nextInt(WORDS.length)].getBytes(StandardCharsets.ISO_8859_1);
                    for (int k = 0; k < w.length && i < size; k++) {
                        b[i++] = w[k];
                    }
                }
            }
            list.add(b);
        }
        return list;
    }

    static byte[] decompress(BulkDecompressor bulk, TestCompressors.Packet packet) {
        ByteBuf in = Unpooled.wrappedBuffer(packet.payload());
        ByteBuf out = Unpooled.buffer();
        try {
            bulk.decompress(in, packet.flags(), out);
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }

    @Property(tries = 60)
    void mppcRoundTrips(@ForAll boolean rdp5, @ForAll @IntRange(min = 1, max = 30) int count, @ForAll long seed) {
        TestCompressors.Mppc compressor = new TestCompressors.Mppc(rdp5);
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH);
        for (byte[] payload : payloads(seed, count, rdp5 ? 6000 : 3000)) {
            TestCompressors.Packet packet = compressor.compress(payload, true);
            assertThat(decompress(bulk, packet)).isEqualTo(payload);
        }
    }

    @Property(tries = 40)
    void ncrushRoundTrips(@ForAll @IntRange(min = 1, max = 40) int count, @ForAll long seed) {
        TestCompressors.Ncrush compressor = new TestCompressors.Ncrush();
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.NCRUSH);
        for (byte[] payload : payloads(seed, count, 8000)) {
            assertThat(decompress(bulk, compressor.compress(payload))).isEqualTo(payload);
        }
    }

    @Property(tries = 40)
    void xcrushRoundTrips(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll long seed) {
        TestCompressors.Xcrush compressor = new TestCompressors.Xcrush();
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH);
        Random r = new Random(seed);
        for (byte[] payload : payloads(seed, count, 8000)) {
            assertThat(decompress(bulk, compressor.compress(payload, r.nextBoolean()))).isEqualTo(payload);
        }
    }

    @Test
    void ncrushSlidesItsHistoryBackAndKeepsMatching() {
        TestCompressors.Ncrush compressor = new TestCompressors.Ncrush();
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.NCRUSH);
        int slides = 0;
        for (byte[] payload : payloads(7, 40, 16000)) {
            TestCompressors.Packet packet = compressor.compress(payload);
            slides += (packet.flags() & BulkDecompressor.PACKET_AT_FRONT) != 0 ? 1 : 0;
            assertThat(decompress(bulk, packet)).isEqualTo(payload);
        }
        assertThat(slides).as("history slid back").isGreaterThan(2);
    }

    @Test
    void xcrushRestartsItsTwoMegabyteHistory() {
        TestCompressors.Xcrush compressor = new TestCompressors.Xcrush();
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH);
        int restarts = 0;
        for (byte[] payload : payloads(11, 300, 16382)) {
            TestCompressors.Packet packet = compressor.compress(payload, true);
            restarts += (packet.payload()[0] & XcrushDecompressor.L1_PACKET_AT_FRONT) != 0 ? 1 : 0;
            assertThat(decompress(bulk, packet)).isEqualTo(payload);
        }
        assertThat(restarts).as("level-1 history restarted").isEqualTo(1);
    }

    @Test
    void mppcRdp4WrapsItsEightKilobyteHistory() {
        TestCompressors.Mppc compressor = new TestCompressors.Mppc(false);
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_8K);
        int wraps = 0;
        for (byte[] payload : payloads(3, 60, 3000)) {
            TestCompressors.Packet packet = compressor.compress(payload, false);
            wraps += (packet.flags() & 0xC0) == BulkDecompressor.PACKET_AT_FRONT ? 1 : 0;
            assertThat(decompress(bulk, packet)).isEqualTo(payload);
        }
        assertThat(wraps).isGreaterThan(5);
    }
}
