package dev.porthole.provisioning.command;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.DeviceTopics;
import dev.porthole.provisioning.topic.Ids;

/**
 * The device side of commands ({@link CommandProtocol}): subscribes to {@code cmd/+} on the device's link and
 * answers every request — unknown commands, malformed and retained requests get an error response, never silence.
 * Responses go to the request's response topic when it lies in the device's own subtree, else to {@code rsp}.
 * Requests run on virtual threads, at most {@link #MAX_CONCURRENT} at a time (more: {@code busy}); a redelivered
 * request (same correlation data) is not run twice. A retained command (which would otherwise fire at every
 * connection) is refused and cleared.
 */
public final class CommandService {

    /** Commands running at once. */
    public static final int MAX_CONCURRENT = 4;

    private static final TaggedLogger LOG = Logger.tag("provisioning");
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private final DeviceAddress self;
    private final DeviceTopics topics;
    private final MqttLink link;
    private final DeviceControl control;
    private final InstantSource clock;
    private final LongSupplier session;
    private final int chunkBytes;
    private final int maxLogBytes;
    private final int maxBinaryBytes;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 256;
        }
    };

    /**
     * @param session        the session counter to report in {@code ping}
     * @param chunkBytes     size of binary chunks
     * @param maxLogBytes    cap of a {@code logs} answer
     * @param maxBinaryBytes cap of any binary answer (a larger screenshot is refused)
     */
    public CommandService(DeviceAddress self, MqttLink link, DeviceControl control, InstantSource clock,
                          LongSupplier session, int chunkBytes, int maxLogBytes, int maxBinaryBytes) {
        this.self = Objects.requireNonNull(self, "self");
        this.topics = self.topics();
        this.link = Objects.requireNonNull(link, "link");
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Objects.requireNonNull(session, "session");
        if (chunkBytes < 1024 || maxLogBytes < 1 || maxBinaryBytes < chunkBytes) {
            throw new ProvisioningException(ProvisioningException.Kind.USAGE, "chunkBytes must be >= 1024 and"
                    + " maxBinaryBytes >= chunkBytes");
        }
        this.chunkBytes = chunkBytes;
        this.maxLogBytes = maxLogBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    /** Defaults: 128 KiB chunks, logs up to 256 KiB, binary answers up to 16 MiB. */
    public static CommandService standard(DeviceAddress self, MqttLink link, DeviceControl control, InstantSource clock,
                                          LongSupplier session) {
        return new CommandService(self, link, control, clock, session, 128 * 1024, 256 * 1024, 16 << 20);
    }

    /** Subscribes to the device's command topics (kept across reconnects). */
    public void register() {
        link.subscribe(topics.commands(), 1, this::onRequest);
    }

    private void onRequest(MqttMessage m) {
        String name = m.topic().substring(topics.commandPrefix().length());
        String replyTo = m.responseTopic().filter(topics::contains).orElse(topics.response());
        byte[] correlation = m.correlationData().orElse(null);
        Reply reply = new Reply(name, replyTo, correlation);
        if (m.retained()) {
            if (m.payloadSize() > 0) {
                // clear it, so it does not fire again at every connection
                link.publish(MqttMessage.to(m.topic()).retained(true).qos(1).build());
                reply.error(CommandProtocol.RETAINED, "retained commands are refused (they would run at every"
                        + " connection); publish commands without the retain flag");
            }
            return;
        }
        if (correlation == null && m.payloadSize() == 0 && m.responseTopic().isEmpty()) {
            // the echo of a retained command being cleared (ours or the fleet's): not a request
            LOG.debug("empty command message ignored device={} topic={}", self, m.topic());
            return;
        }
        if (correlation == null) {
            reply.error(CommandProtocol.MALFORMED, "a command request needs correlation data (MQTT 5 request/response)");
            return;
        }
        String key = name + "/" + HexFormat.of().formatHex(correlation);
        synchronized (seen) {
            if (seen.put(key, Boolean.TRUE) != null) {
                LOG.info("command redelivered, not run again device={} command={}", self, printable(name));
                return;
            }
        }
        if (!Ids.valid(name) || !CommandProtocol.COMMANDS.contains(name)) {
            reply.error(CommandProtocol.UNKNOWN_COMMAND, "unknown command '" + printable(name) + "'; known: "
                    + String.join(", ", CommandProtocol.COMMANDS));
            return;
        }
        ObjectNode args;
        try {
            args = args(m);
        } catch (ProvisioningException e) {
            reply.error(CommandProtocol.MALFORMED, e.getMessage());
            return;
        }
        if (!slots.tryAcquire()) {
            reply.error(CommandProtocol.BUSY, MAX_CONCURRENT + " commands are running; try again");
            return;
        }
        LOG.info("command received device={} command={}", self, name);
        Thread.ofVirtual().name("cmd-" + name).start(() -> {
            try {
                run(name, args, reply);
            } catch (UnsupportedOperationException e) {
                reply.error(CommandProtocol.UNSUPPORTED, "this device does not support '" + name + "'");
            } catch (RuntimeException e) {
                LOG.warn("command failed device={} command={} error={}", self, name, e.toString());
                reply.error(CommandProtocol.FAILED, String.valueOf(e.getMessage()));
            } finally {
                slots.release();
            }
        });
    }

    static ObjectNode args(MqttMessage m) {
        if (m.payloadSize() == 0) {
            return StrictJson.object();
        }
        if (m.payloadSize() > CommandProtocol.MAX_REQUEST_BYTES) {
            throw new ProvisioningException(ProvisioningException.Kind.MALFORMED, "request is " + m.payloadSize()
                    + " bytes; at most " + CommandProtocol.MAX_REQUEST_BYTES);
        }
        ObjectNode o = StrictJson.parseObject(m.payload(), "command request");
        JsonNode args = o.get("args");
        if (args == null) {
            return StrictJson.object();
        }
        if (!(args instanceof ObjectNode a)) {
            throw new ProvisioningException(ProvisioningException.Kind.MALFORMED, "command request 'args' must be an"
                    + " object");
        }
        return a;
    }

    private void run(String name, ObjectNode args, Reply reply) {
        switch (name) {
            case "ping" -> {
                ObjectNode r = StrictJson.object();
                r.put("pong", true);
                r.put("at", clock.instant().toString());
                r.put("session", session.getAsLong());
                if (args.has("nonce")) {
                    r.put("nonce", args.path("nonce").asText());
                }
                reply.ok(r);
            }
            case "reconnect" -> {
                control.reconnectSession();
                reply.ok(null);
            }
            case "reboot" -> {
                reply.okAndWait(StrictJson.object().put("accepted", true));
                control.reboot();
            }
            case "screenshot" -> reply.binary(control.screenshotPng(), "image/png");
            case "logs" -> {
                int max = maxLogBytes;
                if (args.has("maxBytes")) {
                    if (!args.path("maxBytes").canConvertToInt() || args.path("maxBytes").asInt() < 1) {
                        reply.error(CommandProtocol.MALFORMED, "args.maxBytes must be a positive integer");
                        return;
                    }
                    max = Math.min(max, args.path("maxBytes").asInt());
                }
                byte[] tail = control.logTail(max);
                if (tail.length > max) {
                    tail = java.util.Arrays.copyOfRange(tail, tail.length - max, tail.length);
                }
                reply.binary(tail, "text/plain; charset=utf-8");
            }
            case "set-log-level" -> {
                String level = args.path("level").asText("");
                if (!LEVELS.contains(level)) {
                    reply.error(CommandProtocol.MALFORMED, "args.level must be one of trace, debug, info, warn, error;"
                            + " got '" + printable(level) + "'");
                    return;
                }
                control.setLogLevel(level);
                reply.ok(StrictJson.object().put("level", level));
            }
            default -> reply.error(CommandProtocol.UNKNOWN_COMMAND, "unknown command '" + name + "'");
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> sb.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp));
        return sb.toString();
    }

    /** Sends the response(s) of one request. */
    private final class Reply {
        private final String command;
        private final String topic;
        private final byte[] correlation;

        Reply(String command, String topic, byte[] correlation) {
            this.command = command;
            this.topic = topic;
            this.correlation = correlation;
        }

        private MqttMessage.Builder message(String status) {
            MqttMessage.Builder b = MqttMessage.to(topic).qos(1).userProperty("status", status)
                    .messageExpiry(Duration.ofMinutes(10));
            if (correlation != null) {
                b.correlationData(correlation);
            }
            return b;
        }

        void ok(JsonNode result) {
            send(message("ok").payload(StrictJson.bytes(CommandProtocol.ok(command, result)))
                    .contentType("application/json").build(), false);
        }

        void okAndWait(JsonNode result) {
            send(message("ok").payload(StrictJson.bytes(CommandProtocol.ok(command, result)))
                    .contentType("application/json").build(), true);
        }

        void error(String code, String message) {
            LOG.info("command refused device={} command={} code={}", self, printable(command), code);
            send(message("error").payload(StrictJson.bytes(CommandProtocol.error(printable(command), code, message)))
                    .contentType("application/json").build(), false);
        }

        void binary(byte[] data, String contentType) {
            if (data.length > maxBinaryBytes) {
                error(CommandProtocol.FAILED, command + " produced " + data.length + " bytes; at most "
                        + maxBinaryBytes + " are sent");
                return;
            }
            int chunks = Math.max(1, (data.length + chunkBytes - 1) / chunkBytes);
            ObjectNode r = StrictJson.object();
            r.put("contentType", contentType);
            r.put("size", data.length);
            r.put("sha256", ConfigVerifier.sha256(data));
            r.put("chunks", chunks);
            okAndWait(r);
            for (int i = 0; i < chunks; i++) {
                int from = i * chunkBytes;
                byte[] part = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + chunkBytes));
                send(message("ok").payload(part).contentType(contentType).userProperty("chunk", Integer.toString(i))
                        .userProperty("chunks", Integer.toString(chunks)).build(), true);
            }
            LOG.info("command answered device={} command={} bytes={} chunks={}", self, command, data.length, chunks);
        }

        private void send(MqttMessage m, boolean wait) {
            try {
                if (wait) {
                    link.publishAndWait(m);
                } else {
                    link.publish(m).whenComplete((c, e) -> {
                        if (e != null) {
                            LOG.warn("command response not delivered device={} command={} error={}", self, command,
                                    e.getMessage());
                        }
                    });
                }
            } catch (ProvisioningException e) {
                LOG.warn("command response not delivered device={} command={} error={}", self, command, e.getMessage());
            }
        }
    }

}
