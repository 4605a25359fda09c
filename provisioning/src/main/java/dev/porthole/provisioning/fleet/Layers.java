package dev.porthole.provisioning.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.Ids;

/**
 * Configuration layers of a fleet directory, merged into one full settings object per device:
 * <pre>
 * layers/fleet.json                fleet-wide defaults
 * layers/groups/&lt;group&gt;.json       per group, in the order of the device's groups (later wins)
 * layers/devices/&lt;device&gt;.json     per device
 * layers/priority.json             applied last: what it sets cannot be overridden by any other layer
 * </pre>
 * Each layer is a JSON object applied as a JSON Merge Patch (RFC 7396): objects merge member by member, {@code null}
 * removes a member, everything else replaces. Missing files are empty layers. The merged document lists the layers
 * it came from with a short content hash ({@code fleet@3fa2c1d0}, {@code group:lobby@…}), so a device's
 * configuration can be explained.
 */
public final class Layers {

    /** Settings merged for one device, and the layers they came from. */
    public record Merged(ObjectNode settings, List<String> provenance) {}

    private final FleetDirectory fleet;
    private final Map<Path, Optional<byte[]>> cache;

    /** Layers read from disk at every merge. */
    public Layers(FleetDirectory fleet) {
        this(fleet, false);
    }

    /**
     * @param cached read each layer file once for the life of this object (one push to many devices reads the fleet,
     *               priority and group layers once)
     */
    public Layers(FleetDirectory fleet, boolean cached) {
        this.fleet = fleet;
        this.cache = cached ? new java.util.HashMap<>() : null;
    }

    /** Merges fleet → groups → device → priority for {@code device} in {@code groups}. */
    public Merged merge(String device, List<String> groups) {
        ObjectNode settings = StrictJson.object();
        List<String> provenance = new ArrayList<>();
        apply(settings, provenance, "fleet", fleet.layers().resolve("fleet.json"));
        for (String g : groups) {
            apply(settings, provenance, "group:" + g, fleet.layers().resolve("groups").resolve(Ids.require("group", g)
                    + ".json"));
        }
        apply(settings, provenance, "device", fleet.layers().resolve("devices").resolve(Ids.require("device id", device)
                + ".json"));
        apply(settings, provenance, "priority", fleet.layers().resolve("priority.json"));
        return new Merged(settings, provenance);
    }

    private void apply(ObjectNode settings, List<String> provenance, String name, Path file) {
        Optional<byte[]> bytes = cache == null ? AtomicFiles.read(file, 1 << 20)
                : cache.computeIfAbsent(file, f -> AtomicFiles.read(f, 1 << 20));
        if (bytes.isEmpty()) {
            return;
        }
        ObjectNode layer;
        try {
            layer = StrictJson.parseObject(bytes.get(), "layer " + file);
        } catch (ProvisioningException e) {
            throw new ProvisioningException(Kind.USAGE, e.getMessage(), e);
        }
        mergePatch(settings, layer);
        provenance.add(name + "@" + ConfigVerifier.sha256(bytes.get()).substring(0, 8));
    }

    /** RFC 7396 JSON Merge Patch of {@code patch} into {@code target} (modified in place). */
    public static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value instanceof ObjectNode p) {
                JsonNode existing = target.get(e.getKey());
                ObjectNode t = existing instanceof ObjectNode o ? o : target.putObject(e.getKey());
                mergePatch(t, p);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    /** Writes a layer file ({@code fleet}, {@code priority}, {@code group:<name>} or {@code device:<id>}). */
    public void write(String layer, ObjectNode content) {
        Path file = file(layer);
        AtomicFiles.directory(file.getParent(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(file, StrictJson.pretty(content).getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
    }

    /** The file of a layer name. */
    public Path file(String layer) {
        if (layer.equals("fleet") || layer.equals("priority")) {
            return fleet.layers().resolve(layer + ".json");
        }
        if (layer.startsWith("group:")) {
            return fleet.layers().resolve("groups").resolve(Ids.require("group", layer.substring(6)) + ".json");
        }
        if (layer.startsWith("device:")) {
            return fleet.layers().resolve("devices").resolve(Ids.require("device id", layer.substring(7)) + ".json");
        }
        throw new ProvisioningException(Kind.USAGE, "layer '" + layer + "' is not fleet, priority, group:<name> or"
                + " device:<id>");
    }
}
