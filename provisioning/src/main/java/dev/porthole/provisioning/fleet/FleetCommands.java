package dev.porthole.provisioning.fleet;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.command.CommandProtocol;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.DeviceTopics;
import dev.porthole.provisioning.topic.Ids;

/**
 * {@code porthole fleet command}: sends one command ({@link CommandProtocol}) and waits for its response, assembling
 * chunked binary results (screenshots, logs) and checking their size and SHA-256. Bounded: at most
 * {@link #MAX_BINARY} bytes and {@link #MAX_CHUNKS} chunks per response.
 */
public final class FleetCommands {

    /** The largest binary result accepted. */
    public static final int MAX_BINARY = 64 << 20;
    /** The most chunks accepted. */
    public static final int MAX_CHUNKS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A response.
     *
     * @param device      device id
     * @param command     command name
     * @param ok          status ok
     * @param code        error code when not ok
     * @param message     error message when not ok
     * @param result      the JSON result (ok) or the whole response (error)
     * @param contentType content type of {@link #data()}, or null
     * @param data        binary result, or null
     * @param elapsed     time from request to complete response
     */
    public record Response(String device, String command, boolean ok, String code, String message, JsonNode result,
                           String contentType, byte[] data, Duration elapsed) {
        @Override
        public String toString() {
            return "Response[" + device + " " + command + " " + (ok ? "ok" : "error " + code + ": " + message)
                    + (data == null ? "" : ", " + data.length + " bytes " + contentType) + "]";
        }
    }

    private final FleetDirectory fleet;
    private final MqttLink link;
    private final Map<String, Collector> pending = new ConcurrentHashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    /** Commands over {@code link} (started and connected, or connecting). */
    public FleetCommands(FleetDirectory fleet, MqttLink link) {
        this.fleet = fleet;
        this.link = link;
    }

    /** Sends {@code name} with {@code args} to {@code device} and waits up to {@code timeout} for the full response. */
    public Response send(String device, String name, ObjectNode args, Duration timeout) {
        Ids.require("command name", name);
        DeviceTopics t = new DeviceAddress(fleet.tenant(), device).topics();
        if (subscribed.add(t.response())) {
            int code = link.subscribe(t.response(), 1, this::onResponse);
            if (code < 0 || code >= 0x80) {
                subscribed.remove(t.response());
                throw new ProvisioningException(Kind.NOT_AUTHORIZED, "cannot subscribe to " + t.response()
                        + " (SUBACK " + code + ")");
            }
        }
        byte[] correlation = new byte[16];
        RANDOM.nextBytes(correlation);
        String key = HexFormat.of().formatHex(correlation);
        Collector c = new Collector(device, name, System.nanoTime());
        pending.put(key, c);
        try {
            ObjectNode body = StrictJson.object();
            body.set("args", args == null ? StrictJson.object() : args);
            link.publishAndWait(MqttMessage.to(t.command(name)).payload(StrictJson.bytes(body)).qos(1)
                    .contentType("application/json").responseTopic(t.response()).correlationData(correlation)
                    .messageExpiry(Duration.ofSeconds(Math.max(1, timeout.toSeconds()))).build());
            return c.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProvisioningException(Kind.TIMEOUT, "no response to '" + name + "' from " + device + " within "
                    + timeout.toSeconds() + " s" + c.progress(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProvisioningException p ? p
                    : new ProvisioningException(Kind.MALFORMED, "bad response from " + device + ": " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.TIMEOUT, "interrupted", e);
        } finally {
            pending.remove(key);
        }
    }

    /** Writes the binary result of {@code response} to {@code file} (parent directories made); returns the file. */
    public static java.nio.file.Path save(Response response, java.nio.file.Path file) {
        if (response.data() == null) {
            throw new ProvisioningException(Kind.USAGE, "the response to '" + response.command() + "' has no data");
        }
        java.nio.file.Path parent = file.toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot create " + parent + ": " + e.getMessage(), e);
        }
        dev.porthole.provisioning.store.AtomicFiles.write(file, response.data(),
                dev.porthole.provisioning.store.AtomicFiles.SHAREABLE);
        return file;
    }

    private void onResponse(MqttMessage m) {
        byte[] corr = m.correlationData().orElse(null);
        if (corr == null) {
            return;
        }
        Collector c = pending.get(HexFormat.of().formatHex(corr));
        if (c != null) {
            c.accept(m);
        }
    }

    /** Gathers the messages of one response. */
    private static final class Collector {
        final String device;
        final String command;
        final long started;
        final CompletableFuture<Response> result = new CompletableFuture<>();
        JsonNode header;
        byte[][] chunks;
        int received;
        long size;

        Collector(String device, String command, long started) {
            this.device = device;
            this.command = command;
            this.started = started;
        }

        synchronized String progress() {
            if (header == null) {
                return " (nothing arrived)";
            }
            return chunks == null ? "" : " (" + received + " of " + chunks.length + " chunks arrived)";
        }

        synchronized void accept(MqttMessage m) {
            if (result.isDone()) {
                return;
            }
            try {
                if (m.userProperty("chunk").isPresent()) {
                    chunk(m);
                } else {
                    header(m);
                }
            } catch (ProvisioningException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new ProvisioningException(Kind.MALFORMED, "bad response to '" + command
                        + "' from " + device + ": " + e, e));
            }
        }

        private void header(MqttMessage m) {
            if (m.payloadSize() > 256 * 1024) {
                throw new ProvisioningException(Kind.MALFORMED, "response header is " + m.payloadSize() + " bytes");
            }
            ObjectNode o = StrictJson.parseObject(m.payload(), "response of " + device);
            header = o;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!"ok".equals(o.path("status").asText())) {
                result.complete(new Response(device, command, false, o.path("code").asText(null),
                        o.path("message").asText(null), o, null, null, elapsed));
                return;
            }
            JsonNode r = o.path("result");
            if (!r.has("chunks")) {
                result.complete(new Response(device, command, true, null, null, r, null, null, elapsed));
                return;
            }
            long total = r.path("size").asLong(-1);
            int n = r.path("chunks").asInt(-1);
            if (total < 0 || total > MAX_BINARY || n < 1 || n > MAX_CHUNKS) {
                throw new ProvisioningException(Kind.MALFORMED, "response of " + device + " announces " + total
                        + " bytes in " + n + " chunks; at most " + MAX_BINARY + " bytes, " + MAX_CHUNKS + " chunks");
            }
            size = total;
            chunks = new byte[n][];
            complete();
        }

        private void chunk(MqttMessage m) {
            if (chunks == null) {
                throw new ProvisioningException(Kind.MALFORMED, "chunk before the response header from " + device);
            }
            int i = Integer.parseInt(m.userProperty("chunk").orElseThrow());
            if (i < 0 || i >= chunks.length) {
                throw new ProvisioningException(Kind.MALFORMED, "chunk " + i + " of " + chunks.length + " from " + device);
            }
            if (chunks[i] == null) {
                chunks[i] = m.payload();
                received++;
            }
            complete();
        }

        private void complete() {
            if (received < chunks.length) {
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
            for (byte[] c : chunks) {
                out.writeBytes(c);
                if (out.size() > size) {
                    throw new ProvisioningException(Kind.MALFORMED, "chunks of " + device + " exceed the announced "
                            + size + " bytes");
                }
            }
            byte[] data = out.toByteArray();
            JsonNode r = header.path("result");
            if (data.length != size || !ConfigVerifier.sha256(data).equals(r.path("sha256").asText())) {
                throw new ProvisioningException(Kind.MALFORMED, "chunks of " + device + " do not match the announced"
                        + " size/sha256");
            }
            result.complete(new Response(device, command, true, null, null, r, r.path("contentType").asText(null), data,
                    Duration.ofNanos(System.nanoTime() - started)));
        }
    }
}
