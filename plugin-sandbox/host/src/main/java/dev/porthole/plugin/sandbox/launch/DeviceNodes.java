package dev.porthole.plugin.sandbox.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.porthole.plugin.sandbox.pkg.Capability;

/** Finds the device nodes a capability grants, to bind them into a plugin's sandbox. */
public interface DeviceNodes {

    /** Nodes for the audio capability (ALSA). */
    List<Path> audio();

    /** Nodes of attached USB devices with these ids. */
    List<Path> usb(Capability.Usb device);

    /** No device nodes at all. */
    static DeviceNodes none() {
        return new DeviceNodes() {
            public List<Path> audio() {
                return List.of();
            }

            public List<Path> usb(Capability.Usb device) {
                return List.of();
            }
        };
    }

    /**
     * Discovery through sysfs: {@code <dev>/snd} for audio; for USB, every {@code <sys>/bus/usb/devices/*}
     * whose {@code idVendor}/{@code idProduct} match, as {@code <dev>/bus/usb/BBB/DDD}.
     */
    static DeviceNodes sysfs(Path sys, Path dev) {
        return new DeviceNodes() {
            public List<Path> audio() {
                Path snd = dev.resolve("snd");
                return Files.isDirectory(snd) ? List.of(snd) : List.of();
            }

            public List<Path> usb(Capability.Usb want) {
                List<Path> out = new ArrayList<>();
                Path devices = sys.resolve("bus/usb/devices");
                if (!Files.isDirectory(devices)) {
                    return out;
                }
                try (Stream<Path> s = Files.list(devices)) {
                    for (Path d : s.toList()) {
                        try {
                            int v = Integer.parseInt(Files.readString(d.resolve("idVendor")).strip(), 16);
                            int p = Integer.parseInt(Files.readString(d.resolve("idProduct")).strip(), 16);
                            if (v == want.vendorId() && p == want.productId()) {
                                int bus = Integer.parseInt(Files.readString(d.resolve("busnum")).strip());
                                int num = Integer.parseInt(Files.readString(d.resolve("devnum")).strip());
                                Path node = dev.resolve(String.format("bus/usb/%03d/%03d", bus, num));
                                if (Files.exists(node)) {
                                    out.add(node);
                                }
                            }
                        } catch (IOException | NumberFormatException e) {
                            // interfaces and hubs without ids: not a match
                        }
                    }
                } catch (IOException e) {
                    return out;
                }
                return out;
            }
        };
    }
}
