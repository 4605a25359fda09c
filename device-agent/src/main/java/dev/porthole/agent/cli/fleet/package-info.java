/** The {@code porthole fleet} sub-commands; the logic lives in {@code dev.porthole.provisioning.fleet}. */
package dev.porthole.agent.cli.fleet;
