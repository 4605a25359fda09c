package dev.porthole.provisioning.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.DeviceAddress;

/**
 * The device-side check of a received configuration document. In order, each failure a {@link Verdict.Rejected}
 * with its {@link RejectReason} and a message naming what was wrong:
 * <ol>
 *   <li>size at most {@link #maxBytes()};</li>
 *   <li>a JWS compact serialization whose protected header is a JSON object with {@code alg: EdDSA}, no
 *       {@code crit}, {@code typ: }{@value #TYP}, {@code cty: }{@value #CTY}, and a {@code kid} naming a trusted
 *       config-signing key;</li>
 *   <li>the Ed25519 signature over the exact bytes;</li>
 *   <li>only then the payload: a JSON object with the schema id {@link ConfigDocument#SCHEMA}, valid members;</li>
 *   <li>the tenant and device id of this device;</li>
 *   <li>a version greater than the last applied one (persisted by the caller);</li>
 *   <li>{@code notAfter}, when present, not passed.</li>
 * </ol>
 * Nothing of the payload is looked at before the signature verified. Never throws for bad input.
 */
public final class ConfigVerifier {

    /** The JWS {@code typ} of a configuration document (RFC 7515 §4.1.9, explicit typing per RFC 8725 §3.11). */
    public static final String TYP = "porthole-config+jws";

    /** The JWS {@code cty} of a configuration document. */
    public static final String CTY = "porthole.config+json";

    /** The default size cap of a document, 256 KiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private final Map<String, PublicKey> trusted;
    private final int maxBytes;

    /** A verifier trusting {@code keys} (config-signing public keys; their key ids are computed). */
    public ConfigVerifier(List<PublicKey> keys, int maxBytes) {
        if (keys.isEmpty()) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "no trusted config-signing key");
        }
        if (maxBytes < 1024) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "maxBytes must be at least 1024");
        }
        Map<String, PublicKey> m = new LinkedHashMap<>();
        for (PublicKey k : keys) {
            m.put(SigningKeys.keyId(k), k);
        }
        this.trusted = Map.copyOf(m);
        this.maxBytes = maxBytes;
    }

    /** A verifier trusting one key with the default size cap. */
    public static ConfigVerifier trusting(PublicKey key) {
        return new ConfigVerifier(List.of(key), DEFAULT_MAX_BYTES);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Checks {@code bytes} for {@code self}, given the last applied version ({@code 0} when none) and the time now.
     */
    public Verdict verify(byte[] bytes, DeviceAddress self, long lastApplied, Instant now) {
        String sha = sha256(bytes);
        if (bytes.length > maxBytes) {
            return reject(RejectReason.TOO_LARGE, "document is " + bytes.length + " bytes; at most " + maxBytes
                    + " are accepted", sha);
        }
        Jws jws;
        try {
            jws = Jws.parse(bytes, maxBytes);
        } catch (ProvisioningException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), sha);
        }
        ObjectNode h = jws.header();
        JsonNode alg = h.get("alg");
        if (alg == null || !alg.isTextual() || !Jws.ALG.equals(alg.asText())) {
            return reject(RejectReason.UNSUPPORTED_ALGORITHM, "JWS alg is " + describe(alg) + "; only EdDSA (Ed25519)"
                    + " is accepted", sha);
        }
        if (h.has("crit")) {
            return reject(RejectReason.UNSUPPORTED_ALGORITHM, "JWS header has crit extensions, which this device does"
                    + " not understand", sha);
        }
        JsonNode typ = h.get("typ");
        if (typ == null || !TYP.equals(typ.asText(null))) {
            return reject(RejectReason.WRONG_TYPE, "JWS typ is " + describe(typ) + ", expected " + TYP, sha);
        }
        JsonNode cty = h.get("cty");
        if (cty == null || !CTY.equals(cty.asText(null))) {
            return reject(RejectReason.WRONG_TYPE, "JWS cty is " + describe(cty) + ", expected " + CTY, sha);
        }
        JsonNode kid = h.get("kid");
        if (kid == null || !kid.isTextual()) {
            return reject(RejectReason.UNKNOWN_KEY, "JWS header has no kid (key id) string", sha);
        }
        PublicKey key = trusted.get(kid.asText());
        if (key == null) {
            return reject(RejectReason.UNKNOWN_KEY, "JWS kid " + describe(kid) + " is not a trusted config-signing key",
                    sha);
        }
        if (!jws.verify(key)) {
            return reject(RejectReason.BAD_SIGNATURE, "signature does not verify with config-signing key "
                    + kid.asText(), sha);
        }
        ObjectNode payload;
        try {
            payload = StrictJson.parseObject(jws.payload(), "payload");
        } catch (ProvisioningException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), sha);
        }
        OptionalLong version = payload.path("version").canConvertToExactIntegral() && payload.path("version").canConvertToLong()
                ? OptionalLong.of(payload.path("version").asLong()) : OptionalLong.empty();
        String schema = ConfigDocument.schemaOf(payload).orElse(null);
        if (!ConfigDocument.SCHEMA.equals(schema)) {
            return new Verdict.Rejected(RejectReason.UNKNOWN_SCHEMA, "schema "
                    + (schema == null ? "is missing" : "'" + ConfigDocument.printable(schema) + "' is not supported")
                    + "; this device understands " + ConfigDocument.SCHEMA, version, sha);
        }
        ConfigDocument doc;
        try {
            doc = ConfigDocument.fromJson(payload);
        } catch (ProvisioningException e) {
            return new Verdict.Rejected(RejectReason.INVALID_DOCUMENT, e.getMessage(), version, sha);
        }
        if (!doc.tenant().equals(self.tenant())) {
            return new Verdict.Rejected(RejectReason.WRONG_TENANT, "document is for tenant '" + doc.tenant()
                    + "', this device belongs to '" + self.tenant() + "'", version, sha);
        }
        if (!doc.device().equals(self.device())) {
            return new Verdict.Rejected(RejectReason.WRONG_DEVICE, "document is for device '" + doc.device()
                    + "', this device is '" + self.device() + "'", version, sha);
        }
        if (doc.version() <= lastApplied) {
            return new Verdict.Rejected(RejectReason.NOT_NEWER, "version " + doc.version()
                    + " is not newer than the last applied version " + lastApplied + " (replayed or downgraded)",
                    version, sha);
        }
        if (doc.notAfter() != null && !now.isBefore(doc.notAfter())) {
            return new Verdict.Rejected(RejectReason.EXPIRED, "document expired at " + doc.notAfter() + " (now "
                    + now + ")", version, sha);
        }
        return new Verdict.Accepted(doc, kid.asText(), sha);
    }

    /**
     * Re-checks a document read back from the device's own store: signature, type, device binding and schema, but
     * neither version nor expiry (the last good document stays in force offline indefinitely).
     */
    public Verdict verifyStored(byte[] bytes, DeviceAddress self) {
        Verdict v = verify(bytes, self, 0, Instant.MIN);
        return v;
    }

    private static Verdict reject(RejectReason reason, String message, String sha) {
        return new Verdict.Rejected(reason, message, OptionalLong.empty(), sha);
    }

    private static String describe(JsonNode n) {
        if (n == null) {
            return "missing";
        }
        return n.isTextual() ? "'" + ConfigDocument.printable(n.asText()) + "'" : n.getNodeType().toString();
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new ProvisioningException(ProvisioningException.Kind.CRYPTO, "SHA-256 unavailable", e);
        }
    }
}
