package dev.porthole.provisioning.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.Ids;

/** The enrolled devices of a fleet directory ({@code devices/<device>.json}) and the groups each belongs to. */
public final class DeviceRegistry {

    /**
     * An enrolled device.
     *
     * @param device         device id
     * @param groups         groups, in merge order (later groups override earlier ones)
     * @param claim          the claim it enrolled with
     * @param keyFingerprint SHA-256 of its public key
     * @param serial         certificate serial (hex)
     * @param enrolledAt     when
     * @param notAfter       when its certificate expires
     */
    public record Device(String device, List<String> groups, String claim, String keyFingerprint, String serial,
                         Instant enrolledAt, Instant notAfter) {
        public Device {
            Ids.require("device id", device);
            groups = List.copyOf(groups);
            groups.forEach(g -> Ids.require("group", g));
        }
    }

    private final FleetDirectory fleet;

    public DeviceRegistry(FleetDirectory fleet) {
        this.fleet = fleet;
    }

    public Optional<Device> find(String device) {
        if (!Ids.valid(device)) {
            return Optional.empty();
        }
        return AtomicFiles.read(fleet.devices().resolve(device + ".json"), 64 * 1024).map(b -> parse(b, device));
    }

    /** Every enrolled device, sorted by id. */
    public List<Device> all() {
        List<Device> out = new ArrayList<>();
        try (var s = Files.list(fleet.devices())) {
            for (String name : s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()) {
                find(name.substring(0, name.length() - 5)).ifPresent(out::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot list " + fleet.devices() + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void save(Device d) {
        ObjectNode o = StrictJson.object();
        o.put("schema", "porthole.device/v1");
        o.put("tenant", fleet.tenant());
        o.put("device", d.device());
        ArrayNode g = o.putArray("groups");
        d.groups().forEach(g::add);
        o.put("claim", d.claim());
        o.put("keyFingerprint", d.keyFingerprint());
        o.put("serial", d.serial());
        o.put("enrolledAt", d.enrolledAt().toString());
        o.put("notAfter", d.notAfter().toString());
        AtomicFiles.directory(fleet.devices(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(fleet.devices().resolve(d.device() + ".json"),
                StrictJson.pretty(o).getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
    }

    /** Puts a device into groups (merge order). */
    public Device setGroups(String device, List<String> groups) {
        Device d = find(device).orElseThrow(() -> new ProvisioningException(Kind.USAGE, "device '" + device
                + "' is not enrolled in " + fleet.root()));
        Device updated = new Device(d.device(), groups, d.claim(), d.keyFingerprint(), d.serial(), d.enrolledAt(),
                d.notAfter());
        save(updated);
        return updated;
    }

    private static Device parse(byte[] b, String device) {
        ObjectNode o = StrictJson.parseObject(b, "device record " + device);
        List<String> groups = new ArrayList<>();
        for (JsonNode g : o.path("groups")) {
            groups.add(g.asText());
        }
        return new Device(o.path("device").asText(), groups, o.path("claim").asText(), o.path("keyFingerprint").asText(),
                o.path("serial").asText(), Instant.parse(o.path("enrolledAt").asText()),
                Instant.parse(o.path("notAfter").asText()));
    }
}
