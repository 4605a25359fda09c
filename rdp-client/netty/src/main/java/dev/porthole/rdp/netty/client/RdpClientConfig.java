package dev.porthole.rdp.netty.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;

/**
 * Typed configuration of one RDP connection. Build with {@link #builder(String)}; every field has a
 * documented default. Credentials are held as {@code char[]} and never appear in {@link #toString()}.
 */
public final class RdpClientConfig {

    /** Which security protocols to offer (MS-RDPBCGR 5.4). */
    public enum Security {
        /** TLS only (server-side logon, for example xrdp's). */
        TLS(SecurityProtocols.PROTOCOL_SSL),
        /** CredSSP (Network Level Authentication) only. */
        NLA(SecurityProtocols.PROTOCOL_HYBRID | SecurityProtocols.PROTOCOL_HYBRID_EX),
        /** Offer NLA and TLS; the server picks (default). */
        AUTO(SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID | SecurityProtocols.PROTOCOL_HYBRID_EX);

        private final int protocols;

        Security(int protocols) {
            this.protocols = protocols;
        }

        public int protocols() {
            return protocols;
        }
    }

    private final String host;
    private final int port;
    private final String username;
    private final String domain;
    private final char[] password;
    private final Security security;
    private final CertificateTrust trust;
    private final int width;
    private final int height;
    private final int colorDepth;
    private final int keyboardLayout;
    private final String clientName;
    private final String routingToken;
    private final List<ChannelDef> staticChannels;
    private final Duration connectTimeout;
    private final Duration phaseTimeout;
    private final byte[] licensingDeviceId;
    private final Reconnect reconnect;
    private final boolean allowStandardRdpSecurity;

    /**
     * Auto-reconnect policy of {@link RdpClient} (MS-RDPBCGR 5.5): whether a session whose transport drops is
     * reconnected, how often ({@code maxAttempts}, 0 for forever), and the exponential backoff between attempts:
     * attempt n waits {@code min(maxBackoff, initialBackoff * 2^(n-1))}, shortened by a random fraction of up to
     * {@code jitter} (0 to 1) so that many devices do not reconnect in step.
     */
    public record Reconnect(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

        /** Enabled, forever, 1 s doubling up to 30 s, jitter 0.25. */
        public static final Reconnect DEFAULT = new Reconnect(true, 0, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.25);
        /** Never reconnect. */
        public static final Reconnect DISABLED = new Reconnect(false, 0, Duration.ofSeconds(1), Duration.ofSeconds(30), 0);

        public Reconnect {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("reconnect maxAttempts " + maxAttempts + " is negative (0 means forever)");
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (initialBackoff.isNegative() || initialBackoff.isZero()) {
                throw new IllegalArgumentException("reconnect initialBackoff must be positive: " + initialBackoff);
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("reconnect maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                        + initialBackoff);
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("reconnect jitter " + jitter + " outside 0..1");
            }
        }

        public boolean forever() {
            return maxAttempts == 0;
        }

        /**
         * The wait before attempt {@code attempt} (1-based) given a uniform random number in [0, 1).
         */
        public Duration delay(int attempt, double random) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt " + attempt + " is not 1 or more");
            }
            long initial = initialBackoff.toMillis();
            long cap = maxBackoff.toMillis();
            long full = attempt > 62 ? cap : Math.min(cap, initial * (1L << Math.min(attempt - 1, 40)));
            if (full < 0 || full > cap) {
                full = cap;
            }
            long jittered = Math.round(full * (1 - jitter * random));
            return Duration.ofMillis(Math.max(1, jittered));
        }
    }

    private RdpClientConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.domain = b.domain;
        this.password = b.password.clone();
        this.security = b.security;
        this.trust = b.trust;
        this.width = b.width;
        this.height = b.height;
        this.colorDepth = b.colorDepth;
        this.keyboardLayout = b.keyboardLayout;
        this.clientName = b.clientName;
        this.routingToken = b.routingToken;
        this.staticChannels = List.copyOf(b.staticChannels);
        this.connectTimeout = b.connectTimeout;
        this.phaseTimeout = b.phaseTimeout;
        this.licensingDeviceId = b.licensingDeviceId == null ? null : b.licensingDeviceId.clone();
        this.reconnect = b.reconnect;
        this.allowStandardRdpSecurity = b.allowStandardRdpSecurity;
    }

    /** A builder holding every setting of this config (the password copied), to derive a changed one. */
    public Builder toBuilder() {
        Builder b = new Builder(host);
        b.port = port;
        b.username = username;
        b.domain = domain;
        b.password = password.clone();
        b.security = security;
        b.trust = trust;
        b.width = width;
        b.height = height;
        b.colorDepth = colorDepth;
        b.keyboardLayout = keyboardLayout;
        b.clientName = clientName;
        b.routingToken = routingToken;
        b.staticChannels = staticChannels;
        b.connectTimeout = connectTimeout;
        b.phaseTimeout = phaseTimeout;
        b.licensingDeviceId = licensingDeviceId == null ? null : licensingDeviceId.clone();
        b.reconnect = reconnect;
        b.allowStandardRdpSecurity = allowStandardRdpSecurity;
        return b;
    }

    /** Overwrites this config's copy of the password (used by {@link RdpClient} once it no longer needs it). */
    void destroyPassword() {
        java.util.Arrays.fill(password, '\0');
    }

    boolean hasPassword() {
        for (char c : password) {
            if (c != 0) {
                return true;
            }
        }
        return false;
    }

    /** A builder for a connection to {@code host}. */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    public String host() { return host; }
    public int port() { return port; }
    public String username() { return username; }
    public String domain() { return domain; }
    /** A copy of the password; the caller clears it after use. */
    public char[] password() { return password.clone(); }
    public Security security() { return security; }
    public CertificateTrust trust() { return trust; }
    public int width() { return width; }
    public int height() { return height; }
    public int colorDepth() { return colorDepth; }
    public int keyboardLayout() { return keyboardLayout; }
    public String clientName() { return clientName; }
    public String routingToken() { return routingToken; }
    public List<ChannelDef> staticChannels() { return staticChannels; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration phaseTimeout() { return phaseTimeout; }
    /** The 16-byte device id of the licensing hardware id (MS-RDPELE 2.2.2.3.1), or {@code null} to derive one from the client name. */
    public byte[] licensingDeviceId() { return licensingDeviceId == null ? null : licensingDeviceId.clone(); }
    /** The auto-reconnect policy of {@link RdpClient}. */
    public Reconnect reconnect() { return reconnect; }
    /** Whether a server that offers only Standard RDP Security (RC4, no server authentication) is accepted. */
    public boolean allowStandardRdpSecurity() { return allowStandardRdpSecurity; }

    @Override
    public String toString() {
        return "RdpClientConfig[" + host + ":" + port + ", user=" + (domain.isEmpty() ? "" : domain + "\\") + username
                + ", security=" + security + ", trust=" + trust.describe() + ", " + width + "x" + height + "x" + colorDepth + "]";
    }

    /** Builder with the defaults documented on each setter. */
    public static final class Builder {
        private String host;
        private int port = 3389;
        private String username = "";
        private String domain = "";
        private char[] password = new char[0];
        private Security security = Security.AUTO;
        private CertificateTrust trust = CertificateTrust.systemTrustStore();
        private int width = 1920;
        private int height = 1080;
        private int colorDepth = 32;
        private int keyboardLayout = 0x409;
        private String clientName = "porthole";
        private String routingToken;
        private List<ChannelDef> staticChannels = List.of();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration phaseTimeout = Duration.ofSeconds(20);
        private byte[] licensingDeviceId;
        private Reconnect reconnect = Reconnect.DEFAULT;
        private boolean allowStandardRdpSecurity;

        private Builder(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is empty");
            }
            this.host = host;
        }

        /** Another server host (for example a redirection target). */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is empty");
            }
            this.host = host;
            return this;
        }

        /** TCP port; default 3389. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " outside 1..65535");
            }
            this.port = port;
            return this;
        }

        /** User name, domain and password; default empty (server-side logon). The array is copied. */
        public Builder credentials(String username, String domain, char[] password) {
            this.username = Objects.requireNonNull(username, "username");
            this.domain = Objects.requireNonNull(domain, "domain");
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Security protocols to offer; default {@link Security#AUTO}. */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security);
            return this;
        }

        /** How the server certificate is verified; default the system trust store. */
        public Builder trust(CertificateTrust trust) {
            this.trust = Objects.requireNonNull(trust);
            return this;
        }

        /** Desktop size; default 1920x1080. */
        public Builder desktop(int width, int height) {
            if (width < 200 || width > 8192 || height < 200 || height > 8192) {
                throw new IllegalArgumentException("desktop " + width + "x" + height + " outside 200..8192");
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** Color depth 15, 16, 24 or 32; default 32. */
        public Builder colorDepth(int bpp) {
            if (bpp != 15 && bpp != 16 && bpp != 24 && bpp != 32) {
                throw new IllegalArgumentException("color depth " + bpp + " is not 15, 16, 24 or 32");
            }
            this.colorDepth = bpp;
            return this;
        }

        /** Windows keyboard layout id; default 0x409 (US). */
        public Builder keyboardLayout(int layout) {
            this.keyboardLayout = layout;
            return this;
        }

        /** Client name shown to the server (1..15 characters); default "porthole". */
        public Builder clientName(String name) {
            if (name == null || name.isEmpty() || name.length() > 15) {
                throw new IllegalArgumentException("client name must have 1 to 15 characters");
            }
            this.clientName = name;
            return this;
        }

        /** A connection broker's load-balance info sent as the X.224 routing token; default none. */
        public Builder routingToken(String token) {
            this.routingToken = token;
            return this;
        }

        /** Static virtual channels to request; default none. */
        public Builder staticChannels(List<ChannelDef> channels) {
            this.staticChannels = List.copyOf(channels);
            return this;
        }

        /** TCP connect time limit; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /** Time limit of each later connection phase; default 20 s. */
        public Builder phaseTimeout(Duration timeout) {
            this.phaseTimeout = positive(timeout);
            return this;
        }

        /**
         * The 16 bytes that identify this device to a licensing server (Data1..Data4 of CLIENT_HARDWARE_ID,
         * MS-RDPELE 2.2.2.3.1); keep it stable across connections. Default: derived from the client name.
         */
        public Builder licensingDeviceId(byte[] deviceId) {
            if (deviceId == null || deviceId.length != 16) {
                throw new IllegalArgumentException("licensing device id must have 16 bytes");
            }
            this.licensingDeviceId = deviceId.clone();
            return this;
        }

        /**
         * Accept a server that answers with a plain X.224 Connection Confirm or selects PROTOCOL_RDP, and speak
         * Standard RDP Security (MS-RDPBCGR 5.3: RC4 with 40/56/128-bit keys) with it. Standard RDP Security
         * does not authenticate the server (anyone on the path can read and change the session, credentials
         * included); each connection that uses it logs a warning. Default {@code false}: such servers are refused
         * with an error naming this setting. TLS and CredSSP are still requested and preferred.
         */
        public Builder allowStandardRdpSecurity(boolean allow) {
            this.allowStandardRdpSecurity = allow;
            return this;
        }

        /** The auto-reconnect policy; default {@link Reconnect#DEFAULT} (enabled, forever, 1 s .. 30 s, jitter 0.25). */
        public Builder reconnect(Reconnect policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /** Reconnect at most {@code attempts} times in a row (0: forever), keeping the other reconnect settings. */
        public Builder reconnectAttempts(int attempts) {
            this.reconnect = new Reconnect(true, attempts, reconnect.initialBackoff(), reconnect.maxBackoff(), reconnect.jitter());
            return this;
        }

        /** Backoff between reconnect attempts (see {@link Reconnect}); default 1 s doubling up to 30 s, jitter 0.25. */
        public Builder reconnectBackoff(Duration initial, Duration max, double jitter) {
            this.reconnect = new Reconnect(reconnect.enabled(), reconnect.maxAttempts(), initial, max, jitter);
            return this;
        }

        /** No auto-reconnect: a dropped session ends with {@code disconnected}. */
        public Builder noReconnect() {
            this.reconnect = new Reconnect(false, reconnect.maxAttempts(), reconnect.initialBackoff(), reconnect.maxBackoff(),
                    reconnect.jitter());
            return this;
        }

        private static Duration positive(Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("time limit must be positive: " + d);
            }
            return d;
        }

        public RdpClientConfig build() {
            return new RdpClientConfig(this);
        }
    }
}
