package dev.porthole.rdp.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The RDP 6.0 tables and the worked examples of MS-RDPEGDI 3.1.8.1.4. */
class NcrushTablesTest {

    @Test
    void canonicalCodesFromTheBitLengthsAreTheSpecCodebooks() {
        assertThat(NcrushTables.HUFF_LENGTH_LEC).hasSize(293);
        assertThat(NcrushTables.canonicalCodes(NcrushTables.HUFF_LENGTH_LEC)).isEqualTo(SpecHuffmanCodes.HUFF_CODE_LEC);
        assertThat(NcrushTables.canonicalCodes(NcrushTables.HUFF_LENGTH_L)).isEqualTo(SpecHuffmanCodes.HUFF_CODE_L);
    }

    @Test
    void specCodebookExamples() {
        // 3.1.8.1.4.1: code 0 is 000100 (6 bits), code 131 is 1010100111 (10 bits).
        assertThat(SpecHuffmanCodes.HUFF_CODE_LEC[0]).isEqualTo(0x0004);
        assertThat(NcrushTables.HUFF_LENGTH_LEC[131]).isEqualTo(10);
        assertThat(SpecHuffmanCodes.HUFF_CODE_LEC[131]).isEqualTo(0x02a7);
        // 3.1.8.1.4.2: length code 0 is 0001 (4 bits), code 21 is 10011111 (8 bits).
        assertThat(NcrushTables.HUFF_LENGTH_L[21]).isEqualTo(8);
        assertThat(SpecHuffmanCodes.HUFF_CODE_L[21]).isEqualTo(0x009f);
    }

    @Test
    void decodeTablesCoverEveryCodeOnce() {
        // The length-of-match code is complete (Kraft sum 1). The LiteralOrEosOrCopyOffset code sums to
        // 8191/8192: the one 13-bit pattern of all ones is no code, and decoding it is malformed.
        assertThat(NcrushTables.L_DECODE).doesNotContain(-1);
        assertThat(java.util.Arrays.stream(NcrushTables.LEC_DECODE).filter(e -> e == -1).count()).isEqualTo(1);
        assertThat(NcrushTables.LEC_DECODE[0x1FFF]).isEqualTo(-1);
        int[] codes = NcrushTables.canonicalCodes(NcrushTables.HUFF_LENGTH_LEC);
        for (int s = 0; s < codes.length; s++) {
            assertThat(NcrushTables.LEC_DECODE[codes[s]]).isEqualTo(s << 8 | NcrushTables.HUFF_LENGTH_LEC[s]);
        }
    }

    /**
     * The encoding/decoding examples of 3.1.8.1.4.3-3.1.8.1.4.4 in one stream: after 12 literals,
     * copy-offset 8 (code 263 = 110100, extra bits 00) with length 2 (0001), copy-offset 11 (110100,
     * extra bits 11) with length 117 (111011111, extra bits 0011), then end of stream.
     */
    @Test
    void specCopyOffsetAndLengthExamplesDecode() {
        BitWriters.Lsb w = new BitWriters.Lsb();
        String literals = "abcdefghijkl";
        for (char c : literals.toCharArray()) {
            TestCompressors.lec(w, c);
        }
        w.bits(0x0034, 6).bits(0, 2); // copy-offset 8: HuffCodeLEC[263], 2 extra bits of value 0
        w.bits(0x0001, 4); // length-of-match 2: HuffCodeL[0], no extra bits
        w.bits(0x0034, 6).bits(3, 2); // copy-offset 11: extra bits of value 3
        w.bits(0x01df, 9).bits(3, 4); // length-of-match 117: HuffCodeL[23], 4 extra bits of value 3
        TestCompressors.lec(w, NcrushTables.EOS);
        StringBuilder expected = new StringBuilder(literals);
        expected.append(expected, expected.length() - 8, expected.length() - 6); // 2 bytes from 8 back
        for (int i = 0; i < 117; i++) {
            expected.append(expected.charAt(expected.length() - 11)); // replicating copy, 11 back
        }
        ByteBuf in = Unpooled.wrappedBuffer(w.finish());
        ByteBuf out = Unpooled.buffer();
        try {
            new BulkDecompressor(CompressionType.NCRUSH).decompress(in, 0x22, out);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(expected.toString().getBytes(StandardCharsets.US_ASCII));
        } finally {
            in.release();
            out.release();
        }
    }
}
