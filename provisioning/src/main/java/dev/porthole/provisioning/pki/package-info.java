/**
 * Keys, certificates and TLS contexts for the fleet link: device key pairs and PKCS#10 requests ({@link
 * dev.porthole.provisioning.pki.Csr}), the fleet CA ({@link dev.porthole.provisioning.pki.CertificateAuthority}),
 * PEM ({@link dev.porthole.provisioning.pki.Pem}) and mutual-TLS client contexts ({@link
 * dev.porthole.provisioning.pki.TlsContexts}).
 */
package dev.porthole.provisioning.pki;
