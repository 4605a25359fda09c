/**
 * Device-side storage: crash-safe files ({@link dev.porthole.provisioning.store.AtomicFiles}) and the configuration
 * store with the last good documents ({@link dev.porthole.provisioning.store.ConfigStore}).
 */
package dev.porthole.provisioning.store;
