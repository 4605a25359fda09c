package dev.porthole.provisioning.topic;

/**
 * Where a device lives in the topic tree: its tenant and its device id (the device certificate's common name).
 *
 * @param tenant the tenant id ({@link Ids})
 * @param device the device id ({@link Ids})
 */
public record DeviceAddress(String tenant, String device) {

    public DeviceAddress {
        Ids.require("tenant id", tenant);
        Ids.require("device id", device);
    }

    /** The topics of this device. */
    public DeviceTopics topics() {
        return new DeviceTopics(this);
    }

    @Override
    public String toString() {
        return tenant + "/" + device;
    }
}
