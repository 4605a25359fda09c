package dev.porthole.provisioning.mqtt;

import java.util.Objects;

/**
 * An MQTT 5 user property (a name/value pair of UTF-8 strings, MQTT 5.0 section 3.3.2.3.7).
 *
 * @param name  the name
 * @param value the value
 */
public record UserProperty(String name, String value) {
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
