package dev.porthole.plugin.sandbox.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * A plugin package's {@code manifest.json}, strictly validated: unknown fields, wrong types,
 * out-of-range values and bad names are refused with the JSON path of the problem.
 *
 * <pre>{@code
 * {
 *   "schema": 1,
 *   "id": "com.example.echo",                 // lower-case reverse-DNS, 3..128 chars
 *   "version": "1.0.0",                       // semantic version
 *   "vendor": "Example Corp",
 *   "entryClass": "com.example.echo.EchoPlugin",
 *   "channels": ["ExampleEcho"],              // DVC listener names the plugin may use (1..16)
 *   "capabilities": [                         // optional, from a fixed list
 *     {"type": "network", "hosts": ["media.example.com:443"]},
 *     {"type": "audio"},
 *     {"type": "usb", "vendorId": "046d", "productId": "0825"}
 *   ],
 *   "memoryLimitMb": 64,                      // Java heap; the process limit adds the JVM's own needs
 *   "seccompProfile": "seccomp.json",         // optional: an OCI/Docker profile file in the package
 *   "description": "optional text"
 * }
 * }</pre>
 *
 * @param channels the declared channel names, in manifest order, unique
 */
public record PluginManifest(String id, String version, String vendor, String entryClass, List<String> channels,
                             List<Capability> capabilities, int memoryLimitMb, String seccompProfile, String description) {

    /** The file name inside a package. */
    public static final String FILE = "manifest.json";
    /** Largest manifest accepted. */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int SCHEMA = 1;
    public static final int MIN_MEMORY_MB = 16;
    public static final int MAX_MEMORY_MB = 4096;
    public static final int MAX_CHANNELS = 16;

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");
    static final Pattern VERSION = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(-[0-9A-Za-z.-]{1,40})?");
    static final Pattern CLASS = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
    static final Pattern PACKAGE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,7}");
    static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{4}");

    private static final Set<String> TOP = Set.of("schema", "id", "version", "vendor", "entryClass", "channels",
            "capabilities", "memoryLimitMb", "seccompProfile", "description");

    public PluginManifest {
        channels = List.copyOf(channels);
        capabilities = List.copyOf(capabilities);
    }

    /** The network capability, if requested. */
    public Optional<Capability.Network> network() {
        return capabilities.stream().filter(c -> c instanceof Capability.Network).map(c -> (Capability.Network) c).findFirst();
    }

    /** Whether a capability of this type is requested. */
    public boolean has(Class<? extends Capability> type) {
        return capabilities.stream().anyMatch(type::isInstance);
    }

    /**
     * Parses and validates a manifest.
     *
     * @throws SandboxException MALFORMED naming the field (e.g. {@code manifest.json: $.channels[1]: ...})
     */
    public static PluginManifest parse(byte[] json) {
        JsonNode parsed = StrictJson.parse(json, MAX_BYTES, FILE);
        try {
            JsonNode root = StrictJson.object(parsed, "$", TOP);
            long schema = StrictJson.integer(root, "schema", "$", 1, 1000);
            if (schema != SCHEMA) {
                throw StrictJson.err("$.schema", schema + " is not a supported schema (" + SCHEMA + ")");
            }
            String id = StrictJson.string(root, "id", "$", 128);
            if (id.length() < 3 || !ID.matcher(id).matches()) {
                throw StrictJson.err("$.id", "'" + id + "' is not a lower-case reverse-DNS id like com.example.echo");
            }
            String version = StrictJson.string(root, "version", "$", 64);
            if (!VERSION.matcher(version).matches()) {
                throw StrictJson.err("$.version", "'" + version + "' is not a semantic version like 1.2.3");
            }
            String vendor = StrictJson.string(root, "vendor", "$", 128);
            if (vendor.chars().anyMatch(Character::isISOControl)) {
                throw StrictJson.err("$.vendor", "contains control characters");
            }
            String entry = StrictJson.string(root, "entryClass", "$", 256);
            if (!CLASS.matcher(entry).matches() || entry.startsWith("java.") || entry.startsWith("dev.porthole.")) {
                throw StrictJson.err("$.entryClass", "'" + entry + "' is not a vendor class name");
            }
            List<String> channels = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<JsonNode> ch = StrictJson.array(root, "channels", "$", 1, MAX_CHANNELS);
            for (int i = 0; i < ch.size(); i++) {
                String path = "$.channels[" + i + "]";
                String name = StrictJson.stringValue(ch.get(i), path, 259);
                if (!name.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                    throw StrictJson.err(path, "'" + name + "' must be printable ASCII");
                }
                if (!seen.add(name)) {
                    throw StrictJson.err(path, "'" + name + "' is declared twice");
                }
                channels.add(name);
            }
            List<Capability> caps = new ArrayList<>();
            Set<String> capTypes = new HashSet<>();
            List<JsonNode> cs = StrictJson.array(root, "capabilities", "$", 0, 32);
            for (int i = 0; i < cs.size(); i++) {
                Capability c = capability(cs.get(i), "$.capabilities[" + i + "]");
                if (!(c instanceof Capability.Usb) && !capTypes.add(c.type())) {
                    throw StrictJson.err("$.capabilities[" + i + "]", "capability '" + c.type() + "' is requested twice");
                }
                if (c instanceof Capability.Usb && caps.contains(c)) {
                    throw StrictJson.err("$.capabilities[" + i + "]", c + " is requested twice");
                }
                caps.add(c);
            }
            int memory = (int) StrictJson.integer(root, "memoryLimitMb", "$", MIN_MEMORY_MB, MAX_MEMORY_MB);
            String profile = StrictJson.optionalString(root, "seccompProfile", "$", 200);
            if (profile != null && (!PACKAGE_PATH.matcher(profile).matches() || profile.contains(".."))) {
                throw StrictJson.err("$.seccompProfile", "'" + profile + "' is not a relative path inside the package");
            }
            String description = StrictJson.optionalString(root, "description", "$", 2000);
            return new PluginManifest(id, version, vendor, entry, channels, caps, memory, profile, description);
        } catch (SandboxException e) {
            throw new SandboxException(e.kind(), FILE + ": " + e.getMessage(), e);
        }
    }

    private static Capability capability(JsonNode node, String path) {
        JsonNode obj = StrictJson.object(node, path, Set.of("type", "hosts", "vendorId", "productId"));
        String type = StrictJson.string(obj, "type", path, 32);
        switch (type) {
            case "network" -> {
                StrictJson.object(obj, path, Set.of("type", "hosts"));
                List<Capability.HostPort> hosts = new ArrayList<>();
                List<JsonNode> hs = StrictJson.array(obj, "hosts", path, 1, 32);
                for (int i = 0; i < hs.size(); i++) {
                    String p = path + ".hosts[" + i + "]";
                    try {
                        hosts.add(Capability.HostPort.parse(StrictJson.stringValue(hs.get(i), p, 260)));
                    } catch (SandboxException e) {
                        throw e.getMessage().startsWith(p) ? e : StrictJson.err(p, e.getMessage());
                    }
                }
                return new Capability.Network(hosts);
            }
            case "audio" -> {
                StrictJson.object(obj, path, Set.of("type"));
                return new Capability.Audio();
            }
            case "usb" -> {
                StrictJson.object(obj, path, Set.of("type", "vendorId", "productId"));
                return new Capability.Usb(hex16(obj, "vendorId", path), hex16(obj, "productId", path));
            }
            default -> throw StrictJson.err(path + ".type", "'" + type + "' is not a known capability (network, audio, usb)");
        }
    }

    private static int hex16(JsonNode obj, String field, String path) {
        String s = StrictJson.string(obj, field, path, 4);
        if (!HEX16.matcher(s).matches()) {
            throw StrictJson.err(path + "." + field, "'" + s + "' is not 4 hex digits");
        }
        return Integer.parseInt(s, 16);
    }

    /** The manifest as JSON (what {@link #parse} reads back to an equal manifest). */
    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("id", id);
        m.put("version", version);
        m.put("vendor", vendor);
        m.put("entryClass", entryClass);
        m.put("channels", channels);
        if (!capabilities.isEmpty()) {
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Capability c : capabilities) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("type", c.type());
                switch (c) {
                    case Capability.Network n -> cm.put("hosts", n.hosts().stream().map(Capability.HostPort::toString).toList());
                    case Capability.Usb u -> {
                        cm.put("vendorId", String.format("%04x", u.vendorId()));
                        cm.put("productId", String.format("%04x", u.productId()));
                    }
                    case Capability.Audio a -> { }
                }
                cs.add(cm);
            }
            m.put("capabilities", cs);
        }
        m.put("memoryLimitMb", memoryLimitMb);
        if (seccompProfile != null) {
            m.put("seccompProfile", seccompProfile);
        }
        if (description != null) {
            m.put("description", description);
        }
        try {
            return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m).concat("\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
