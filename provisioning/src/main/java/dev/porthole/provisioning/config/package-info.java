/**
 * Signed configuration documents: {@link dev.porthole.provisioning.config.ConfigDocument} (schema
 * {@code porthole.config/v1}) in a JWS compact serialization with EdDSA/Ed25519 ({@link
 * dev.porthole.provisioning.config.Jws}, RFC 7515 and RFC 8037), signed on the fleet side by {@link
 * dev.porthole.provisioning.config.ConfigSigner} and checked on the device by {@link
 * dev.porthole.provisioning.config.ConfigVerifier}.
 */
package dev.porthole.provisioning.config;
