/** Strict JSON reading and writing shared by the provisioning module ({@link dev.porthole.provisioning.json.StrictJson}). */
package dev.porthole.provisioning.json;
