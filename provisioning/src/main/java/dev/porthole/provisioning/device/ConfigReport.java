package dev.porthole.provisioning.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;

/**
 * The device's account of its configuration, published retained on {@code config/reported}:
 * <pre>{@code
 * {"schema":"porthole.reported/v1","status":"rejected","version":7,"attempted":8,
 *  "reason":"bad-signature","message":"signature does not verify with ...","sha256":"…",
 *  "good":[7,5,4],"at":"2026-05-01T10:00:00Z"}
 * }</pre>
 *
 * @param status    {@code applied}, {@code rejected} or {@code pending}
 * @param version   the version in force (0: none)
 * @param attempted the version this report is about (0 when unreadable)
 * @param reason    the {@link dev.porthole.provisioning.config.RejectReason#code() reason code} (null when applied)
 * @param message   details for people (bounded)
 * @param sha256    SHA-256 of the document this report is about
 * @param good      good versions kept, newest first
 * @param at        when
 */
public record ConfigReport(String status, long version, long attempted, String reason, String message, String sha256,
                           List<Long> good, Instant at) {

    /** The schema id of the report. */
    public static final String SCHEMA = "porthole.reported/v1";
    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";
    public static final String PENDING = "pending";

    private static final int MAX_MESSAGE = 1000;

    public ConfigReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        good = List.copyOf(good);
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("status", status);
        o.put("version", version);
        o.put("attempted", attempted);
        if (reason != null) {
            o.put("reason", reason);
        }
        if (message != null) {
            o.put("message", message);
        }
        if (sha256 != null) {
            o.put("sha256", sha256);
        }
        ArrayNode g = o.putArray("good");
        good.forEach(g::add);
        o.put("at", at.toString());
        return o;
    }

    /** Reads a report (fleet side, or from the store); throws {@code MALFORMED} naming the member. */
    public static ConfigReport fromJson(JsonNode o) {
        if (!(o instanceof ObjectNode) || !SCHEMA.equals(o.path("schema").asText())) {
            throw new ProvisioningException(Kind.MALFORMED, "not a " + SCHEMA + " report");
        }
        String status = o.path("status").asText(null);
        if (!APPLIED.equals(status) && !REJECTED.equals(status) && !PENDING.equals(status)) {
            throw new ProvisioningException(Kind.MALFORMED, "report status " + o.path("status") + " is unknown");
        }
        List<Long> good = new java.util.ArrayList<>();
        for (JsonNode v : o.path("good")) {
            if (good.size() < 16) {
                good.add(v.asLong());
            }
        }
        Instant at;
        try {
            at = Instant.parse(o.path("at").asText());
        } catch (RuntimeException e) {
            throw new ProvisioningException(Kind.MALFORMED, "report 'at' is not an instant", e);
        }
        return new ConfigReport(status, o.path("version").asLong(), o.path("attempted").asLong(),
                text(o, "reason"), text(o, "message"), text(o, "sha256"), good, at);
    }

    private static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        return n == null || !n.isTextual() ? null : n.asText();
    }
}
