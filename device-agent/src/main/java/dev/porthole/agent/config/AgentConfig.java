package dev.porthole.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.porthole.provisioning.topic.Ids;

/**
 * The device agent's local configuration ({@code porthole.json}): immutable, validated on construction, with a
 * documented default for every field ({@link #defaults()}). Read with {@link ConfigParser}, written with
 * {@link ConfigWriter}, loaded with its fallbacks by {@link ConfigLoader}. Secrets are not part of it: the kiosk
 * password lives encrypted in the state directory ({@code agent.credentials}).
 *
 * <p>Every check throws {@link IllegalArgumentException} whose message starts with the JSON path of the field
 * ({@code connection.port: ...}); {@link ConfigParser} adds the file, line and column.
 *
 * @param schema       format version of the file; only {@value #SCHEMA} exists (default {@value #SCHEMA})
 * @param connection   where to connect and how the server is trusted
 * @param credentials  kiosk (stored credentials) or interactive (sign-in screen)
 * @param desktop      remote desktop size, colour depth and monitors
 * @param display      local display backend and rotation
 * @param input        keyboard layout and local hotkeys
 * @param kiosk        idle policy
 * @param logging      log level of the running agent
 * @param provisioning the fleet link (MQTT broker, tenant, device id)
 * @param plugins      plugin ids allowed to run
 */
public record AgentConfig(int schema, Connection connection, Credentials credentials, Desktop desktop, Display display,
                          Input input, Kiosk kiosk, Logging logging, Provisioning provisioning, Plugins plugins) {

    /** The only schema version. */
    public static final int SCHEMA = 1;

    /** Checks and fills absent sections with their defaults. */
    public AgentConfig {
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("schema: " + schema + " is not supported (only " + SCHEMA + ")");
        }
        connection = connection == null ? Connection.defaults() : connection;
        credentials = credentials == null ? Credentials.defaults() : credentials;
        desktop = desktop == null ? Desktop.defaults() : desktop;
        display = display == null ? Display.defaults() : display;
        input = input == null ? Input.defaults() : input;
        kiosk = kiosk == null ? Kiosk.defaults() : kiosk;
        logging = logging == null ? Logging.defaults() : logging;
        provisioning = provisioning == null ? Provisioning.defaults() : provisioning;
        plugins = plugins == null ? Plugins.defaults() : plugins;
    }

    /** Every section at its default: no host configured (the agent then waits for provisioning). */
    public static AgentConfig defaults() {
        return new AgentConfig(SCHEMA, null, null, null, null, null, null, null, null, null);
    }

    /** Whether at least one host is configured (otherwise the agent can only wait for provisioning). */
    public boolean hasHost() {
        return !connection.hosts().isEmpty();
    }

    public AgentConfig withConnection(Connection c) {
        return new AgentConfig(schema, c, credentials, desktop, display, input, kiosk, logging, provisioning, plugins);
    }

    public AgentConfig withCredentials(Credentials c) {
        return new AgentConfig(schema, connection, c, desktop, display, input, kiosk, logging, provisioning, plugins);
    }

    public AgentConfig withDesktop(Desktop d) {
        return new AgentConfig(schema, connection, credentials, d, display, input, kiosk, logging, provisioning, plugins);
    }

    public AgentConfig withDisplay(Display d) {
        return new AgentConfig(schema, connection, credentials, desktop, d, input, kiosk, logging, provisioning, plugins);
    }

    public AgentConfig withInput(Input i) {
        return new AgentConfig(schema, connection, credentials, desktop, display, i, kiosk, logging, provisioning, plugins);
    }

    public AgentConfig withKiosk(Kiosk k) {
        return new AgentConfig(schema, connection, credentials, desktop, display, input, k, logging, provisioning, plugins);
    }

    public AgentConfig withLogging(Logging l) {
        return new AgentConfig(schema, connection, credentials, desktop, display, input, kiosk, l, provisioning, plugins);
    }

    public AgentConfig withProvisioning(Provisioning p) {
        return new AgentConfig(schema, connection, credentials, desktop, display, input, kiosk, logging, p, plugins);
    }

    public AgentConfig withPlugins(Plugins p) {
        return new AgentConfig(schema, connection, credentials, desktop, display, input, kiosk, logging, provisioning, p);
    }

    // ------------------------------------------------------------------------------------------------ connection

    /** Security protocols offered to the server (MS-RDPBCGR 5.4): {@code tls}, {@code nla} or {@code auto}. */
    public enum Security {
        TLS, NLA, AUTO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where to connect.
     *
     * @param hosts           RDP hosts or brokers, tried in order ({@code host}, {@code host:port}, {@code [v6]:port});
     *                        default none (no host: the agent waits for provisioning)
     * @param port            port of hosts given without one; 1..65535, default 3389
     * @param security        {@code tls}, {@code nla} or {@code auto} (default: offer both, the server picks)
     * @param trust           how the server certificate is verified (default: the system trust store)
     * @param loadBalanceInfo a connection broker's load-balance info (sent as the routing token); default none
     * @param clientName      the name this device shows to the server, 1..15 characters; default {@code porthole}
     * @param connectTimeoutSeconds TCP connect time limit per host, 1..300 s; default 10
     */
    public record Connection(List<HostAddress> hosts, int port, Security security, Trust trust, String loadBalanceInfo,
                             String clientName, int connectTimeoutSeconds) {

        public static final int DEFAULT_PORT = 3389;
        /** Most hosts in the list. */
        public static final int MAX_HOSTS = 16;

        public Connection {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            if (hosts.size() > MAX_HOSTS) {
                throw new IllegalArgumentException("connection.hosts: " + hosts.size() + " hosts; at most " + MAX_HOSTS);
            }
            Checks.range("connection.port", port, 1, 65535);
            security = security == null ? Security.AUTO : security;
            trust = trust == null ? Trust.system() : trust;
            if (loadBalanceInfo != null) {
                if (loadBalanceInfo.isEmpty()) {
                    loadBalanceInfo = null;
                } else {
                    Checks.printable("connection.loadBalanceInfo", loadBalanceInfo, 1024);
                }
            }
            clientName = clientName == null ? "porthole" : clientName;
            if (clientName.isEmpty() || clientName.length() > 15) {
                throw new IllegalArgumentException("connection.clientName: '" + clientName
                        + "' must have 1 to 15 characters");
            }
            Checks.printable("connection.clientName", clientName, 15);
            Checks.range("connection.connectTimeoutSeconds", connectTimeoutSeconds, 1, 300);
        }

        public static Connection defaults() {
            return new Connection(List.of(), DEFAULT_PORT, Security.AUTO, Trust.system(), null, "porthole", 10);
        }

        /** The port to use for {@code host}: its own, or {@link #port()}. */
        public int portOf(HostAddress host) {
            return host.port() == 0 ? port : host.port();
        }

        public Connection withHosts(List<HostAddress> h) {
            return new Connection(h, port, security, trust, loadBalanceInfo, clientName, connectTimeoutSeconds);
        }
    }

    /** How the server certificate is verified. */
    public enum TrustMode {
        /** The system trust store. */
        SYSTEM("system"),
        /** Only certificates chaining to the CA certificates in {@code caFile} (PEM). */
        CA("ca"),
        /** Only the certificate whose SHA-256 is {@code sha256}. */
        PINNED("pinned"),
        /** Lab only: any certificate, with a warning on every connection. */
        LAB_ACCEPT_ANY("lab-accept-any");

        private final String id;

        TrustMode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * Certificate trust.
     *
     * @param mode   {@code system} (default), {@code ca}, {@code pinned} or {@code lab-accept-any}
     * @param caFile PEM file of the trusted CAs; required for {@code ca}, not allowed otherwise
     * @param sha256 SHA-256 of the server's DER certificate, 64 hex digits ({@code :} and spaces allowed); required for
     *               {@code pinned}, not allowed otherwise. Stored lower-case without separators.
     */
    public record Trust(TrustMode mode, Path caFile, String sha256) {

        private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

        public Trust {
            mode = mode == null ? TrustMode.SYSTEM : mode;
            if (mode == TrustMode.CA && caFile == null) {
                throw new IllegalArgumentException("connection.trust.caFile: required when mode is 'ca'");
            }
            if (mode != TrustMode.CA && caFile != null) {
                throw new IllegalArgumentException("connection.trust.caFile: only allowed when mode is 'ca'");
            }
            if (mode == TrustMode.PINNED && sha256 == null) {
                throw new IllegalArgumentException("connection.trust.sha256: required when mode is 'pinned'");
            }
            if (mode != TrustMode.PINNED && sha256 != null) {
                throw new IllegalArgumentException("connection.trust.sha256: only allowed when mode is 'pinned'");
            }
            if (sha256 != null) {
                String h = sha256.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
                if (!HEX64.matcher(h).matches()) {
                    throw new IllegalArgumentException("connection.trust.sha256: must be 64 hex digits (SHA-256), got '"
                            + Checks.shorten(sha256) + "'");
                }
                sha256 = h;
            }
        }

        public static Trust system() {
            return new Trust(TrustMode.SYSTEM, null, null);
        }

        public static Trust ca(Path file) {
            return new Trust(TrustMode.CA, file, null);
        }

        public static Trust pinned(String sha256) {
            return new Trust(TrustMode.PINNED, null, sha256);
        }

        public static Trust labAcceptAny() {
            return new Trust(TrustMode.LAB_ACCEPT_ANY, null, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ credentials

    /** How the user signs in. */
    public enum CredentialsMode {
        /** Stored credentials: {@code username}/{@code domain} here, the password encrypted in the state directory. */
        KIOSK,
        /** The sign-in screen asks (default). */
        INTERACTIVE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Credentials mode.
     *
     * @param mode     {@code interactive} (default) or {@code kiosk}
     * @param username user name; required for kiosk; for interactive, pre-filled on the sign-in screen (default empty)
     * @param domain   domain (default empty)
     */
    public record Credentials(CredentialsMode mode, String username, String domain) {
        public Credentials {
            mode = mode == null ? CredentialsMode.INTERACTIVE : mode;
            username = username == null ? "" : username;
            domain = domain == null ? "" : domain;
            Checks.printable("credentials.username", username, 256);
            Checks.printable("credentials.domain", domain, 256);
            if (mode == CredentialsMode.KIOSK && username.isEmpty()) {
                throw new IllegalArgumentException("credentials.username: required when mode is 'kiosk'");
            }
        }

        public static Credentials defaults() {
            return new Credentials(CredentialsMode.INTERACTIVE, "", "");
        }
    }

    // ------------------------------------------------------------------------------------------------ desktop

    /**
     * Remote desktop geometry.
     *
     * @param width    desktop width 200..8192, or 0 (default) to follow the display's mode
     * @param height   desktop height 200..8192, or 0 (default) to follow the display's mode; 0 together with width
     * @param bpp      colour depth 16, 24 or 32 (default 32)
     * @param monitors number of monitors 1..16 (default 1)
     */
    public record Desktop(int width, int height, int bpp, int monitors) {

        public static final int MIN_SIZE = 200;
        public static final int MAX_SIZE = 8192;

        public Desktop {
            if (width != 0) {
                Checks.range("desktop.width", width, MIN_SIZE, MAX_SIZE);
            }
            if (height != 0) {
                Checks.range("desktop.height", height, MIN_SIZE, MAX_SIZE);
            }
            if ((width == 0) != (height == 0)) {
                throw new IllegalArgumentException("desktop." + (width == 0 ? "width" : "height")
                        + ": 0 (follow the display) must be given for both width and height");
            }
            if (bpp != 16 && bpp != 24 && bpp != 32) {
                throw new IllegalArgumentException("desktop.bpp: " + bpp + " is not 16, 24 or 32");
            }
            Checks.range("desktop.monitors", monitors, 1, 16);
        }

        public static Desktop defaults() {
            return new Desktop(0, 0, 32, 1);
        }

        /** Whether the size follows the display's mode. */
        public boolean followsDisplay() {
            return width == 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ display

    /** Local display backend. */
    public enum Backend {
        /** Try drm, fbdev, window, headless in that order (default). */
        AUTO, DRM, FBDEV, WINDOW, HEADLESS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Local display.
     *
     * @param backend  {@code auto} (default), {@code drm}, {@code fbdev}, {@code window} or {@code headless}
     * @param rotation panel rotation in degrees: 0 (default), 90, 180, 270
     */
    public record Display(Backend backend, int rotation) {
        public Display {
            backend = backend == null ? Backend.AUTO : backend;
            if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
                throw new IllegalArgumentException("display.rotation: " + rotation + " is not 0, 90, 180 or 270");
            }
        }

        public static Display defaults() {
            return new Display(Backend.AUTO, 0);
        }

        /** The display-output backend names to try, in order. */
        public List<String> backendOrder() {
            return backend == Backend.AUTO ? List.of("drm", "fbdev", "window", "headless") : List.of(backend.id());
        }
    }

    // ------------------------------------------------------------------------------------------------ input

    /**
     * Input.
     *
     * @param keyboardLayout Windows keyboard layout id (MS-RDPBCGR 2.2.1.3.2 keyboardLayout), 0..0xFFFFFFFF; in JSON a
     *                       number or a hex string such as {@code "0x0407"}; default 0x409 (US English)
     * @param hotkeys        local hotkeys, action to key combination ({@code "disconnect": "Ctrl+Alt+End"}); actions
     *                       are {@link KeyCombo#ACTIONS}; default {@code disconnect} on Ctrl+Alt+End
     */
    public record Input(long keyboardLayout, Map<String, KeyCombo> hotkeys) {
        public Input {
            if (keyboardLayout < 0 || keyboardLayout > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("input.keyboardLayout: " + keyboardLayout + " is outside 0..0xFFFFFFFF");
            }
            hotkeys = hotkeys == null ? defaultHotkeys() : Map.copyOf(new LinkedHashMap<>(hotkeys));
            for (Map.Entry<String, KeyCombo> e : hotkeys.entrySet()) {
                if (!KeyCombo.ACTIONS.contains(e.getKey())) {
                    throw new IllegalArgumentException("input.hotkeys." + e.getKey() + ": unknown action; known are "
                            + String.join(", ", KeyCombo.ACTIONS));
                }
                Objects.requireNonNull(e.getValue(), "input.hotkeys." + e.getKey());
            }
            List<KeyCombo> seen = new ArrayList<>();
            for (String action : KeyCombo.ACTIONS) {
                KeyCombo c = hotkeys.get(action);
                if (c != null) {
                    if (seen.contains(c)) {
                        throw new IllegalArgumentException("input.hotkeys." + action + ": " + c
                                + " is already bound to another action");
                    }
                    seen.add(c);
                }
            }
        }

        public static Input defaults() {
            return new Input(0x409, defaultHotkeys());
        }

        private static Map<String, KeyCombo> defaultHotkeys() {
            return Map.of("disconnect", KeyCombo.parse("Ctrl+Alt+End"));
        }
    }

    // ------------------------------------------------------------------------------------------------ kiosk

    /**
     * What happens when the device has been idle for {@link Kiosk#idleTimeoutSeconds()}. A lock of the
     * remote session (the user's or the server's policy) never ends the connection: the device keeps the
     * session and shows the server's lock screen.
     */
    public enum IdleAction {
        /** Nothing. */
        NONE,
        /** Disconnect and show the sign-in screen (interactive) or a blank, wake-on-input panel (kiosk); the default. */
        DISCONNECT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Kiosk, lock and idle policy.
     *
     * @param idleTimeoutSeconds   idle time before {@code idleAction}, 0 (off, the default) or 30..86400
     * @param idleAction           {@code none} or {@code disconnect} (default)
     * @param allowLocalDisconnect whether the disconnect hotkey works (default true)
     */
    public record Kiosk(int idleTimeoutSeconds, IdleAction idleAction, boolean allowLocalDisconnect) {
        public Kiosk {
            if (idleTimeoutSeconds != 0) {
                Checks.range("kiosk.idleTimeoutSeconds", idleTimeoutSeconds, 30, 86_400);
            }
            idleAction = idleAction == null ? IdleAction.DISCONNECT : idleAction;
        }

        public static Kiosk defaults() {
            return new Kiosk(0, IdleAction.DISCONNECT, true);
        }
    }

    // ------------------------------------------------------------------------------------------------ logging

    /**
     * Logging of the running agent.
     *
     * @param level {@code trace}, {@code debug}, {@code info} (default), {@code warn}, {@code error} or {@code off}
     */
    public record Logging(String level) {

        public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

        public Logging {
            level = level == null ? "info" : level.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException("logging.level: '" + Checks.shorten(level) + "' is not one of "
                        + String.join(", ", LEVELS));
            }
        }

        public static Logging defaults() {
            return new Logging("info");
        }
    }

    // ------------------------------------------------------------------------------------------------ provisioning

    /**
     * The fleet link.
     *
     * @param enabled   whether the agent connects to the fleet broker (default false)
     * @param brokerUrl {@code ssl://host:port} of the MQTT 5 broker (mutual TLS only); required when enabled
     * @param tenant    tenant id (letters, digits, {@code . _ -}, at most 64); required when enabled
     * @param deviceId  this device's id; default none (taken from enrollment)
     * @param stateDir  provisioning state (keys, certificates, applied documents); default {@code <state dir>/provisioning}
     * @param claimFile the claim bundle ({@code porthole fleet init --claim}) a device without an identity enrolls with;
     *                  default {@code <provisioning state dir>/claim.json}
     * @param telemetryIntervalSeconds how often telemetry is published, {@value #MIN_TELEMETRY}..{@value #MAX_TELEMETRY}
     *                  (default {@value #DEFAULT_TELEMETRY})
     */
    public record Provisioning(boolean enabled, URI brokerUrl, String tenant, String deviceId, Path stateDir, Path claimFile,
                               int telemetryIntervalSeconds) {

        /** Bounds and default of {@link #telemetryIntervalSeconds()}. */
        public static final int MIN_TELEMETRY = 5;
        public static final int MAX_TELEMETRY = 3600;
        public static final int DEFAULT_TELEMETRY = 60;

        public Provisioning {
            if (telemetryIntervalSeconds < MIN_TELEMETRY || telemetryIntervalSeconds > MAX_TELEMETRY) {
                throw new IllegalArgumentException("provisioning.telemetryIntervalSeconds: " + telemetryIntervalSeconds
                        + " is outside " + MIN_TELEMETRY + ".." + MAX_TELEMETRY);
            }
            if (brokerUrl != null) {
                if (!"ssl".equals(brokerUrl.getScheme()) || brokerUrl.getHost() == null || brokerUrl.getPort() <= 0
                        || brokerUrl.getPort() > 65535) {
                    throw new IllegalArgumentException("provisioning.brokerUrl: must be ssl://host:port (mutual TLS), not '"
                            + Checks.shorten(brokerUrl.toString()) + "'");
                }
            }
            if (tenant != null && !Ids.valid(tenant)) {
                throw new IllegalArgumentException("provisioning.tenant: " + Ids.problem(tenant));
            }
            if (deviceId != null && !Ids.valid(deviceId)) {
                throw new IllegalArgumentException("provisioning.deviceId: " + Ids.problem(deviceId));
            }
            if (enabled && brokerUrl == null) {
                throw new IllegalArgumentException("provisioning.brokerUrl: required when enabled");
            }
            if (enabled && tenant == null) {
                throw new IllegalArgumentException("provisioning.tenant: required when enabled");
            }
        }

        public static Provisioning defaults() {
            return new Provisioning(false, null, null, null, null, null, DEFAULT_TELEMETRY);
        }

        /** {@link #stateDir()} or {@code <agentStateDir>/provisioning}. */
        public Path stateDirUnder(Path agentStateDir) {
            return stateDir != null ? stateDir : agentStateDir.resolve("provisioning");
        }

        /** {@link #claimFile()} or {@code claim.json} in {@link #stateDirUnder}. */
        public Path claimFileUnder(Path agentStateDir) {
            return claimFile != null ? claimFile : stateDirUnder(agentStateDir).resolve("claim.json");
        }
    }

    // ------------------------------------------------------------------------------------------------ plugins

    /**
     * Plugins.
     *
     * @param allowed ids of the plugins allowed to run (reverse-DNS such as {@code com.example.echo}); default none
     */
    public record Plugins(List<String> allowed) {

        /** Plugin id syntax, the same as the plugin manifest's. */
        public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

        public Plugins {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
            if (allowed.size() > 256) {
                throw new IllegalArgumentException("plugins.allowed: " + allowed.size() + " ids; at most 256");
            }
            for (int i = 0; i < allowed.size(); i++) {
                String id = allowed.get(i);
                if (id.length() > 128 || !ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("plugins.allowed[" + i + "]: '" + Checks.shorten(id)
                            + "' is not a plugin id (reverse-DNS like com.example.echo)");
                }
                if (allowed.indexOf(id) != i) {
                    throw new IllegalArgumentException("plugins.allowed[" + i + "]: '" + id + "' is listed twice");
                }
            }
        }

        public static Plugins defaults() {
            return new Plugins(List.of());
        }
    }

    /** Shared field checks; messages start with the field path. */
    static final class Checks {
        private Checks() {}

        static void range(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + ": " + value + " is outside " + min + ".." + max);
            }
        }

        static void printable(String field, String value, int maxLength) {
            if (value.length() > maxLength) {
                throw new IllegalArgumentException(field + ": " + value.length() + " characters; at most " + maxLength);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException(field + ": control character U+"
                            + String.format("%04X", (int) c) + " at index " + i);
                }
            }
        }

        static String shorten(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length() && i < 80; i++) {
                char c = s.charAt(i);
                b.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
            return s.length() > 80 ? b + "..." : b.toString();
        }
    }
}
