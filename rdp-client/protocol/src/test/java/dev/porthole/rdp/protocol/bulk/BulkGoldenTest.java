package dev.porthole.rdp.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.surface.VectorFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bulk decompression of the spec examples and of FreeRDP's vectors (see the headers of the hex files). */
class BulkGoldenTest {

    static final String BELLS = "for.whom.the.bell.tolls,.the.bell.tolls.for.thee!";

    static byte[] decompress(BulkDecompressor bulk, byte[] payload, int flags) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        ByteBuf out = Unpooled.buffer();
        try {
            int n = bulk.decompress(in, flags, out);
            assertThat(in.isReadable()).as("payload consumed").isFalse();
            assertThat(n).isEqualTo(out.readableBytes());
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/vectors/ms-rdpbcgr/3.1.8.2.3-mppc-bells-rdp4.hex, 0x60, MPPC_8K",
            "/vectors/ms-rdpbcgr/3.1.8.2.3-mppc-bells-rdp5.hex, 0x61, MPPC_64K",
            "/vectors/freerdp/bulk/mppc-bells-rdp4.hex, 0x60, MPPC_8K",
            "/vectors/freerdp/bulk/mppc-bells-rdp5.hex, 0x61, MPPC_64K",
            "/vectors/freerdp/bulk/ncrush-bells.hex, 0x22, NCRUSH",
    })
    void bellsDecompress(String vector, String flags, CompressionType type) {
        byte[] text = decompress(new BulkDecompressor(type), VectorFiles.hex(vector), Integer.decode(flags));
        assertThat(new String(text, StandardCharsets.US_ASCII)).isEqualTo(BELLS);
    }

    @Test
    void specMppcVectorsEncodeExactlyTheSpecTuples() {
        // The vectors were derived from the tuples; the test compressor's encoder agrees bit for bit.
        java.util.List<TestCompressors.Token> tokens = new java.util.ArrayList<>();
        for (char c : "for.whom.the.bell.tolls,".toCharArray()) {
            tokens.add(new TestCompressors.Token.Literal(c));
        }
        tokens.add(new TestCompressors.Token.Copy(16, 15));
        tokens.add(new TestCompressors.Token.Literal('.'));
        tokens.add(new TestCompressors.Token.Copy(40, 4));
        tokens.add(new TestCompressors.Token.Copy(19, 3));
        tokens.add(new TestCompressors.Token.Literal('e'));
        tokens.add(new TestCompressors.Token.Literal('!'));
        assertThat(TestCompressors.mppcEncode(tokens, false)).isEqualTo(VectorFiles.hex("/vectors/ms-rdpbcgr/3.1.8.2.3-mppc-bells-rdp4.hex"));
        assertThat(TestCompressors.mppcEncode(tokens, true)).isEqualTo(VectorFiles.hex("/vectors/ms-rdpbcgr/3.1.8.2.3-mppc-bells-rdp5.hex"));
    }

    @Test
    void freeRdpIslandTextDecompressesWithMppc64k() {
        byte[] island = VectorFiles.hex("/vectors/freerdp/bulk/island-text.hex");
        assertThat(island).hasSize(386);
        assertThat(decompress(new BulkDecompressor(CompressionType.MPPC_64K), VectorFiles.hex("/vectors/freerdp/bulk/mppc-island-rdp5.hex"), 0x61))
                .isEqualTo(island);
    }

    @Test
    void freeRdpLargeRdp5PayloadDecompresses() {
        byte[] expected = VectorFiles.hex("/vectors/freerdp/bulk/mppc-rdp5-uncompressed.hex");
        assertThat(decompress(new BulkDecompressor(CompressionType.MPPC_64K), VectorFiles.hex("/vectors/freerdp/bulk/mppc-rdp5-compressed.hex"), 0x61))
                .hasSize(6496).isEqualTo(expected);
    }

    @Test
    void freeRdpXcrushIslandGoesThroughBothLevels() {
        byte[] island = VectorFiles.hex("/vectors/freerdp/bulk/island-text.hex");
        byte[] payload = VectorFiles.hex("/vectors/freerdp/bulk/xcrush-island.hex");
        assertThat(payload[0]).isEqualTo((byte) 0x12);
        assertThat(payload[1]).isEqualTo((byte) 0x61);
        assertThat(decompress(new BulkDecompressor(CompressionType.XCRUSH), payload, 0x23)).isEqualTo(island);
    }

    /** MS-RDPEGDI 4.7 and the walk-through of 3.1.8.2.3.1: two packets as the level-1 decompressor sees them. */
    @Test
    void specRdp61ExampleDecompressesAtLevel1() {
        byte[] first = VectorFiles.hex("/vectors/ms-rdpegdi/4.7-rdp61-packet-1.hex");
        byte[] second = VectorFiles.hex("/vectors/ms-rdpegdi/4.7-rdp61-packet-2.hex");
        XcrushDecompressor xcrush = new XcrushDecompressor();
        // Packet 1: L1_INNER_COMPRESSION with a level-2 PACKET_FLUSHED only, so level 2 passes it through.
        Span a = xcrush.decompress(first, 0, first.length, 0x23, 65536);
        assertThat(new String(a.bytes(), a.offset(), a.length(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
        assertThat(xcrush.historyOffset()).isEqualTo(10);
        // Packet 2 is shown after level-2 decompression: hand it to level 1 with its Level1ComprFlags.
        Span b = xcrush.decompressLevel1(second, 2, second.length - 2, second[0] & 0xFF, 65536);
        assertThat(new String(b.bytes(), b.offset(), b.length(), StandardCharsets.US_ASCII)).isEqualTo("klmnodefghijklabcdu");
        assertThat(xcrush.historyOffset()).isEqualTo(29);
    }

    /**
     * The bit patterns printed in MS-RDPBCGR 3.1.8.4.1 (RDP 4.0), written as the spec shows them:
     * literals 0x56 = 01010110 and 0xE7 = 101100111; copy-offset 3 = 1111 000011, 128 = 1110 01000000,
     * 1024 = 110 0001011000000; length-of-match 15 = 110 111, 120 = 111110 111000,
     * 4097 = 111111111110 000000000001.
     */
    @Test
    void specRdp4FieldExamplesDecode() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_8K);
        byte[] first = new byte[1100];
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) ('a' + i % 23);
        }
        assertThat(decompress(bulk, first, 0x00)).isEqualTo(first); // uncompressed: history untouched
        BitWriters.Msb history = new BitWriters.Msb();
        for (byte b : first) {
            history.bits(b, 8);
        }
        assertThat(decompress(bulk, history.finish(), 0xA0)).isEqualTo(first);
        BitWriters.Msb w = new BitWriters.Msb();
        for (String field : new String[] {"01010110", "101100111", "1111000011", "110111", "111001000000", "111110111000",
                "1100001011000000", "111111111110000000000001"}) {
            for (char c : field.toCharArray()) {
                w.bits(c - '0', 1);
            }
        }
        byte[] all = new byte[1100 + 2 + 15 + 120 + 4097];
        System.arraycopy(first, 0, all, 0, 1100);
        int pos = 1100;
        all[pos++] = 0x56;
        all[pos++] = (byte) 0xE7;
        for (int[] copy : new int[][] {{3, 15}, {128, 120}, {1024, 4097}}) {
            for (int i = 0; i < copy[1]; i++, pos++) {
                all[pos] = all[pos - copy[0]];
            }
        }
        assertThat(decompress(bulk, w.finish(), 0x20)).isEqualTo(java.util.Arrays.copyOfRange(all, 1100, all.length));
    }
}
