package dev.porthole.rdp.protocol.codec.planar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FormatHeader and the errors of malformed RDP6_BITMAP_STREAMs, each naming its field. */
class PlanarMalformedTest {

    static int[] decompress(String hex, int width, int height) {
        ByteBuf src = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
        try {
            return new PlanarDecoder().decompress(src, width, height);
        } finally {
            src.release();
        }
    }

    @Test
    void formatHeaderBitsAreLowBitFirst() {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFB}); // reserved bits set, ignored
        try {
            assertThat(PlanarHeader.decode(b)).isEqualTo(new PlanarHeader(3, true, true, true));
        } finally {
            b.release();
        }
        assertThat(dev.porthole.rdp.protocol.HexVectors.encode(new PlanarHeader(7, false, true, false)::encode)).containsExactly(0x17);
        assertThatThrownBy(() -> new PlanarHeader(0, true, false, false)).hasMessageContaining("FormatHeader.CS");
        assertThatThrownBy(() -> new PlanarHeader(8, false, false, false)).hasMessageContaining("FormatHeader.CLL");
    }

    @Test
    void rawPlanesMayEndWithOnePadByte() {
        // 1x1, NA, raw: red 0x11, green 0x22, blue 0x33, then Pad.
        assertThat(decompress("20 11 22 33 00", 1, 1)).containsExactly(0xFF112233);
        assertThat(decompress("20 11 22 33", 1, 1)).containsExactly(0xFF112233);
        // With alpha the alpha plane comes first.
        assertThat(decompress("00 80 11 22 33", 1, 1)).containsExactly(0x80112233);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "           | 1 | RDP6_BITMAP_STREAM.FormatHeader: needs 1 bytes",
            "08         | 1 | RDP6_BITMAP_STREAM.FormatHeader.CS: chroma subsampling is set with CLL 0",
            "20 11 22   | 1 | RDP6_BITMAP_STREAM.BluePlane: needs 1 bytes, 0 left",
            "00 80 11   | 1 | RDP6_BITMAP_STREAM.GreenPlane",
            "23 11 22   | 1 | RDP6_BITMAP_STREAM.GreenChromaPlane",
            "20 11 22 33 00 00 | 1 | RDP6_BITMAP_STREAM.Pad: 2 bytes after the color planes",
            "30 10 11 10 22 10 33 10 | 1 | RDP6_BITMAP_STREAM.segments: 1 bytes after the color planes",
            "30 00      | 1 | RDP6_BITMAP_STREAM.RedPlane.controlByte: zero in scan line 0",
            "30 13 11   | 2 | RDP6_BITMAP_STREAM.RedPlane.controlByte: segment 0x13 (1 raw, run 3) at column 0 overruns scan line 0 of width 2",
            "30 f1      | 2 | overruns scan line 0",
            "30 20 11   | 2 | RDP6_BITMAP_STREAM.RedPlane.rawValues: needs 2 bytes, 1 left",
            "30 20 11 22 | 2 | RDP6_BITMAP_STREAM.GreenPlane.controlByte: needs 1 bytes",
    })
    void malformedStreamsNameTheField(String hex, int width, String message) {
        assertThatThrownBy(() -> decompress(hex == null ? "" : hex, width, 1))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining(message);
    }

    @Test
    void sizesAreBounded() {
        assertThatThrownBy(() -> decompress("20", 0, 1)).hasMessageContaining("RDP6_BITMAP_STREAM.size");
        assertThatThrownBy(() -> decompress("20", 4096, 4097)).hasMessageContaining("RDP6_BITMAP_STREAM.size");
    }
}
