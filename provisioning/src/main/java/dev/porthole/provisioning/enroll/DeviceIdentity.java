package dev.porthole.provisioning.enroll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.SigningKeys;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.pki.TlsContexts;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.DeviceAddress;

/**
 * An enrolled device's identity, kept in {@code <state>/identity/} (directory 0700, files 0600):
 * <pre>
 * device.key      the device's EC P-256 private key (PKCS#8 PEM), made on the device, never sent anywhere
 * device.pem      its certificate chain from the fleet CA
 * ca.pem          the fleet CA (trusted for the broker)
 * config-signing.pub  the fleet's config-signing public keys (PEM, one or more)
 * identity.json   tenant, device id, broker — written last: its presence means "enrolled"
 * </pre>
 * {@link #toString()} never shows the key.
 *
 * @param address the device's tenant and id
 * @param broker  the broker URI
 * @param key     the private key
 * @param chain   the certificate chain (leaf first)
 * @param trusted the fleet CA certificates
 * @param configKeys the fleet's config-signing public keys
 */
public record DeviceIdentity(DeviceAddress address, java.net.URI broker, PrivateKey key, List<X509Certificate> chain,
                             List<X509Certificate> trusted, List<java.security.PublicKey> configKeys) {

    public DeviceIdentity {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
        configKeys = List.copyOf(configKeys);
    }

    /** The identity directory under a state directory. */
    public static Path directory(Path stateDir) {
        return stateDir.resolve("identity");
    }

    /** The identity in {@code stateDir}, when the device is enrolled. */
    public static Optional<DeviceIdentity> load(Path stateDir) {
        Path dir = directory(stateDir);
        Optional<byte[]> marker = AtomicFiles.read(dir.resolve("identity.json"), 64 * 1024);
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode id = StrictJson.parseObject(marker.get(), dir.resolve("identity.json").toString());
        String key = new String(AtomicFiles.read(dir.resolve("device.key"), 64 * 1024).orElseThrow(), StandardCharsets.US_ASCII);
        String chain = new String(AtomicFiles.read(dir.resolve("device.pem"), 256 * 1024).orElseThrow(), StandardCharsets.US_ASCII);
        String ca = new String(AtomicFiles.read(dir.resolve("ca.pem"), 256 * 1024).orElseThrow(), StandardCharsets.US_ASCII);
        String keys = new String(AtomicFiles.read(dir.resolve("config-signing.pub"), 64 * 1024).orElseThrow(),
                StandardCharsets.US_ASCII);
        List<java.security.PublicKey> configKeys = new java.util.ArrayList<>();
        for (String block : keys.split("(?=-----BEGIN PUBLIC KEY-----)")) {
            if (block.contains("BEGIN PUBLIC KEY")) {
                configKeys.add(SigningKeys.readPublicPem(block));
            }
        }
        return Optional.of(new DeviceIdentity(new DeviceAddress(id.path("tenant").asText(), id.path("device").asText()),
                java.net.URI.create(id.path("broker").asText()), Pem.readPrivateKey(key, "device.key"),
                Pem.readCertificates(chain, "device.pem"), Pem.readCertificates(ca, "ca.pem"), configKeys));
    }

    /** Writes the certificate files and then the marker (the key was written before the request was sent). */
    void saveCertificates(Path stateDir) {
        Path dir = AtomicFiles.directory(directory(stateDir), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(dir.resolve("device.pem"), Pem.certificates(chain).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(dir.resolve("ca.pem"), Pem.certificates(trusted).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        StringBuilder keys = new StringBuilder();
        configKeys.forEach(k -> keys.append(SigningKeys.publicPem(k)));
        AtomicFiles.write(dir.resolve("config-signing.pub"), keys.toString().getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        ObjectNode id = StrictJson.object();
        id.put("schema", "porthole.identity/v1");
        id.put("tenant", address.tenant());
        id.put("device", address.device());
        id.put("broker", broker.toString());
        AtomicFiles.write(dir.resolve("identity.json"), StrictJson.pretty(id).getBytes(StandardCharsets.UTF_8),
                AtomicFiles.OWNER_ONLY);
    }

    /** A verifier of configuration documents trusting the fleet's config-signing keys. */
    public ConfigVerifier configVerifier() {
        return new ConfigVerifier(configKeys, ConfigVerifier.DEFAULT_MAX_BYTES);
    }

    /** A TLS context presenting the device certificate and trusting the fleet CA. */
    public SSLContext sslContext() {
        return TlsContexts.clientContext(key, chain, trusted);
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    @Override
    public String toString() {
        return "DeviceIdentity[" + address + ", broker=" + broker + ", subject="
                + certificate().getSubjectX500Principal() + ", notAfter=" + certificate().getNotAfter().toInstant() + "]";
    }
}
