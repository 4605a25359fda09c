package dev.porthole.provisioning.topic;

import java.util.Objects;

/**
 * The topic subtree of one device, {@code porthole/v1/<tenant>/<device>/}, so a broker ACL is a single pattern on
 * the certificate name ({@code porthole/v1/+/%u/#} in Mosquitto):
 * <pre>
 * birth               device → fleet   retained   inventory, agent and image versions, session counter
 * state               device → fleet   retained   online / in-session / updating …; last will: offline
 * config/desired      fleet → device   retained   the signed, full configuration document
 * config/reported     device → fleet   retained   applied / rejected (reason) / pending
 * cmd/&lt;name&gt;          fleet → device             command request (response topic, correlation data, expiry)
 * rsp                 device → fleet              command responses
 * events              device → fleet              audit events
 * telemetry/&lt;kind&gt;    device → fleet   QoS 0      periodic measurements
 * </pre>
 *
 * @param address the device
 */
public record DeviceTopics(DeviceAddress address) {

    /** The root of the fleet link's topics. */
    public static final String ROOT = "porthole/v1";

    public DeviceTopics {
        Objects.requireNonNull(address, "address");
    }

    /** {@code porthole/v1/<tenant>/<device>} (no trailing slash). */
    public String base() {
        return ROOT + "/" + address.tenant() + "/" + address.device();
    }

    /** The whole subtree, {@code .../#}. */
    public String all() {
        return base() + "/#";
    }

    public String birth() {
        return base() + "/birth";
    }

    public String state() {
        return base() + "/state";
    }

    public String desired() {
        return base() + "/config/desired";
    }

    public String reported() {
        return base() + "/config/reported";
    }

    /** {@code cmd/<name>}; the name is an {@link Ids identifier}. */
    public String command(String name) {
        return base() + "/cmd/" + Ids.require("command name", name);
    }

    /** {@code cmd/+}. */
    public String commands() {
        return base() + "/cmd/+";
    }

    /** The prefix of command topics, {@code .../cmd/}. */
    public String commandPrefix() {
        return base() + "/cmd/";
    }

    public String response() {
        return base() + "/rsp";
    }

    public String events() {
        return base() + "/events";
    }

    /** {@code telemetry/<kind>}; the kind is an {@link Ids identifier}. */
    public String telemetry(String kind) {
        return base() + "/telemetry/" + Ids.require("telemetry kind", kind);
    }

    /** Whether {@code topic} lies in this device's subtree. */
    public boolean contains(String topic) {
        return topic.startsWith(base() + "/");
    }
}
