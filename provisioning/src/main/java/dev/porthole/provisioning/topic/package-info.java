/**
 * The fleet link's topic tree, {@code porthole/v1/<tenant>/<device>/...}, and the identifiers that form it
 * ({@link dev.porthole.provisioning.topic.Ids}).
 */
package dev.porthole.provisioning.topic;
