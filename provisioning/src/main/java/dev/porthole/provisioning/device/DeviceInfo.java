package dev.porthole.provisioning.device;

import java.util.Map;
import java.util.Objects;

/**
 * The inventory a device publishes in its retained {@code birth} message.
 *
 * @param agentVersion the Porthole agent version
 * @param imageVersion the appliance image version (and slot)
 * @param hardware     hardware facts (model, serial, CPU, memory, displays …), small strings
 */
public record DeviceInfo(String agentVersion, String imageVersion, Map<String, String> hardware) {
    public DeviceInfo {
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(imageVersion, "imageVersion");
        hardware = Map.copyOf(hardware);
    }
}
