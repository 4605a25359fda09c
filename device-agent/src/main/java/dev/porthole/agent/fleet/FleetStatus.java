package dev.porthole.agent.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.store.AtomicFiles;

/**
 * What the fleet link is doing, for the run log and {@code <provisioning state>/fleet-status.json}
 * ({@code porthole.fleet-status/v1}: {@code phase}, {@code detail}, {@code at}).
 *
 * @param phase  {@code waiting} (no claim file), {@code enrolling}, {@code enrolled}, {@code failed}, {@code connected}
 * @param detail one human line
 */
record FleetStatus(String phase, String detail) {

    /** Name of the status file in the provisioning state directory. */
    static final String FILE = "fleet-status.json";

    static FleetStatus waiting(String detail) {
        return new FleetStatus("waiting", detail);
    }

    static FleetStatus enrolling(String detail) {
        return new FleetStatus("enrolling", detail);
    }

    static FleetStatus enrolled(String detail) {
        return new FleetStatus("enrolled", detail);
    }

    static FleetStatus failed(String detail) {
        return new FleetStatus("failed", detail);
    }

    static FleetStatus started(String detail) {
        return new FleetStatus("started", detail);
    }

    /** The status file in {@code provisioningState}: empty when there is none, a one-line problem when it cannot be used. */
    static java.util.Optional<FleetStatus> read(Path provisioningState) {
        java.util.Optional<byte[]> b;
        try {
            b = AtomicFiles.read(provisioningState.resolve(FILE), 64 * 1024);
        } catch (RuntimeException e) {
            return java.util.Optional.of(new FleetStatus("unknown", "cannot read " + FILE + ": " + e.getMessage()));
        }
        if (b.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            ObjectNode o = StrictJson.parseObject(b.get(), FILE);
            return java.util.Optional.of(new FleetStatus(o.path("phase").asText("unknown"),
                    o.path("detail").asText("") + (o.hasNonNull("at") ? " (" + o.path("at").asText() + ")" : "")));
        } catch (RuntimeException e) {
            return java.util.Optional.of(new FleetStatus("unknown", FILE + " is not valid: " + e.getMessage()));
        }
    }

    /** Writes the status file (crash-safe, readable by the status tools). */
    void write(Path provisioningState, Instant at) {
        ObjectNode o = StrictJson.object();
        o.put("schema", "porthole.fleet-status/v1");
        o.put("phase", phase);
        o.put("detail", detail);
        o.put("at", at.toString());
        AtomicFiles.directory(provisioningState, AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(provisioningState.resolve(FILE), (new String(StrictJson.bytes(o), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8), AtomicFiles.SHAREABLE);
    }
}
