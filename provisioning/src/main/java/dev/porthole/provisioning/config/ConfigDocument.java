package dev.porthole.provisioning.config;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.Ids;

/**
 * A full configuration document for one device (never a patch), the payload of a signed {@code config/desired}
 * message:
 * <pre>{@code
 * {
 *   "schema":   "porthole.config/v1",
 *   "tenant":   "acme",
 *   "device":   "kiosk-7",
 *   "version":  12,                                  // only goes up; 1 .. 2^53-1
 *   "issuedAt": "2026-05-01T10:00:00Z",
 *   "notAfter": "2026-05-08T10:00:00Z",              // optional: not accepted as new after this instant
 *   "layers":   ["fleet@3", "group:lobby@7", "device@2", "priority@1"],   // optional: provenance
 *   "settings": { ... }                              // everything the device agent's configuration holds
 * }
 * }</pre>
 * Unknown top-level members are refused: a new member means a new schema id.
 *
 * @param schema   the schema id, {@link #SCHEMA} for this version
 * @param tenant   the tenant the document is for
 * @param device   the device the document is for
 * @param version  the document version, strictly increasing per device
 * @param issuedAt when the fleet issued it
 * @param notAfter after this instant the document is no longer accepted as new (null: never)
 * @param layers   the layers it was merged from, for explanation (may be empty)
 * @param settings the settings object (deep-copied in and out)
 */
public record ConfigDocument(String schema, String tenant, String device, long version, Instant issuedAt,
                             Instant notAfter, List<String> layers, ObjectNode settings) {

    /** The schema id of this document format. */
    public static final String SCHEMA = "porthole.config/v1";

    /** The largest version (the largest integer a JSON number carries exactly everywhere). */
    public static final long MAX_VERSION = (1L << 53) - 1;

    private static final Set<String> MEMBERS = Set.of("schema", "tenant", "device", "version", "issuedAt", "notAfter",
            "layers", "settings");

    public ConfigDocument {
        Objects.requireNonNull(schema, "schema");
        Ids.require("tenant id", tenant);
        Ids.require("device id", device);
        if (version < 1 || version > MAX_VERSION) {
            throw new ProvisioningException(Kind.MALFORMED, "version must be 1.." + MAX_VERSION + ", not " + version);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (notAfter != null && !notAfter.isAfter(issuedAt)) {
            throw new ProvisioningException(Kind.MALFORMED, "notAfter " + notAfter + " is not after issuedAt " + issuedAt);
        }
        layers = List.copyOf(layers);
        settings = Objects.requireNonNull(settings, "settings").deepCopy();
    }

    /** A document of {@link #SCHEMA} for {@code address}. */
    public static ConfigDocument of(DeviceAddress address, long version, Instant issuedAt, Instant notAfter,
                                    List<String> layers, ObjectNode settings) {
        return new ConfigDocument(SCHEMA, address.tenant(), address.device(), version, issuedAt, notAfter, layers,
                settings);
    }

    /** The device it is for. */
    public DeviceAddress address() {
        return new DeviceAddress(tenant, device);
    }

    public Optional<Instant> notAfterInstant() {
        return Optional.ofNullable(notAfter);
    }

    /** A copy of the settings. */
    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /** The JSON object, members in the order shown in the class comment. */
    public ObjectNode toJson() {
        ObjectNode o = StrictJson.object();
        o.put("schema", schema);
        o.put("tenant", tenant);
        o.put("device", device);
        o.put("version", version);
        o.put("issuedAt", issuedAt.toString());
        if (notAfter != null) {
            o.put("notAfter", notAfter.toString());
        }
        if (!layers.isEmpty()) {
            ArrayNode a = o.putArray("layers");
            layers.forEach(a::add);
        }
        o.set("settings", settings.deepCopy());
        return o;
    }

    /** The schema member of a payload, if it is a string. */
    static Optional<String> schemaOf(ObjectNode json) {
        JsonNode s = json.get("schema");
        return s != null && s.isTextual() ? Optional.of(s.asText()) : Optional.empty();
    }

    /** Reads a {@link #SCHEMA} document; throws {@code MALFORMED} naming the member that is wrong. */
    public static ConfigDocument fromJson(ObjectNode json) {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                throw malformed("unknown member '" + printable(name) + "'");
            }
        }
        String schema = text(json, "schema", true);
        if (!SCHEMA.equals(schema)) {
            throw malformed("schema is '" + printable(schema) + "', expected '" + SCHEMA + "'");
        }
        String tenant = text(json, "tenant", true);
        String device = text(json, "device", true);
        String tenantProblem = Ids.problem(tenant);
        if (tenantProblem != null) {
            throw malformed("tenant " + tenantProblem);
        }
        String deviceProblem = Ids.problem(device);
        if (deviceProblem != null) {
            throw malformed("device " + deviceProblem);
        }
        JsonNode v = json.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw malformed("version must be an integer");
        }
        long version = v.asLong();
        if (version < 1 || version > MAX_VERSION) {
            throw malformed("version must be 1.." + MAX_VERSION + ", not " + version);
        }
        Instant issuedAt = instant(json, "issuedAt", true);
        Instant notAfter = instant(json, "notAfter", false);
        if (notAfter != null && !notAfter.isAfter(issuedAt)) {
            throw malformed("notAfter " + notAfter + " is not after issuedAt " + issuedAt);
        }
        List<String> layers = new ArrayList<>();
        JsonNode l = json.get("layers");
        if (l != null) {
            if (!l.isArray() || l.size() > 64) {
                throw malformed("layers must be an array of at most 64 strings");
            }
            for (JsonNode e : l) {
                if (!e.isTextual() || e.asText().length() > 256) {
                    throw malformed("layers must hold strings of at most 256 characters");
                }
                layers.add(e.asText());
            }
        }
        JsonNode s = json.get("settings");
        if (!(s instanceof ObjectNode settings)) {
            throw malformed("settings must be a JSON object");
        }
        return new ConfigDocument(schema, tenant, device, version, issuedAt, notAfter, layers, settings);
    }

    private static String text(ObjectNode json, String name, boolean required) {
        JsonNode n = json.get(name);
        if (n == null) {
            if (required) {
                throw malformed(name + " is missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw malformed(name + " must be a string, not " + n.getNodeType());
        }
        return n.asText();
    }

    private static Instant instant(ObjectNode json, String name, boolean required) {
        String t = text(json, name, required);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw malformed(name + " must be an RFC 3339 UTC instant like 2026-05-01T10:00:00Z, not '" + printable(t)
                    + "'");
        }
    }

    private static ProvisioningException malformed(String message) {
        return new ProvisioningException(Kind.MALFORMED, "configuration document: " + message);
    }

    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> sb.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp));
        return s.length() > 80 ? sb + "…" : sb.toString();
    }

    @Override
    public String toString() {
        return "ConfigDocument[" + tenant + "/" + device + " v" + version + ", schema=" + schema + ", issuedAt="
                + issuedAt + (notAfter == null ? "" : ", notAfter=" + notAfter) + ", layers=" + layers + "]";
    }
}
