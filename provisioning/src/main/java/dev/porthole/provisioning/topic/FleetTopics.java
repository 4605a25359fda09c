package dev.porthole.provisioning.topic;

import java.util.Optional;

/**
 * Topic filters the fleet side subscribes to for one tenant ({@code porthole/v1/<tenant>/+/...}), and parsing of
 * a device topic back into its {@link DeviceAddress} and leaf ({@code state}, {@code config/reported} …).
 *
 * @param tenant the tenant id
 */
public record FleetTopics(String tenant) {

    /** A device topic split up: the device and the rest of the topic after its base. */
    public record Parsed(DeviceAddress address, String leaf) {}

    public FleetTopics {
        Ids.require("tenant id", tenant);
    }

    /** {@code porthole/v1/<tenant>/+/<leaf>}. */
    public String everyDevice(String leaf) {
        return DeviceTopics.ROOT + "/" + tenant + "/+/" + leaf;
    }

    /** {@code porthole/v1/<tenant>/#}. */
    public String all() {
        return DeviceTopics.ROOT + "/" + tenant + "/#";
    }

    /** The device and leaf of {@code topic}, when it is a topic of this tenant with valid ids. */
    public Optional<Parsed> parse(String topic) {
        return parseAny(topic).filter(p -> p.address().tenant().equals(tenant));
    }

    /** The device and leaf of any {@code porthole/v1/<tenant>/<device>/<leaf>} topic with valid ids. */
    public static Optional<Parsed> parseAny(String topic) {
        String prefix = DeviceTopics.ROOT + "/";
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(prefix.length()).split("/", 3);
        if (parts.length < 3 || !Ids.valid(parts[0]) || !Ids.valid(parts[1]) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(new DeviceAddress(parts[0], parts[1]), parts[2]));
    }
}
