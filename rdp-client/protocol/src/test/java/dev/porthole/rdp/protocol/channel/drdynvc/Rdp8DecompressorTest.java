package dev.porthole.rdp.protocol.channel.drdynvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** RDP 8.0 bulk decompression against the MS-RDPEDYC 4.3.3/4.3.4 and MS-RDPEGFX 3.1.9.1.2.5 examples. */
class Rdp8DecompressorTest {

    static byte[] run(Rdp8Decompressor d, byte[] in) {
        ByteBuf b = Unpooled.wrappedBuffer(in);
        ByteBuf out = d.decompress(b);
        try {
            assertThat(b.isReadable()).isFalse();
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The data field of a DVC PDU vector (after the 2-byte header + channel id, and Length for Data First). */
    static byte[] data(String vector, int skip) {
        byte[] all = HexVectors.load("/vectors/ms-rdpedyc/" + vector);
        return Arrays.copyOfRange(all, skip, all.length);
    }

    @Test
    void theDvcExampleDecompressesWithHistoryAcrossPdus() {
        Rdp8Decompressor d = Rdp8Decompressor.lite(1 << 20);
        assertThat(run(d, data("4.3.3-data-first-compressed.hex", 4))).isEqualTo(HexVectors.load("/vectors/ms-rdpedyc/4.3.3-uncompressed.hex"));
        assertThat(run(d, data("4.3.4-data-compressed.hex", 2))).isEqualTo(HexVectors.load("/vectors/ms-rdpedyc/4.3.4-uncompressed.hex"));
        assertThat(run(d, data("4.3.4-data-compressed-last.hex", 2))).containsExactly(0x71, 0x71, 0x71);
    }

    /** Packs a bit string ("0 0100 1001 ...") into a compressed RDP8 segment with its trailer byte. */
    static byte[] segment(int type, String bits) {
        String b = bits.replace(" ", "");
        int bytes = (b.length() + 7) / 8;
        byte[] out = new byte[2 + bytes + 1];
        out[0] = (byte) 0xE0;
        out[1] = (byte) (0x20 | type);
        for (int i = 0; i < b.length(); i++) {
            if (b.charAt(i) == '1') {
                out[2 + i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        out[out.length - 1] = (byte) (bytes * 8 - b.length());
        return out;
    }

    @Test
    void theGfxBitStreamExamples() {
        assertThat(run(Rdp8Decompressor.rdp8(1 << 20), segment(4, "0 0100 1001"))).containsExactly(0x49);
        byte[] ten = new byte[10];
        Arrays.fill(ten, (byte) 0x49);
        assertThat(run(Rdp8Decompressor.rdp8(1 << 20), segment(4, "0 0100 1001 10001 00001 110 001"))).isEqualTo(ten);
        // a match at distance 44 (10010 0001100) with length 13 (110 101) after 44 literal bytes
        StringBuilder lits = new StringBuilder();
        for (int i = 0; i < 44; i++) {
            lits.append('0').append(String.format("%8s", Integer.toBinaryString(0x60 + (i % 16))).replace(' ', '0'));
        }
        byte[] out = run(Rdp8Decompressor.rdp8(1 << 20), segment(4, lits + "10010 0001100 110 101"));
        assertThat(out).hasSize(57);
        assertThat(Arrays.copyOfRange(out, 44, 57)).isEqualTo(Arrays.copyOfRange(out, 0, 13));
    }

    @Test
    void shortLiteralCodesAndUnencodedRuns() {
        // 11000 = 0x00, 110110 = 0xFF, 1111101 = 0x80, 11111111 = 0x66
        assertThat(run(Rdp8Decompressor.lite(1 << 20), segment(6, "11000 110110 1111101 11111111"))).containsExactly(0x00, 0xFF, 0x80, 0x66);
        // 10001 00000 = unencoded run; 15-bit count 2; 7 bits to the byte boundary; two raw bytes; then a literal 0x41
        assertThat(run(Rdp8Decompressor.lite(1 << 20), segment(6, "10001 00000 000000000000010 0000000 01000001 01000010 0 0100 0001")))
                .containsExactly(0x41, 0x42, 0x41);
    }

    @Test
    void plainSegmentsAndMultipart() {
        assertThat(run(Rdp8Decompressor.lite(1 << 20), new byte[] {(byte) 0xE0, 0x06, 1, 2, 3})).containsExactly(1, 2, 3);
        // MULTIPART: 2 segments, 3 bytes in all: [06 09] and [06 08 07]
        byte[] multi = {(byte) 0xE1, 2, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0x06, 9, 3, 0, 0, 0, 0x06, 8, 7};
        assertThat(run(Rdp8Decompressor.lite(1 << 20), multi)).containsExactly(9, 8, 7);
        byte[] wrongSize = multi.clone();
        wrongSize[3] = 4;
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), wrongSize)).hasMessageContaining("uncompressedSize: 4 but the segments gave 3");
    }

    @Test
    void malformedStreamsAreRefused() {
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), segment(6, "10001 00011 0")))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("reaches before the 0 bytes of history");
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), segment(6, "10000 000"))).hasMessageContaining("reserved token");
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), segment(6, "0 0100"))).hasMessageContaining("ends inside a token");
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), new byte[] {(byte) 0xE0, 0x26, 0x00, 0x09}))
                .hasMessageContaining("unused-bit count 9");
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), new byte[] {(byte) 0xE0, 0x24 + 1, 0x00, 0x00}))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), new byte[] {(byte) 0x99})).hasMessageContaining("descriptor");
        // a match of length 16384 exceeds the 8 KiB segment limit of the lite variant
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(1 << 20), segment(6, "0 01000001 10001 00001 11111111111110 00000000000000")))
                .hasMessageContaining("more than 8192 bytes");
        assertThatThrownBy(() -> run(Rdp8Decompressor.lite(10), segment(6, "0 01000001 10001 00001 1110 0000")))
                .hasMessageContaining("exceeds the limit 10");
    }
}
