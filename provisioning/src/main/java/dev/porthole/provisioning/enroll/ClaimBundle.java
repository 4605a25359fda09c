package dev.porthole.provisioning.enroll;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.config.SigningKeys;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.pki.TlsContexts;
import dev.porthole.provisioning.topic.Ids;

/**
 * What a device needs to enroll, made by {@code porthole fleet init} and put into the image or handed to an
 * installer: a short-lived claim client certificate (CN = the claim id; the broker's ACL lets it into
 * {@code porthole/enroll/<claim id>/#} only), its key, the fleet CA that the broker's certificate chains to, the
 * broker address, the tenant, optionally the device id the claim is bound to, and a claim secret that proves the
 * request came from the holder of this bundle (HMAC, in addition to the broker's ACL). A file of it is a secret
 * (mode 0600); {@link #toString()} shows neither the key nor the secret.
 *
 * @param claimId     the claim id ({@code claim-...})
 * @param tenant      the tenant the device will belong to
 * @param device      the device id the claim is bound to, or null when the device brings its own
 * @param broker      {@code ssl://host:port}
 * @param secret      the claim secret (32 bytes)
 * @param certificate the claim certificate chain (leaf first)
 * @param key         the claim certificate's private key
 * @param ca          the fleet CA certificates (trusted for the broker)
 * @param configKeys  the fleet's config-signing public keys (Ed25519) the device will trust
 * @param expiresAt   when the claim expires
 */
public record ClaimBundle(String claimId, String tenant, String device, URI broker, byte[] secret,
                          List<X509Certificate> certificate, PrivateKey key, List<X509Certificate> ca,
                          List<PublicKey> configKeys, Instant expiresAt) {

    /** Schema id of the bundle file. */
    public static final String SCHEMA = "porthole.claim/v1";

    /** Prefix of every claim id; device ids may not start with it. */
    public static final String CLAIM_PREFIX = "claim-";

    public ClaimBundle {
        Ids.require("claim id", claimId);
        if (!claimId.startsWith(CLAIM_PREFIX)) {
            throw new ProvisioningException(Kind.MALFORMED, "claim id '" + claimId + "' must start with " + CLAIM_PREFIX);
        }
        Ids.require("tenant id", tenant);
        if (device != null) {
            Ids.require("device id", device);
        }
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new ProvisioningException(Kind.MALFORMED, "claim secret must have at least 16 bytes");
        }
        secret = secret.clone();
        certificate = List.copyOf(certificate);
        Objects.requireNonNull(key, "key");
        ca = List.copyOf(ca);
        configKeys = List.copyOf(configKeys);
        if (configKeys.isEmpty()) {
            throw new ProvisioningException(Kind.MALFORMED, "claim bundle has no config-signing key");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public Optional<String> boundDevice() {
        return Optional.ofNullable(device);
    }

    /** A TLS context presenting the claim certificate and trusting the fleet CA. */
    public SSLContext sslContext() {
        return TlsContexts.clientContext(key, certificate, ca);
    }

    /** The bundle file's JSON. */
    public ObjectNode toJson() {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("claim", claimId);
        o.put("tenant", tenant);
        if (device != null) {
            o.put("device", device);
        }
        o.put("broker", broker.toString());
        o.put("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        o.put("certificate", Pem.certificates(certificate));
        o.put("key", Pem.privateKey(key));
        o.put("ca", Pem.certificates(ca));
        var keys = o.putArray("configKeys");
        configKeys.forEach(k -> keys.add(SigningKeys.publicPem(k)));
        o.put("expiresAt", expiresAt.toString());
        return o;
    }

    /** The bundle file's bytes (UTF-8 JSON). */
    public byte[] toBytes() {
        return StrictJson.pretty(toJson()).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a bundle file; throws {@code MALFORMED} naming the member that is wrong. */
    public static ClaimBundle parse(byte[] bytes) {
        ObjectNode o = StrictJson.parseObject(bytes, "claim bundle");
        if (!SCHEMA.equals(o.path("schema").asText())) {
            throw new ProvisioningException(Kind.MALFORMED, "claim bundle schema is " + o.path("schema")
                    + ", expected " + SCHEMA);
        }
        try {
            return new ClaimBundle(text(o, "claim"), text(o, "tenant"),
                    o.hasNonNull("device") ? text(o, "device") : null, URI.create(text(o, "broker")),
                    Base64.getUrlDecoder().decode(text(o, "secret")),
                    Pem.readCertificates(text(o, "certificate"), "claim bundle certificate"),
                    Pem.readPrivateKey(text(o, "key"), "claim bundle key"),
                    Pem.readCertificates(text(o, "ca"), "claim bundle ca"), configKeys(o),
                    Instant.parse(text(o, "expiresAt")));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ProvisioningException(Kind.MALFORMED, "claim bundle: " + e.getMessage(), e);
        }
    }

    private static List<PublicKey> configKeys(JsonNode o) {
        JsonNode a = o.get("configKeys");
        if (a == null || !a.isArray() || a.isEmpty() || a.size() > 8) {
            throw new ProvisioningException(Kind.MALFORMED, "claim bundle member 'configKeys' must list 1..8 keys");
        }
        List<PublicKey> keys = new java.util.ArrayList<>();
        for (JsonNode k : a) {
            keys.add(SigningKeys.readPublicPem(k.asText()));
        }
        return keys;
    }

    private static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || !n.isTextual()) {
            throw new ProvisioningException(Kind.MALFORMED, "claim bundle member '" + name + "' is missing or not a"
                    + " string");
        }
        return n.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimBundle b && claimId.equals(b.claimId) && java.util.Arrays.equals(secret, b.secret);
    }

    @Override
    public int hashCode() {
        return claimId.hashCode();
    }

    @Override
    public String toString() {
        return "ClaimBundle[claim=" + claimId + ", tenant=" + tenant + ", device=" + (device == null ? "any" : device)
                + ", broker=" + broker + ", expiresAt=" + expiresAt + "]";
    }
}
