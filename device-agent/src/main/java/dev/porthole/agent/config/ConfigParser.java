package dev.porthole.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.porthole.agent.config.AgentConfig.Backend;
import dev.porthole.agent.config.AgentConfig.Connection;
import dev.porthole.agent.config.AgentConfig.Credentials;
import dev.porthole.agent.config.AgentConfig.CredentialsMode;
import dev.porthole.agent.config.AgentConfig.Desktop;
import dev.porthole.agent.config.AgentConfig.Display;
import dev.porthole.agent.config.AgentConfig.IdleAction;
import dev.porthole.agent.config.AgentConfig.Input;
import dev.porthole.agent.config.AgentConfig.Kiosk;
import dev.porthole.agent.config.AgentConfig.Logging;
import dev.porthole.agent.config.AgentConfig.Plugins;
import dev.porthole.agent.config.AgentConfig.Provisioning;
import dev.porthole.agent.config.AgentConfig.Security;
import dev.porthole.agent.config.AgentConfig.Trust;
import dev.porthole.agent.config.AgentConfig.TrustMode;

/**
 * Reads {@code porthole.json} into an {@link AgentConfig}. Strict: unknown fields, duplicate fields, wrong types,
 * trailing content and out-of-bounds values are errors, each reported as a {@link ConfigException} naming the field
 * and its line and column (Jackson's {@link JsonLocation}). Absent fields take their documented defaults. Input is
 * bounded ({@value #MAX_BYTES} bytes, nesting {@value #MAX_DEPTH}), so any bytes give a result or an error, never a
 * hang or unbounded memory.
 */
public final class ConfigParser {

    /** Largest configuration file. */
    public static final int MAX_BYTES = 1 << 20;

    /** Deepest nesting of objects and arrays. */
    public static final int MAX_DEPTH = 16;

    /** Most elements of one array or members of one object. */
    static final int MAX_ELEMENTS = 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(32)
                    .maxDocumentLength(MAX_BYTES)
                    .maxNameLength(256)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final String source;

    private ConfigParser(String source) {
        this.source = source;
    }

    /** Reads the file at {@code file} (at most {@value #MAX_BYTES} bytes); errors name the file. */
    public static AgentConfig parse(Path file) throws IOException {
        return parse(readBounded(file), file.toString());
    }

    /** Reads {@code json}; {@code source} names it in errors (a file name or {@code <resource>}). */
    public static AgentConfig parse(byte[] json, String source) {
        if (json.length > MAX_BYTES) {
            throw new ConfigException(source, "", -1, -1, "larger than " + MAX_BYTES + " bytes", null);
        }
        ConfigParser p = new ConfigParser(source);
        Node root = p.readTree(json);
        if (!(root instanceof Obj obj)) {
            throw p.error(root, "", "the configuration must be a JSON object, not " + root.kind());
        }
        p.rootOf = obj;
        return p.bind(obj);
    }

    /** Reads at most {@value #MAX_BYTES} bytes of {@code file}; more is an error. */
    static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw new ConfigException(file.toString(), "", -1, -1, "larger than " + MAX_BYTES + " bytes", null);
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "configuration file does not exist");
        }
    }

    // ------------------------------------------------------------------------------------------------ tree

    /** A JSON value with where it starts in the file. */
    sealed interface Node {
        JsonLocation at();

        String kind();
    }

    record Obj(Map<String, Member> members, JsonLocation at) implements Node {
        public String kind() {
            return "an object";
        }
    }

    record Member(String name, JsonLocation nameAt, Node value) {}

    record Arr(List<Node> items, JsonLocation at) implements Node {
        public String kind() {
            return "an array";
        }
    }

    record Str(String value, JsonLocation at) implements Node {
        public String kind() {
            return "a string";
        }
    }

    /** An integral number; {@code fractional} when it had a fraction or exponent. */
    record Num(long value, boolean fractional, boolean tooLarge, String text, JsonLocation at) implements Node {
        public String kind() {
            return "a number";
        }
    }

    record Bool(boolean value, JsonLocation at) implements Node {
        public String kind() {
            return "a boolean";
        }
    }

    record Null(JsonLocation at) implements Node {
        public String kind() {
            return "null";
        }
    }

    private Node readTree(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigException(source, "", -1, -1, "the file is empty", null);
            }
            Node root = readValue(p, t);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new ConfigException(source, "", line(l), column(l), "unexpected content after the configuration object",
                        null);
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new ConfigException(source, "", -1, -1, "exceeds a size limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ConfigException(source, "", line(l), column(l), "not valid JSON: " + firstLine(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new ConfigException(source, "", -1, -1, "cannot be read: " + e.getMessage(), e);
        }
    }

    private Node readValue(JsonParser p, JsonToken t) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Member> members = new LinkedHashMap<>();
                JsonToken n;
                while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation nameAt = p.currentTokenLocation();
                    Node v = readValue(p, p.nextToken());
                    if (members.size() >= MAX_ELEMENTS) {
                        throw new ConfigException(source, name, line(nameAt), column(nameAt),
                                "more than " + MAX_ELEMENTS + " members in one object", null);
                    }
                    members.put(name, new Member(name, nameAt, v));
                }
                if (n != JsonToken.END_OBJECT) {
                    throw new ConfigException(source, "", line(at), column(at), "object is not closed", null);
                }
                return new Obj(members, at);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw new ConfigException(source, "", line(at), column(at), "array is not closed", null);
                    }
                    if (items.size() >= MAX_ELEMENTS) {
                        throw new ConfigException(source, "", line(at), column(at),
                                "more than " + MAX_ELEMENTS + " elements in one array", null);
                    }
                    items.add(readValue(p, n));
                }
                return new Arr(items, at);
            }
            case VALUE_STRING -> {
                return new Str(p.getText(), at);
            }
            case VALUE_NUMBER_INT -> {
                String text = p.getText();
                JsonParser.NumberType type = p.getNumberType();
                boolean big = type == JsonParser.NumberType.BIG_INTEGER;
                return new Num(big ? 0 : p.getLongValue(), false, big, text, at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Num(0, true, false, p.getText(), at);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Bool(t == JsonToken.VALUE_TRUE, at);
            }
            case VALUE_NULL -> {
                return new Null(at);
            }
            default -> throw new ConfigException(source, "", line(at), column(at), "unexpected token " + t, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ binding

    private AgentConfig bind(Obj root) {
        Fields f = new Fields(root, "", List.of("schema", "connection", "credentials", "desktop", "display", "input",
                "kiosk", "logging", "provisioning", "plugins", "$comment"));
        f.string("$comment", null);
        int schema = (int) f.integer("schema", AgentConfig.SCHEMA, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Connection connection = f.section("connection", this::connection);
        Credentials credentials = f.section("credentials", this::credentials);
        Desktop desktop = f.section("desktop", this::desktop);
        Display display = f.section("display", this::display);
        Input input = f.section("input", this::input);
        Kiosk kiosk = f.section("kiosk", this::kiosk);
        Logging logging = f.section("logging", this::logging);
        Provisioning provisioning = f.section("provisioning", this::provisioning);
        Plugins plugins = f.section("plugins", this::plugins);
        return construct(root, () -> new AgentConfig(schema, connection, credentials, desktop, display, input, kiosk,
                logging, provisioning, plugins));
    }

    private Connection connection(Fields f) {
        Connection d = Connection.defaults();
        List<HostAddress> hosts = new ArrayList<>();
        Arr arr = f.array("hosts");
        if (arr != null) {
            for (int i = 0; i < arr.items().size(); i++) {
                String path = f.path("hosts") + "[" + i + "]";
                Node n = arr.items().get(i);
                if (!(n instanceof Str s)) {
                    throw error(n, path, "must be a string (host or host:port), not " + n.kind());
                }
                hosts.add(attempt(n, path, () -> HostAddress.parse(s.value())));
            }
        }
        int port = (int) f.integer("port", d.port(), 1, 65535);
        Security security = f.choice("security", Security.class, d.security());
        Trust trust = f.section("trust", this::trust);
        String lbi = f.string("loadBalanceInfo", null);
        String clientName = f.string("clientName", d.clientName());
        int timeout = (int) f.integer("connectTimeoutSeconds", d.connectTimeoutSeconds(), 1, 300);
        return construct(f.obj, () -> new Connection(hosts, port, security, trust, lbi, clientName, timeout));
    }

    private Trust trust(Fields f) {
        TrustMode mode = f.choice("mode", TrustMode.class, TrustMode.SYSTEM);
        Path caFile = f.path("caFile", null);
        String sha256 = f.string("sha256", null);
        return construct(f.obj, () -> new Trust(mode, caFile, sha256));
    }

    private Credentials credentials(Fields f) {
        CredentialsMode mode = f.choice("mode", CredentialsMode.class, CredentialsMode.INTERACTIVE);
        String user = f.string("username", "");
        String domain = f.string("domain", "");
        return construct(f.obj, () -> new Credentials(mode, user, domain));
    }

    private Desktop desktop(Fields f) {
        Desktop d = Desktop.defaults();
        int w = (int) f.integer("width", d.width(), 0, Desktop.MAX_SIZE);
        int h = (int) f.integer("height", d.height(), 0, Desktop.MAX_SIZE);
        int bpp = (int) f.integer("bpp", d.bpp(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        int monitors = (int) f.integer("monitors", d.monitors(), 1, 16);
        return construct(f.obj, () -> new Desktop(w, h, bpp, monitors));
    }

    private Display display(Fields f) {
        Backend backend = f.choice("backend", Backend.class, Backend.AUTO);
        int rotation = (int) f.integer("rotation", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return construct(f.obj, () -> new Display(backend, rotation));
    }

    private Input input(Fields f) {
        long layout = 0x409;
        Member m = f.take("keyboardLayout");
        if (m != null) {
            String path = f.path("keyboardLayout");
            Node n = m.value();
            if (n instanceof Num num) {
                layout = wholeNumber(num, path, 0, 0xFFFF_FFFFL);
            } else if (n instanceof Str s) {
                layout = attempt(n, path, () -> keyboardLayout(s.value()));
            } else {
                throw error(n, path, "must be a number or a hex string such as \"0x0409\", not " + n.kind());
            }
        }
        Map<String, KeyCombo> hotkeys = null;
        Member hk = f.take("hotkeys");
        if (hk != null) {
            if (!(hk.value() instanceof Obj o)) {
                throw error(hk.value(), f.path("hotkeys"), "must be an object of action to key combination, not "
                        + hk.value().kind());
            }
            hotkeys = new LinkedHashMap<>();
            for (Member a : o.members().values()) {
                String path = f.path("hotkeys") + "." + a.name();
                if (!KeyCombo.ACTIONS.contains(a.name())) {
                    throw new ConfigException(source, path, line(a.nameAt()), column(a.nameAt()),
                            "unknown action; known are " + String.join(", ", KeyCombo.ACTIONS), null);
                }
                if (!(a.value() instanceof Str s)) {
                    throw error(a.value(), path, "must be a key combination string such as \"Ctrl+Alt+End\", not "
                            + a.value().kind());
                }
                hotkeys.put(a.name(), attempt(a.value(), path, () -> KeyCombo.parse(s.value())));
            }
        }
        long l = layout;
        Map<String, KeyCombo> h = hotkeys;
        return construct(f.obj, () -> new Input(l, h));
    }

    static long keyboardLayout(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        boolean hex = t.startsWith("0x");
        String digits = hex ? t.substring(2) : t;
        if (digits.isEmpty() || digits.length() > (hex ? 8 : 10)
                || !digits.chars().allMatch(c -> hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(s)
                    + "' is not a keyboard layout id (a number or hex such as 0x0409)");
        }
        long v = Long.parseLong(digits, hex ? 16 : 10);
        if (v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(v + " is outside 0..0xFFFFFFFF");
        }
        return v;
    }

    private Kiosk kiosk(Fields f) {
        Kiosk d = Kiosk.defaults();
        int idle = (int) f.integer("idleTimeoutSeconds", d.idleTimeoutSeconds(), 0, 86_400);
        IdleAction action = f.choice("idleAction", IdleAction.class, d.idleAction());
        boolean allow = f.bool("allowLocalDisconnect", d.allowLocalDisconnect());
        return construct(f.obj, () -> new Kiosk(idle, action, allow));
    }

    private Logging logging(Fields f) {
        String level = f.string("level", "info");
        return construct(f.obj, () -> new Logging(level));
    }

    private Provisioning provisioning(Fields f) {
        boolean enabled = f.bool("enabled", false);
        URI broker = null;
        Member b = f.take("brokerUrl");
        if (b != null && !(b.value() instanceof Null)) {
            String path = f.path("brokerUrl");
            if (!(b.value() instanceof Str s)) {
                throw error(b.value(), path, "must be a string such as \"ssl://broker.example.com:8883\", not "
                        + b.value().kind());
            }
            broker = attempt(b.value(), path, () -> {
                try {
                    return new URI(s.value());
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(s.value()) + "' is not a URL: "
                            + e.getReason());
                }
            });
        }
        String tenant = f.string("tenant", null);
        String device = f.string("deviceId", null);
        Path state = f.path("stateDir", null);
        Path claim = f.path("claimFile", null);
        int telemetry = (int) f.integer("telemetryIntervalSeconds", Provisioning.DEFAULT_TELEMETRY,
                Provisioning.MIN_TELEMETRY, Provisioning.MAX_TELEMETRY);
        URI u = broker;
        return construct(f.obj, () -> new Provisioning(enabled, u, tenant, device, state, claim, telemetry));
    }

    private Plugins plugins(Fields f) {
        List<String> ids = new ArrayList<>();
        Arr arr = f.array("allowed");
        if (arr != null) {
            for (int i = 0; i < arr.items().size(); i++) {
                Node n = arr.items().get(i);
                if (!(n instanceof Str s)) {
                    throw error(n, f.path("allowed") + "[" + i + "]", "must be a string (plugin id), not " + n.kind());
                }
                ids.add(s.value());
            }
        }
        return construct(f.obj, () -> new Plugins(ids));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The members of one object, consumed by name; unknown names are rejected up front. */
    private final class Fields {
        final Obj obj;
        final String prefix;

        Fields(Obj obj, String prefix, List<String> known) {
            this.obj = obj;
            this.prefix = prefix;
            for (Member m : obj.members().values()) {
                if (!known.contains(m.name())) {
                    throw new ConfigException(source, path(m.name()), line(m.nameAt()), column(m.nameAt()),
                            "unknown field; known fields here are " + String.join(", ",
                                    known.stream().filter(k -> !k.startsWith("$")).toList()), null);
                }
            }
        }

        String path(String name) {
            return prefix.isEmpty() ? name : prefix + "." + name;
        }

        Member take(String name) {
            return obj.members().get(name);
        }

        <T> T section(String name, java.util.function.Function<Fields, T> reader) {
            Member m = take(name);
            if (m == null || m.value() instanceof Null) {
                return null;
            }
            if (!(m.value() instanceof Obj o)) {
                throw error(m.value(), path(name), "must be an object, not " + m.value().kind());
            }
            return reader.apply(new Fields(o, path(name), knownFields(path(name))));
        }

        long integer(String name, long def, long min, long max) {
            Member m = take(name);
            if (m == null) {
                return def;
            }
            if (!(m.value() instanceof Num n)) {
                throw error(m.value(), path(name), "must be a number, not " + m.value().kind());
            }
            return wholeNumber(n, path(name), min, max);
        }

        boolean bool(String name, boolean def) {
            Member m = take(name);
            if (m == null) {
                return def;
            }
            if (!(m.value() instanceof Bool b)) {
                throw error(m.value(), path(name), "must be true or false, not " + m.value().kind());
            }
            return b.value();
        }

        String string(String name, String def) {
            Member m = take(name);
            if (m == null || m.value() instanceof Null) {
                return def;
            }
            if (!(m.value() instanceof Str s)) {
                throw error(m.value(), path(name), "must be a string, not " + m.value().kind());
            }
            return s.value();
        }

        Path path(String name, Path def) {
            String s = string(name, null);
            if (s == null) {
                return def;
            }
            Node n = take(name).value();
            return attempt(n, path(name), () -> {
                try {
                    Path p = Path.of(s);
                    if (!p.isAbsolute()) {
                        throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(s) + "' must be an absolute path");
                    }
                    return p.normalize();
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(s) + "' is not a path: "
                            + e.getReason());
                }
            });
        }

        Arr array(String name) {
            Member m = take(name);
            if (m == null || m.value() instanceof Null) {
                return null;
            }
            if (!(m.value() instanceof Arr a)) {
                throw error(m.value(), path(name), "must be an array, not " + m.value().kind());
            }
            return a;
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E def) {
            String s = string(name, null);
            if (s == null) {
                return def;
            }
            List<String> ids = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                String id = enumId(e);
                ids.add(id);
                if (id.equals(s)) {
                    return e;
                }
            }
            throw error(take(name).value(), path(name), "'" + AgentConfig.Checks.shorten(s) + "' is not one of "
                    + String.join(", ", ids));
        }
    }

    /** The JSON spelling of an enum constant ({@code lab-accept-any}, {@code auto}). */
    static String enumId(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> knownFields(String section) {
        return switch (section) {
            case "connection" -> List.of("hosts", "port", "security", "trust", "loadBalanceInfo", "clientName",
                    "connectTimeoutSeconds");
            case "connection.trust" -> List.of("mode", "caFile", "sha256");
            case "credentials" -> List.of("mode", "username", "domain");
            case "desktop" -> List.of("width", "height", "bpp", "monitors");
            case "display" -> List.of("backend", "rotation");
            case "input" -> List.of("keyboardLayout", "hotkeys");
            case "kiosk" -> List.of("idleTimeoutSeconds", "idleAction", "allowLocalDisconnect");
            case "logging" -> List.of("level");
            case "provisioning" -> List.of("enabled", "brokerUrl", "tenant", "deviceId", "stateDir", "claimFile",
                    "telemetryIntervalSeconds");
            case "plugins" -> List.of("allowed");
            default -> throw new IllegalStateException("no field list for " + section);
        };
    }

    private long wholeNumber(Num n, String path, long min, long max) {
        if (n.fractional()) {
            throw error(n, path, AgentConfig.Checks.shorten(n.text()) + " must be a whole number");
        }
        if (n.tooLarge() || n.value() < min || n.value() > max) {
            throw error(n, path, AgentConfig.Checks.shorten(n.text()) + " is outside " + min + ".." + max);
        }
        return n.value();
    }

    /** Runs {@code f}; an {@link IllegalArgumentException} becomes an error at {@code node} naming {@code path}. */
    private <T> T attempt(Node node, String path, Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    /**
     * Builds a record; its {@link IllegalArgumentException} names the field path first ({@code a.b: ...}), which is
     * looked up in the tree for the line and column (the enclosing object when the field is absent).
     */
    private <T> T construct(Obj obj, Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = msg.indexOf(": ");
            String path = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : "";
            String detail = path.isEmpty() ? msg : msg.substring(colon + 2);
            Node at = path.isEmpty() ? obj : locate(rootOf, path, obj);
            throw error(at, path, detail);
        }
    }

    private Obj rootOf;

    /** The node at {@code path} ({@code connection.hosts[1]}), or the deepest existing ancestor, or {@code fallback}. */
    private static Node locate(Obj root, String path, Node fallback) {
        if (root == null) {
            return fallback;
        }
        Node cur = root;
        for (String part : path.split("\\.")) {
            String name = part;
            int index = -1;
            int br = part.indexOf('[');
            if (br > 0 && part.endsWith("]")) {
                name = part.substring(0, br);
                try {
                    index = Integer.parseInt(part.substring(br + 1, part.length() - 1));
                } catch (NumberFormatException e) {
                    return cur;
                }
            }
            if (!(cur instanceof Obj o) || !o.members().containsKey(name)) {
                return cur;
            }
            Node next = o.members().get(name).value();
            if (index >= 0) {
                if (!(next instanceof Arr a) || index >= a.items().size()) {
                    return next;
                }
                next = a.items().get(index);
            }
            cur = next;
        }
        return cur;
    }

    private ConfigException error(Node node, String path, String detail) {
        JsonLocation l = node.at();
        return new ConfigException(source, path, line(l), column(l), detail, null);
    }

    private static int line(JsonLocation l) {
        return l == null ? -1 : l.getLineNr();
    }

    private static int column(JsonLocation l) {
        return l == null ? -1 : l.getColumnNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
