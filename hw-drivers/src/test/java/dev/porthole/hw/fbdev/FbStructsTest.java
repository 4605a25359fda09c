package dev.porthole.hw.fbdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class FbStructsTest {

    @Test
    void varScreenInfoDecodesKernelOffsetsAndKeepsTimings() {
        ByteBuffer b = ByteBuffer.allocate(160).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 1280).putInt(4, 800).putInt(8, 1280).putInt(12, 1600).putInt(16, 0).putInt(20, 800).putInt(24, 32);
        b.putInt(32, 16).putInt(36, 8).putInt(44, 8).putInt(48, 8).putInt(56, 0).putInt(60, 8);
        b.putInt(100, 15384); // pixclock: a timing field Porthole does not model
        FbVarScreenInfo v = FbVarScreenInfo.decode(b);
        assertThat(v.xres()).isEqualTo(1280);
        assertThat(v.yresVirtual()).isEqualTo(1600);
        assertThat(v.yoffset()).isEqualTo(800);
        assertThat(v.red()).isEqualTo(Bitfield.of(16, 8));
        assertThat(v.blue()).isEqualTo(Bitfield.of(0, 8));
        byte[] again = v.withYoffset(0).encode();
        ByteBuffer a = ByteBuffer.wrap(again).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(a.getInt(100)).as("pixclock survives").isEqualTo(15384);
        assertThat(a.getInt(20)).isZero();
        assertThat(FbVarScreenInfo.decode(ByteBuffer.wrap(v.encode()))).isEqualTo(v);
    }

    @Test
    void fixScreenInfoDecodesIdLineLengthAndMemory() {
        FbFixScreenInfo f = new FbFixScreenInfo("bochs-drmdrmfb", 4096000, 0, 2, 1, 5120);
        byte[] raw = f.encode();
        assertThat(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(48)).isEqualTo(5120);
        assertThat(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isEqualTo(4096000);
        assertThat(FbFixScreenInfo.decode(ByteBuffer.wrap(raw))).isEqualTo(f);
        assertThat(FbFixScreenInfo.decode(ByteBuffer.wrap(raw)).id()).isEqualTo("bochs-drmdrmfb");
    }

    @Test
    void unusableModesAreRejectedWithTheirNumbers() {
        assertThatThrownBy(() -> FbVarScreenInfo.of(640, 480, 480, 8, Bitfield.of(0, 8), Bitfield.of(0, 8), Bitfield.of(0, 8)))
                .hasMessageContaining("bits_per_pixel 8");
        assertThatThrownBy(() -> FbVarScreenInfo.of(640, 480, 240, 32, Bitfield.of(16, 8), Bitfield.of(8, 8), Bitfield.of(0, 8)))
                .hasMessageContaining("virtual 640x240");
        assertThatThrownBy(() -> FbVarScreenInfo.decode(ByteBuffer.allocate(100))).hasMessageContaining("160 bytes");
    }
}
