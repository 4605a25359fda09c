package dev.porthole.provisioning.mqtt;

/**
 * A topic filter and the maximum QoS asked for.
 *
 * @param filter a topic filter (wildcards allowed)
 * @param qos    0, 1 or 2
 */
public record Subscription(String filter, int qos) {
    public Subscription {
        Topics.requireFilter(filter);
        if (qos < 0 || qos > 2) {
            throw new dev.porthole.provisioning.ProvisioningException(
                    dev.porthole.provisioning.ProvisioningException.Kind.USAGE,
                    "qos of subscription '" + filter + "' must be 0, 1 or 2, not " + qos);
        }
    }
}
