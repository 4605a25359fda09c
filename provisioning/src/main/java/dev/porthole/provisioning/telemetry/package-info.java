/**
 * Periodic telemetry: session measurements from the device agent ({@link
 * dev.porthole.provisioning.telemetry.SessionTelemetry}), CPU/memory/temperature from {@code /proc} and {@code /sys}
 * ({@link dev.porthole.provisioning.telemetry.SystemMetrics}), published by {@link
 * dev.porthole.provisioning.telemetry.TelemetryPublisher}.
 */
package dev.porthole.provisioning.telemetry;
