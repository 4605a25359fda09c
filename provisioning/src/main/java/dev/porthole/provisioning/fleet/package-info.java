/**
 * The fleet side ({@code porthole fleet ...}): the fleet directory ({@link
 * dev.porthole.provisioning.fleet.FleetDirectory}, made by {@link dev.porthole.provisioning.fleet.FleetInit}), claims
 * and enrolled devices, the enrollment responder, layered configuration and push, status, commands and rollback.
 */
package dev.porthole.provisioning.fleet;
