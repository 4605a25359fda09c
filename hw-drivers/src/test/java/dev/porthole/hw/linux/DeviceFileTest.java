package dev.porthole.hw.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.fbdev.FbdevFramebuffer;

/** Real system calls on the host: errors name the device, the call and the errno. */
class DeviceFileTest {

    @Test
    void missingNodeIsNotFoundWithPathAndErrno() {
        assertThatThrownBy(() -> DeviceFile.open("/dev/porthole-no-such-fb", LibC.O_RDWR))
                .isInstanceOfSatisfying(HwException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HwException.Kind.NOT_FOUND);
                    assertThat(e.errno()).isEqualTo(2);
                })
                .hasMessageContaining("open on /dev/porthole-no-such-fb failed: ENOENT (No such file or directory)");
    }

    @Test
    void ioctlOnTheWrongDeviceIsUnsupportedNamingTheRequest() {
        try (DeviceFile f = DeviceFile.open("/dev/null", LibC.O_RDWR); Memory m = new Memory(160)) {
            assertThatThrownBy(() -> f.ioctl("FBIOGET_VSCREENINFO", FbdevFramebuffer.FBIOGET_VSCREENINFO, m))
                    .isInstanceOfSatisfying(HwException.class, e -> assertThat(e.kind()).isEqualTo(HwException.Kind.UNSUPPORTED))
                    .hasMessageContaining("ioctl FBIOGET_VSCREENINFO on /dev/null failed: ENOTTY");
        }
    }

    @Test
    void fbdevOpenOfANonFramebufferFailsClearly() {
        assertThatThrownBy(() -> FbdevFramebuffer.open("/dev/zero"))
                .isInstanceOf(HwException.class).hasMessageContaining("/dev/zero").hasMessageContaining("FBIOGET_VSCREENINFO");
    }

    @Test
    void closedDescriptorIsReported() {
        DeviceFile f = DeviceFile.open("/dev/null", LibC.O_RDONLY);
        f.close();
        f.close();
        assertThatThrownBy(f::fd).isInstanceOf(HwException.class).hasMessageContaining("/dev/null is closed");
    }
}
