package dev.porthole.hw.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.porthole.hw.drm.DrmDevice;
import dev.porthole.hw.evdev.EvdevDevice;
import dev.porthole.hw.fbdev.FbdevFramebuffer;
import dev.porthole.hw.uinput.UinputDevice;

/**
 * The request numbers hw-drivers computes, against the values printed by a C program compiled with
 * the bookworm kernel headers on x86_64 (shared/research/sandbox-hw-anchors.md, section 5.1).
 */
class IoctlNumbersTest {

    @Test
    void fbdevNumbers() {
        assertThat(FbdevFramebuffer.FBIOGET_VSCREENINFO).isEqualTo(0x4600);
        assertThat(FbdevFramebuffer.FBIOPUT_VSCREENINFO).isEqualTo(0x4601);
        assertThat(FbdevFramebuffer.FBIOGET_FSCREENINFO).isEqualTo(0x4602);
        assertThat(FbdevFramebuffer.FBIOPAN_DISPLAY).isEqualTo(0x4606);
        assertThat(FbdevFramebuffer.FBIOBLANK).isEqualTo(0x4611);
    }

    @Test
    void evdevAndUinputNumbers() {
        assertThat(EvdevDevice.EVIOCGRAB).isEqualTo(0x40044590L);
        assertThat(EvdevDevice.eviocgname(256)).isEqualTo(0x81004506L);
        assertThat(EvdevDevice.eviocgbit(0, 4)).isEqualTo(0x80044520L);
        assertThat(EvdevDevice.eviocgbit(1, 96)).isEqualTo(0x80604521L);
        assertThat(EvdevDevice.eviocgabs(0)).isEqualTo(0x80184540L);
        assertThat(EvdevDevice.EVIOCGID).isEqualTo(0x80084502L);
        assertThat(UinputDevice.UI_SET_EVBIT).isEqualTo(0x40045564L);
        assertThat(UinputDevice.UI_SET_KEYBIT).isEqualTo(0x40045565L);
        assertThat(UinputDevice.UI_SET_RELBIT).isEqualTo(0x40045566L);
        assertThat(UinputDevice.UI_SET_ABSBIT).isEqualTo(0x40045567L);
        assertThat(UinputDevice.UI_DEV_SETUP).isEqualTo(0x405c5503L);
        assertThat(UinputDevice.UI_ABS_SETUP).isEqualTo(0x401c5504L);
        assertThat(UinputDevice.UI_DEV_CREATE).isEqualTo(0x5501L);
        assertThat(UinputDevice.UI_DEV_DESTROY).isEqualTo(0x5502L);
    }

    @Test
    void drmNumbers() {
        assertThat(DrmDevice.DRM_IOCTL_VERSION).isEqualTo(0xc0406400L);
        assertThat(DrmDevice.DRM_IOCTL_GET_CAP).isEqualTo(0xc010640cL);
        assertThat(DrmDevice.DRM_IOCTL_SET_MASTER).isEqualTo(0x641eL);
        assertThat(DrmDevice.DRM_IOCTL_DROP_MASTER).isEqualTo(0x641fL);
        assertThat(DrmDevice.DRM_IOCTL_MODE_GETRESOURCES).isEqualTo(0xc04064a0L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_GETCONNECTOR).isEqualTo(0xc05064a7L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_GETENCODER).isEqualTo(0xc01464a6L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_GETCRTC).isEqualTo(0xc06864a1L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_SETCRTC).isEqualTo(0xc06864a2L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_CREATE_DUMB).isEqualTo(0xc02064b2L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_MAP_DUMB).isEqualTo(0xc01064b3L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_DESTROY_DUMB).isEqualTo(0xc00464b4L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_ADDFB).isEqualTo(0xc01c64aeL);
        assertThat(DrmDevice.DRM_IOCTL_MODE_PAGE_FLIP).isEqualTo(0xc01864b0L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_DIRTYFB).isEqualTo(0xc01864b1L);
        assertThat(DrmDevice.DRM_IOCTL_MODE_CURSOR).isEqualTo(0xc01c64a3L);
    }

    @Test
    void sizeMustFitFourteenBits() {
        assertThatThrownBy(() -> Ioctl.ior('E', 1, 0x4000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16384");
    }
}
