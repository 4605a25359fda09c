/**
 * The device side of the fleet link: the configuration flow ({@link dev.porthole.provisioning.device.ConfigAgent})
 * with the interface the device agent implements ({@link dev.porthole.provisioning.device.ConfigApplier}), and the
 * link that ties it, commands and telemetry to the broker ({@link dev.porthole.provisioning.device.FleetLink}).
 */
package dev.porthole.provisioning.device;
