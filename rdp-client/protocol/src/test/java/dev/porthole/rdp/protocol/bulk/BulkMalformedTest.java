package dev.porthole.rdp.protocol.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** History flags, bounds and malformed payloads, each error naming its field. */
class BulkMalformedTest {

    static byte[] run(BulkDecompressor bulk, byte[] payload, int flags) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        ByteBuf out = Unpooled.buffer();
        try {
            bulk.decompress(in, flags, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] mppc(boolean rdp5, TestCompressors.Token... tokens) {
        return TestCompressors.mppcEncode(List.of(tokens), rdp5);
    }

    static TestCompressors.Token lit(int c) {
        return new TestCompressors.Token.Literal(c);
    }

    static TestCompressors.Token copy(int offset, int length) {
        return new TestCompressors.Token.Copy(offset, length);
    }

    static void assertMalformed(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED)).hasMessageContaining(message);
    }

    @Test
    void uncompressedPayloadsPassThroughUntouched() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_8K);
        assertThat(run(bulk, new byte[] {1, 2, 3}, 0x00)).containsExactly(1, 2, 3);
        // Even with a type the client never advertised: without flags nothing is decompressed.
        assertThat(run(bulk, new byte[] {4}, 0x03)).containsExactly(4);
    }

    @Test
    void typesAboveTheAdvertisedOneAreRejected() {
        assertMalformed(() -> run(new BulkDecompressor(CompressionType.MPPC_64K), new byte[] {0}, 0x22), "compressionFlags.type: NCRUSH was not advertised");
        assertMalformed(() -> run(new BulkDecompressor(CompressionType.XCRUSH), new byte[] {0}, 0x24), "compressionFlags.type: 4 is not a compression type");
    }

    @Test
    void mppcAtFrontRestartsAtZeroAndCopiesReachBackIntoTheOldTail() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_8K);
        byte[] full = new byte[8192];
        for (int i = 0; i < full.length; i++) {
            full[i] = (byte) (i % 100);
        }
        TestCompressors.Token[] literals = new TestCompressors.Token[full.length];
        for (int i = 0; i < full.length; i++) {
            literals[i] = lit(full[i] & 0xFF);
        }
        assertThat(run(bulk, mppc(false, literals), 0xA0)).isEqualTo(full); // flushed + compressed
        // At front: position 0, copy-offset 4 counts back circularly to the last 4 bytes of the history.
        assertThat(run(bulk, mppc(false, copy(4, 4), lit('x')), 0x60)).containsExactly(full[8188], full[8189], full[8190], full[8191], 'x');
        // Flushed: the history is zeros again.
        assertThat(run(bulk, mppc(false, lit('y'), copy(2, 3)), 0xE0)).containsExactly('y', 0, 'y', 0);
    }

    @Test
    void mppcReplicatingCopy() {
        // MS-RDPBCGR 3.1.8.2: Xcd<2,4>YZ decompresses to XcdcdcdYZ.
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_64K);
        assertThat(new String(run(bulk, mppc(true, lit('X'), lit('c'), lit('d'), copy(2, 4), lit('Y'), lit('Z')), 0xE1), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("XcdcdcdYZ");
    }

    @Test
    void mppcMalformedStreams() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_64K);
        assertMalformed(() -> run(bulk, mppc(true, lit('a'), copy(0, 3)), 0xE1), "MPPC-64K.copyOffset: 0 does not point");
        // 11111 + 6 bits of offset, then 15 one bits: no length-of-match has that prefix.
        byte[] tooLong = new BitWriters.Msb().prefixed("11111", 1, 6).prefixed("111111111111111", 0, 0).bits(0, 8).finish();
        assertMalformed(() -> run(bulk, tooLong, 0x21), "MPPC-64K.lengthOfMatch: prefix of more than 14 one bits");
        // A copy-offset prefix cut off by the end of the data.
        byte[] cut = new BitWriters.Msb().bits(0x61, 8).prefixed("11111", 0, 3).finish();
        assertMalformed(() -> run(bulk, cut, 0x21), "MPPC-64K.copyOffset: the bit stream ends inside the field");
        // A match past the end of the history: at offset 65535 (after one full packet minus one) no room for 3.
        BulkDecompressor rdp4 = new BulkDecompressor(CompressionType.MPPC_8K);
        TestCompressors.Token[] many = new TestCompressors.Token[8190];
        java.util.Arrays.fill(many, lit('a'));
        run(rdp4, mppc(false, many), 0xA0);
        assertMalformed(() -> run(rdp4, mppc(false, copy(1, 3)), 0x20), "MPPC-8K.history: 8193 bytes overflow the 8192-byte history");
    }

    @Test
    void outputCapStopsExpansion() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.MPPC_64K, 1000);
        // Two literals and one copy of 65535 bytes: a 7-byte payload asking for 64 KB.
        byte[] bomb = mppc(true, lit('a'), lit('b'), copy(2, 65535 - 2));
        assertThat(bomb.length).isLessThan(10);
        assertMalformed(() -> run(bulk, bomb, 0xE1), "MPPC-64K.output: 65535 bytes exceed the output cap of 1000");
        assertMalformed(() -> run(bulk, new byte[1001], 0x00), "compressionFlags.output: 1001 uncompressed bytes exceed the output cap of 1000");
        assertThatThrownBy(() -> new BulkDecompressor(CompressionType.MPPC_8K, 0)).hasMessageContaining("BulkDecompressor.maxOutput");
    }

    @Test
    void ncrushNeedsEndOfStreamAndValidCodes() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.NCRUSH);
        BitWriters.Lsb noEos = new BitWriters.Lsb();
        TestCompressors.lec(noEos, 'a');
        // The zero padding after the literal reads as copy-offset code 267 (00000), whose extra bits run out.
        assertMalformed(() -> run(bulk, noEos.finish(), 0x22), "NCRUSH.CopyOffset: the bit stream ends inside the field (16 bits)");
        assertMalformed(() -> run(bulk, new byte[] {(byte) 0xFF, (byte) 0x1F}, 0x22), "NCRUSH.LiteralOrEosOrCopyOffset: bits match no Huffman code");
        // A fresh history: the offset cache holds zeros, and a cached copy-offset of 0 is invalid.
        BitWriters.Lsb cached = new BitWriters.Lsb();
        TestCompressors.lec(cached, 'a');
        TestCompressors.lec(cached, 289);
        TestCompressors.lengthOfMatch(cached, 2);
        TestCompressors.lec(cached, NcrushTables.EOS);
        assertMalformed(() -> run(new BulkDecompressor(CompressionType.NCRUSH), cached.finish(), 0xA2), "NCRUSH.CopyOffset: 0 does not point");
        // LengthOfMatch codes 30 and 31 have no entry in Table 6.
        BitWriters.Lsb lom30 = new BitWriters.Lsb();
        TestCompressors.lec(lom30, 'a');
        TestCompressors.copyOffset(lom30, 1);
        lom30.bits(SpecHuffmanCodes.HUFF_CODE_L[30], NcrushTables.HUFF_LENGTH_L[30]);
        assertMalformed(() -> run(bulk, lom30.finish(), 0x22), "NCRUSH.LengthOfMatch: code 30 has no length");
        // Sliding back needs 32 KB of history.
        BitWriters.Lsb eos = new BitWriters.Lsb();
        TestCompressors.lec(eos, NcrushTables.EOS);
        assertMalformed(() -> run(new BulkDecompressor(CompressionType.NCRUSH), eos.finish(), 0x62), "NCRUSH.flags: PACKET_AT_FRONT with only 0 bytes");
    }

    @Test
    void xcrushMalformedPayloads() {
                BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH);
        assertMalformed(() -> run(bulk, hex("01"), 0x23), "RDP61_COMPRESSED_DATA.Level1ComprFlags: needs 2 flag bytes");
        assertMalformed(() -> run(bulk, hex("0000 61"), 0x23), "Level1ComprFlags: 0x00 has neither L1_COMPRESSED nor L1_NO_COMPRESSION");
        assertMalformed(() -> run(bulk, hex("0100 01"), 0x23), "RDP61_COMPRESSED_DATA.MatchCount: needs 2 bytes, 1 present");
        assertMalformed(() -> run(bulk, hex("0100 0100 0300 0000 0000"), 0x23), "RDP61_COMPRESSED_DATA.MatchDetails: 1 matches need 8 bytes, 6 present");
        // Match output offsets must not go backwards.
        assertMalformed(() -> run(bulk, hex("0100 0200 0200 0400 00000000 0200 0100 00000000 61626364"), 0x23),
                "MatchDetails[1].MatchOutputOffset: 1 is before the output already produced (6)");
        // Literals to fill the gap before a match must be there.
        assertMalformed(() -> run(bulk, hex("0100 0100 0200 0500 00000000 6162"), 0x23), "RDP61_COMPRESSED_DATA.Literals: match 0 needs 5 literals before it, 2 left");
        // A match reaching past the 2,000,000-byte history.
        assertMalformed(() -> run(bulk, hex("0100 0100 0400 0000 7e841e00"), 0x23), "MatchDetails[0].MatchHistoryOffset: 1999998 + length 4 is outside");
        // A 16-byte payload asking for 65535 x 2 bytes is stopped by the output cap.
        assertMalformed(() -> run(bulk, hex("0100 0200 ffff 0000 00000000 ffff ffff 00000000"), 0x23), "RDP61_COMPRESSED_DATA.output");
    }

    @Test
    void xcrushLevel2IsConsultedOnlyWithInnerCompression() {
        BulkDecompressor bulk = new BulkDecompressor(CompressionType.XCRUSH);
        // Level2ComprFlags 0x21 is ignored without L1_INNER_COMPRESSION: the literals are plain.
        assertThat(run(bulk, hex("0221 616263"), 0x23)).containsExactly('a', 'b', 'c');
        // L1_NO_COMPRESSION still feeds the history: a later match copies from it (history offset 0, 3 bytes).
        assertThat(run(bulk, hex("0100 0100 0300 0000 00000000 7a"), 0x23)).containsExactly('a', 'b', 'c', 'z');
        // The outer PACKET_FLUSHED clears the level-1 history.
        assertThat(run(bulk, hex("0100 0100 0200 0000 00000000"), 0xA3)).containsExactly(0, 0);
    }
}
