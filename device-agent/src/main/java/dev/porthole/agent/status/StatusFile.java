package dev.porthole.agent.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.store.AtomicFiles;

/**
 * Writes and reads {@code <state>/status.json} (crash-safe writes, mode {@code 0644}: the status holds no secret and
 * support tools may read it). Reading is strict and bounded; {@link #inspect} says whether the writer is still alive.
 */
public final class StatusFile {

    /** The running agent rewrites its status at least this often. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** A status older than this (three heartbeats) is stale. */
    public static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(3);

    static final int MAX_BYTES = 64 * 1024;

    private static final Set<String> FIELDS = Set.of("pid", "startedAt", "updatedAt", "uptimeSeconds", "state", "detail",
            "host", "reconnects", "configSource", "displayBackend", "displayMode", "inputDevices");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(8192)
                            .maxNumberLength(24).maxDocumentLength(MAX_BYTES).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    private final Path file;

    public StatusFile(Path file) {
        this.file = file;
    }

    public static StatusFile of(StateDirectory state) {
        return new StatusFile(state.status());
    }

    public Path path() {
        return file;
    }

    /** Writes {@code status} crash-safely (temp file, fsync, rename, fsync directory). */
    public void write(AgentStatus status) {
        AtomicFiles.directory(file.toAbsolutePath().getParent(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(file, toJson(status), AtomicFiles.SHAREABLE);
    }

    /** Removes the status (clean shutdown). */
    public void delete() {
        AtomicFiles.delete(file);
    }

    /** The JSON form (indented, UTF-8); includes {@code uptimeSeconds} for readers that do not compute it. */
    public static byte[] toJson(AgentStatus s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("pid", s.pid());
            g.writeStringField("startedAt", s.startedAt().toString());
            g.writeStringField("updatedAt", s.updatedAt().toString());
            g.writeNumberField("uptimeSeconds", s.uptime().toSeconds());
            g.writeStringField("state", s.state());
            g.writeStringField("detail", s.detail());
            g.writeStringField("host", s.host());
            g.writeNumberField("reconnects", s.reconnects());
            g.writeStringField("configSource", s.configSource());
            g.writeStringField("displayBackend", s.displayBackend());
            g.writeStringField("displayMode", s.displayMode());
            g.writeArrayFieldStart("inputDevices");
            for (String d : s.inputDevices()) {
                g.writeString(d);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads the status; empty when the file does not exist. */
    public Optional<AgentStatus> read() {
        byte[] data;
        try {
            data = AtomicFiles.read(file, MAX_BYTES).orElse(null);
        } catch (ProvisioningException e) {
            throw new StatusException(e.getMessage(), e);
        }
        return data == null ? Optional.empty() : Optional.of(parse(data, file.toString()));
    }

    /** Parses the JSON form; {@code what} names it in errors. */
    public static AgentStatus parse(byte[] data, String what) {
        JsonNode n;
        try {
            n = MAPPER.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StatusException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StatusException("cannot read " + what + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new StatusException(what + " must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw new StatusException(what + ": unknown field '" + name + "'");
            }
        }
        try {
            List<String> devices = new ArrayList<>();
            JsonNode d = n.get("inputDevices");
            if (d != null) {
                if (!d.isArray()) {
                    throw new StatusException(what + ": inputDevices must be an array");
                }
                for (JsonNode e : d) {
                    devices.add(text(e, what, "inputDevices[]"));
                }
            }
            return new AgentStatus(number(n.get("pid"), what, "pid"), instant(n, what, "startedAt"),
                    instant(n, what, "updatedAt"), text(n.get("state"), what, "state"), optText(n, what, "detail"),
                    optText(n, what, "host"), n.has("reconnects") ? (int) Math.min(Integer.MAX_VALUE, number(n.get("reconnects"), what, "reconnects")) : 0,
                    optText(n, what, "configSource"), optText(n, what, "displayBackend"), optText(n, what, "displayMode"),
                    devices);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StatusException(what + ": " + e.getMessage(), e);
        }
    }

    private static long number(JsonNode n, String what, String field) {
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new StatusException(what + ": " + field + " must be a whole number");
        }
        return n.asLong();
    }

    private static String text(JsonNode n, String what, String field) {
        if (n == null || !n.isTextual()) {
            throw new StatusException(what + ": " + field + " must be a string");
        }
        return n.asText();
    }

    private static String optText(JsonNode parent, String what, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? "" : text(n, what, field);
    }

    private static Instant instant(JsonNode parent, String what, String field) {
        String s = text(parent.get(field), what, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw new StatusException(what + ": " + field + " '" + s + "' is not an ISO-8601 instant");
        }
    }

    /** What {@code porthole status} concludes about the file. */
    public enum Liveness {
        /** The writer process is alive and the status is fresh. */
        RUNNING,
        /** The writer process is alive but has not written for {@link #STALE_AFTER} (hung?). */
        STALE,
        /** The writer process no longer exists: the status is the last one before it stopped. */
        NOT_RUNNING
    }

    /** {@link Liveness} of {@code s} at {@code now}; {@code alive} says whether a pid exists. */
    public static Liveness inspect(AgentStatus s, Instant now, LongPredicate alive) {
        if (!alive.test(s.pid())) {
            return Liveness.NOT_RUNNING;
        }
        return Duration.between(s.updatedAt(), now).compareTo(STALE_AFTER) > 0 ? Liveness.STALE : Liveness.RUNNING;
    }

    /** Whether process {@code pid} exists on this machine. */
    public static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The status file cannot be read. */
    public static final class StatusException extends RuntimeException {
        public StatusException(String message) {
            super(message);
        }

        public StatusException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
