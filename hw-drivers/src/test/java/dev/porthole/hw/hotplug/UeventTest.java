package dev.porthole.hw.hotplug;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class UeventTest {

    static byte[] message(String... parts) {
        return (String.join("\0", parts) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void drmHotplugAsTheKernelSendsIt() {
        // the shape of lib/kobject_uevent.c's message for drm_sysfs_hotplug_event (drivers/gpu/drm/drm_sysfs.c)
        byte[] m = message("change@/devices/pci0000:00/0000:00:02.0/drm/card0", "ACTION=change",
                "DEVPATH=/devices/pci0000:00/0000:00:02.0/drm/card0", "SUBSYSTEM=drm", "HOTPLUG=1", "DEVNAME=dri/card0",
                "DEVTYPE=drm_minor", "SEQNUM=1342", "MAJOR=226", "MINOR=0");
        Uevent e = Uevent.parse(m, m.length).orElseThrow();
        assertThat(e.action()).isEqualTo("change");
        assertThat(e.devpath()).isEqualTo("/devices/pci0000:00/0000:00:02.0/drm/card0");
        assertThat(e.isDrmHotplug()).isTrue();
        assertThat(e.get("DEVNAME")).contains("dri/card0");
        assertThat(e.isDrmChange("card0")).isTrue();
        assertThat(e.isDrmChange("card1")).isFalse();
    }

    @Test
    void otherEventsAreNotDrmHotplugs() {
        byte[] m = message("add@/devices/virtual/input/input7", "ACTION=add", "DEVPATH=/devices/virtual/input/input7",
                "SUBSYSTEM=input", "SEQNUM=9");
        assertThat(Uevent.parse(m, m.length).orElseThrow().isDrmHotplug()).isFalse();
        assertThat(Uevent.parse(m, m.length).orElseThrow().isDrmChange("card0")).isFalse();
        byte[] noHotplug = message("change@/devices/x/drm/card0", "SUBSYSTEM=drm");
        assertThat(Uevent.parse(noHotplug, noHotplug.length).orElseThrow().isDrmHotplug()).isFalse();
    }

    @Test
    void malformedAndUdevMessagesAreDropped() {
        for (byte[] m : new byte[][] {new byte[0], message("no-at-sign"), message("@/devpath"), message("change@"),
                message("libudev", "SUBSYSTEM=drm")}) {
            assertThat(Uevent.parse(m, m.length)).as(new String(m, StandardCharsets.UTF_8)).isEmpty();
        }
        byte[] m = message("change@/d", "SUBSYSTEM=drm");
        assertThat(Uevent.parse(m, m.length + 1)).as("length past the buffer").isEmpty();
    }

    @Test
    void keysAreBoundedAndTheFirstValueWins() {
        String[] parts = new String[200];
        parts[0] = "change@/d";
        for (int i = 1; i < parts.length; i++) {
            parts[i] = "K" + i + "=v";
        }
        byte[] m = message(parts);
        assertThat(Uevent.parse(m, m.length).orElseThrow().env()).hasSize(Uevent.MAX_KEYS);
        byte[] dup = message("change@/d", "SUBSYSTEM=drm", "SUBSYSTEM=input", "=novalue", "junk");
        Uevent e = Uevent.parse(dup, dup.length).orElseThrow();
        assertThat(e.get("SUBSYSTEM")).contains("drm");
        assertThat(e.env()).hasSize(1);
    }
}
