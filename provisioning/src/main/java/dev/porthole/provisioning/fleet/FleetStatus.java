package dev.porthole.provisioning.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.device.ConfigReport;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.FleetTopics;

/**
 * {@code porthole fleet status}: what every device of the tenant says about itself, from the retained
 * {@code birth}, {@code state} and {@code config/reported} messages (and live updates while watching), joined with
 * the enrolled devices of the fleet directory and the versions pushed to them.
 */
public final class FleetStatus {

    private static final TaggedLogger LOG = Logger.tag("provisioning");
    private static final int MAX_PAYLOAD = 64 * 1024;
    private static final int MAX_DEVICES = 1_000_000;

    /**
     * One device.
     *
     * @param device        device id
     * @param state         online, in-session, updating, offline, or {@code unknown} (never seen)
     * @param session       session counter of its current/last connection
     * @param applied       configuration version in force
     * @param configStatus  applied, rejected, pending (or empty)
     * @param attempted     version the config status is about
     * @param reason        reason code of a rejection
     * @param message       details of the report
     * @param lastSeen      the newest timestamp among its messages (device clock)
     * @param pushed        latest version the fleet pushed to it (0: none)
     * @param agentVersion  from its birth message
     */
    public record Row(String device, String state, long session, long applied, String configStatus, long attempted,
                      String reason, String message, Instant lastSeen, long pushed, String agentVersion) {

        /** A short description of what is wrong, or empty. */
        public String errors() {
            if (ConfigReport.REJECTED.equals(configStatus)) {
                return "v" + attempted + " rejected: " + reason;
            }
            if (ConfigReport.PENDING.equals(configStatus)) {
                return "v" + attempted + " pending";
            }
            if (pushed > applied && !"offline".equals(state) && ConfigReport.APPLIED.equals(configStatus)) {
                return "v" + pushed + " not applied yet";
            }
            return "";
        }

        Row with(String newState, long newSession, long newApplied, String newStatus, long newAttempted,
                 String newReason, String newMessage, Instant seen, String newAgent) {
            Instant last = lastSeen == null ? seen : seen == null ? lastSeen : seen.isAfter(lastSeen) ? seen : lastSeen;
            return new Row(device, newState, newSession, newApplied, newStatus, newAttempted, newReason, newMessage,
                    last, pushed, newAgent);
        }
    }

    private final FleetDirectory fleet;
    private final FleetTopics topics;
    private final Map<String, Row> rows = new TreeMap<>();
    private final FleetPush push;

    public FleetStatus(FleetDirectory fleet) {
        this.fleet = fleet;
        this.topics = new FleetTopics(fleet.tenant());
        this.push = new FleetPush(fleet, java.time.InstantSource.system());
        for (DeviceRegistry.Device d : new DeviceRegistry(fleet).all()) {
            rows.put(d.device(), new Row(d.device(), "unknown", 0, 0, "", 0, null, null, null,
                    push.latest(d.device()).orElse(0L), null));
        }
    }

    /** Subscribes {@code link} (not started yet, or connected) to the tenant's status topics. */
    public void attach(MqttLink link, Consumer<Row> onChange) {
        for (String leaf : List.of("birth", "state", "config/reported")) {
            link.subscribe(topics.everyDevice(leaf), 1, m -> {
                Optional<Row> r = accept(m);
                r.ifPresent(onChange);
            });
        }
    }

    /** Takes a message into the table; returns the changed row. */
    public synchronized Optional<Row> accept(MqttMessage m) {
        Optional<FleetTopics.Parsed> p = topics.parse(m.topic());
        if (p.isEmpty() || m.payloadSize() == 0 || m.payloadSize() > MAX_PAYLOAD) {
            return Optional.empty();
        }
        String device = p.get().address().device();
        if (!rows.containsKey(device) && rows.size() >= MAX_DEVICES) {
            return Optional.empty();
        }
        Row r = rows.getOrDefault(device, new Row(device, "unknown", 0, 0, "", 0, null, null, null, 0, null));
        JsonNode o;
        try {
            o = StrictJson.parseObject(m.payload(), m.topic());
        } catch (RuntimeException e) {
            LOG.warn("status message ignored topic={} error={}", m.topic(), e.getMessage());
            return Optional.empty();
        }
        Instant at = instant(o.path("at").asText(null));
        Row updated = switch (p.get().leaf()) {
            case "state" -> {
                long session = o.path("session").asLong();
                if ("offline".equals(o.path("state").asText()) && session < r.session()) {
                    yield r; // a stale will of an earlier connection
                }
                yield r.with(o.path("state").asText("unknown"), Math.max(session, r.session()), r.applied(),
                        r.configStatus(), r.attempted(), r.reason(), r.message(), "offline".equals(o.path("state")
                                .asText()) ? null : at, r.agentVersion());
            }
            case "birth" -> r.with(r.state(), Math.max(o.path("session").asLong(), r.session()),
                    Math.max(r.applied(), o.path("configVersion").asLong()), r.configStatus(), r.attempted(), r.reason(),
                    r.message(), at, o.path("agentVersion").asText(null));
            case "config/reported" -> {
                try {
                    ConfigReport rep = ConfigReport.fromJson(o);
                    yield r.with(r.state(), r.session(), rep.version(), rep.status(), rep.attempted(), rep.reason(),
                            rep.message(), rep.at(), r.agentVersion());
                } catch (RuntimeException e) {
                    LOG.warn("status report ignored topic={} error={}", m.topic(), e.getMessage());
                    yield r;
                }
            }
            default -> r;
        };
        rows.put(device, updated);
        return Optional.of(updated);
    }

    /** The table now, sorted by device (with the versions pushed as of now). */
    public synchronized List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (Row r : rows.values()) {
            out.add(withPushed(r));
        }
        return out;
    }

    /** The row of one device. */
    public synchronized Optional<Row> row(String device) {
        return Optional.ofNullable(rows.get(device)).map(this::withPushed);
    }

    private Row withPushed(Row r) {
        long pushed = push.latest(r.device()).orElse(0L);
        return pushed == r.pushed() ? r : new Row(r.device(), r.state(), r.session(), r.applied(), r.configStatus(),
                r.attempted(), r.reason(), r.message(), r.lastSeen(), pushed, r.agentVersion());
    }

    /** Collects retained messages until none came for {@code quiet} (at most {@code max}); returns the rows. */
    public List<Row> snapshot(MqttLink link, Duration quiet, Duration max) {
        long[] lastChange = {System.nanoTime()};
        attach(link, r -> lastChange[0] = System.nanoTime());
        link.start();
        long start = System.nanoTime();
        link.awaitConnected(max);
        lastChange[0] = Math.max(lastChange[0], System.nanoTime());
        while (System.nanoTime() - start < max.toNanos() && System.nanoTime() - lastChange[0] < quiet.toNanos()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rows();
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A plain-text table. */
    public static String table(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"DEVICE", "STATE", "APPLIED", "PUSHED", "CONFIG", "LAST SEEN", "ERRORS"});
        for (Row r : rows) {
            cells.add(new String[] {r.device(), r.state(), r.applied() == 0 ? "-" : Long.toString(r.applied()),
                    r.pushed() == 0 ? "-" : Long.toString(r.pushed()), r.configStatus().isEmpty() ? "-" : r.configStatus(),
                    r.lastSeen() == null ? "-" : r.lastSeen().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), r.errors().isEmpty() ? "-" : r.errors()});
        }
        int[] width = new int[7];
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                sb.append(i == c.length - 1 ? c[i] : String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", c[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** JSON: an array of device objects. */
    public static String json(List<Row> rows) {
        ArrayNode a = StrictJson.mapper().createArrayNode();
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("device", r.device());
            o.put("state", r.state());
            o.put("session", r.session());
            o.put("applied", r.applied());
            o.put("pushed", r.pushed());
            o.put("config", r.configStatus());
            o.put("attempted", r.attempted());
            if (r.reason() != null) {
                o.put("reason", r.reason());
            }
            if (r.message() != null) {
                o.put("message", r.message());
            }
            if (r.lastSeen() != null) {
                o.put("lastSeen", r.lastSeen().toString());
            }
            if (r.agentVersion() != null) {
                o.put("agentVersion", r.agentVersion());
            }
            o.put("errors", r.errors());
        }
        return StrictJson.pretty(a);
    }
}
