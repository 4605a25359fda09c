package dev.porthole.provisioning.mqtt;

import java.nio.charset.StandardCharsets;

import dev.porthole.provisioning.ProvisioningException;

/**
 * MQTT topic names and filters (MQTT 5.0 section 4.7): validation and matching of a topic name against a filter
 * with {@code +} and {@code #} wildcards.
 */
public final class Topics {

    /** The longest topic the protocol allows, in UTF-8 bytes. */
    public static final int MAX_TOPIC_BYTES = 65_535;

    private Topics() {}

    /** Checks a topic name one may publish to: non-empty, no wildcard, no NUL, at most 65,535 bytes. */
    public static String requirePublishable(String topic) {
        check(topic, "topic");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw usage("topic name must not contain the wildcards + or #: '" + topic + "'");
        }
        return topic;
    }

    /** Checks a topic filter: wildcards only as whole levels, {@code #} only last. */
    public static String requireFilter(String filter) {
        check(filter, "topic filter");
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw usage("'#' must be a whole level at the end of topic filter '" + filter + "'");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw usage("'+' must be a whole level in topic filter '" + filter + "'");
            }
        }
        return filter;
    }

    /** Whether {@code topic} matches {@code filter} (topics starting with {@code $} never match a leading wildcard). */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private static void check(String topic, String what) {
        if (topic == null || topic.isEmpty()) {
            throw usage(what + " must not be empty");
        }
        if (topic.indexOf('\0') >= 0) {
            throw usage(what + " must not contain NUL: '" + topic.replace('\0', '?') + "'");
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            throw usage(what + " is longer than " + MAX_TOPIC_BYTES + " bytes");
        }
    }

    private static ProvisioningException usage(String message) {
        return new ProvisioningException(ProvisioningException.Kind.USAGE, message);
    }
}
