package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.Objects;

/**
 * What the boot machine needs from the configuration (the agent's configuration model maps onto
 * this): where the session host is, how to sign in, and how to behave when the session is lost.
 *
 * @param host             session host or broker name
 * @param port             its TCP port
 * @param mode             kiosk (configured credentials, never gives up) or interactive (sign-in screen)
 * @param username         kiosk user, or the user name offered on the sign-in screen
 * @param domain           the user's domain (may be empty)
 * @param password         kiosk password (empty in interactive mode); held in memory only
 * @param security         TLS, NLA or AUTO
 * @param pinnedSha256     the server certificate's SHA-256 to pin, or null to use the system trust store
 * @param width            desktop width asked of the server
 * @param height           desktop height asked of the server
 * @param idleTimeout      disconnect after this long without input; zero disables
 * @param reconnect        backoff after a lost session or a failed connection
 * @param authRetry        the long backoff after rejected kiosk credentials (no retry storm)
 * @param config           the agent configuration these settings were taken from (the client configuration is
 *                         built from it), or null
 */
public record BootSettings(String host, int port, Mode mode, String username, String domain, Secret password, String security,
                           String pinnedSha256, int width, int height, Duration idleTimeout, Backoff reconnect,
                           Backoff authRetry, dev.porthole.agent.config.AgentConfig config) {

    /** Settings not taken from an agent configuration. */
    public BootSettings(String host, int port, Mode mode, String username, String domain, Secret password, String security,
                        String pinnedSha256, int width, int height, Duration idleTimeout, Backoff reconnect, Backoff authRetry) {
        this(host, port, mode, username, domain, password, security, pinnedSha256, width, height, idleTimeout, reconnect,
                authRetry, null);
    }

    /** Kiosk or interactive. */
    public enum Mode { KIOSK, INTERACTIVE }

    /** Defaults for the reconnect backoff: 1 s doubling to 30 s. */
    public static final Backoff DEFAULT_RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    /** Defaults for the kiosk retry after rejected credentials: 5 min doubling to 1 h. */
    public static final Backoff DEFAULT_AUTH_RETRY = new Backoff(Duration.ofMinutes(5), Duration.ofHours(1));

    /** Validates, naming the field that is wrong. */
    public BootSettings {
        host = host == null ? "" : host.strip(); // empty: no host configured yet (waits for provisioning)
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("session port " + port + " outside 1..65535");
        }
        Objects.requireNonNull(mode, "mode");
        username = username == null ? "" : username;
        domain = domain == null ? "" : domain;
        password = password == null ? Secret.empty() : password;
        security = security == null ? "AUTO" : security;
        boolean follows = width == 0 && height == 0;
        if (!follows && (width < 200 || height < 200 || width > 8192 || height > 8192)) {
            throw new IllegalArgumentException("desktop " + width + "x" + height + " outside 200..8192 (0x0: follow the display)");
        }
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " is negative");
        }
        reconnect = reconnect == null ? DEFAULT_RECONNECT : reconnect;
        authRetry = authRetry == null ? DEFAULT_AUTH_RETRY : authRetry;
        if (mode == Mode.KIOSK && username.isEmpty()) {
            throw new IllegalArgumentException("kiosk mode needs a user name");
        }
    }

    /** The hosts to try, in order: the configuration's {@code connection.hosts}, else this one (none when empty). */
    public java.util.List<dev.porthole.agent.config.HostAddress> hosts() {
        if (config != null && !config.connection().hosts().isEmpty()) {
            var c = config.connection();
            return c.hosts().stream().map(h -> new dev.porthole.agent.config.HostAddress(h.host(), c.portOf(h))).toList();
        }
        try {
            return host.isEmpty() ? java.util.List.of() : java.util.List.of(new dev.porthole.agent.config.HostAddress(host, port));
        } catch (IllegalArgumentException e) {
            return java.util.List.of(); // not a configuration host name: the settings' own host is used as it is
        }
    }

    /** These settings aimed at {@code target} (one of {@link #hosts()}). */
    public BootSettings withHost(dev.porthole.agent.config.HostAddress target) {
        return new BootSettings(target.host(), target.port(), mode, username, domain, password, security, pinnedSha256, width,
                height, idleTimeout, reconnect, authRetry, config);
    }

    /** Whether a change from {@code this} to {@code next} needs a new session to take effect. */
    public boolean sessionDiffers(BootSettings next) {
        if (config != null && next.config != null && (!config.connection().equals(next.config.connection())
                || !config.desktop().equals(next.config.desktop()) || !config.input().equals(next.config.input()))) {
            return true;
        }
        return !host.equals(next.host) || port != next.port || mode != next.mode || !username.equals(next.username)
                || !domain.equals(next.domain) || !security.equals(next.security)
                || !Objects.equals(pinnedSha256, next.pinnedSha256) || width != next.width || height != next.height
                || !java.util.Arrays.equals(passwordDigest(), next.passwordDigest());
    }

    private byte[] passwordDigest() {
        char[] c = password.copy();
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (char ch : c) {
                md.update((byte) (ch >> 8));
                md.update((byte) ch);
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            java.util.Arrays.fill(c, '\0');
        }
    }

    @Override
    public String toString() {
        return "BootSettings[" + host + ":" + port + ", mode=" + mode + ", user=" + username + ", security=" + security + ", "
                + width + "x" + height + ", idle=" + idleTimeout + "]";
    }
}
