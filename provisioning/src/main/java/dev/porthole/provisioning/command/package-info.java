/**
 * Commands over MQTT 5 request/response ({@link dev.porthole.provisioning.command.CommandProtocol}): the device side
 * ({@link dev.porthole.provisioning.command.CommandService}) and what the device agent implements ({@link
 * dev.porthole.provisioning.command.DeviceControl}).
 */
package dev.porthole.provisioning.command;
