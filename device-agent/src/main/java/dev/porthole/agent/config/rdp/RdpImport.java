package dev.porthole.agent.config.rdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.AgentConfig.Connection;
import dev.porthole.agent.config.AgentConfig.Credentials;
import dev.porthole.agent.config.AgentConfig.CredentialsMode;
import dev.porthole.agent.config.AgentConfig.Desktop;
import dev.porthole.agent.config.AgentConfig.Security;
import dev.porthole.agent.config.HostAddress;
import dev.porthole.agent.config.rdp.RdpFile.Setting;

/**
 * Turns a {@code .rdp} file into a Porthole configuration and says what became of every setting: applied, not
 * supported by Porthole (gateway, device redirection, local audio), or ignored (no meaning on the appliance, or
 * unknown). Values Porthole cannot represent are errors naming the line.
 */
public final class RdpImport {

    /**
     * The outcome.
     *
     * @param config      the configuration (defaults for everything the file does not set)
     * @param applied     {@code name -> field} lines for the settings that were used
     * @param unsupported settings with an effect Porthole does not provide, with why
     * @param ignored     settings without meaning here, and unknown ones
     */
    public record Result(AgentConfig config, List<String> applied, List<String> unsupported, List<String> ignored) {
        public Result {
            applied = List.copyOf(applied);
            unsupported = List.copyOf(unsupported);
            ignored = List.copyOf(ignored);
        }
    }

    /** Settings that select or configure an RD Gateway; Porthole connects directly. */
    static final Set<String> GATEWAY = Set.of("gatewayhostname", "gatewayusagemethod", "gatewaycredentialssource",
            "gatewayprofileusagemethod", "gatewaybrokeringtype", "promptcredentialonce", "gatewayaccesstoken",
            "kdcproxyname");

    /** Redirection settings: Porthole has no device redirection yet. */
    static final Set<String> REDIRECTION = Set.of("redirectclipboard", "redirectprinters", "redirectcomports",
            "redirectsmartcards", "redirectdrives", "redirectposdevices", "redirectdirectx", "redirectwebauthn",
            "redirectlocation", "drivestoredirect", "devicestoredirect", "usbdevicestoredirect", "camerastoredirect",
            "audiocapturemode", "encode redirected video capture", "redirected video capture encoding quality");

    /** Settings with no meaning on the appliance (always full screen, no local windowing, client-side tuning). */
    static final Set<String> NO_EFFECT = Set.of("screen mode id", "use multimon", "winposstr", "compression",
            "keyboardhook", "displayconnectionbar", "disable wallpaper", "allow font smoothing",
            "allow desktop composition", "disable full window drag", "disable menu anims", "disable themes",
            "disable cursor setting", "bitmapcachepersistenable", "autoreconnection enabled", "smart sizing",
            "dynamic resolution", "connection type", "networkautodetect", "bandwidthautodetect", "negotiate security layer",
            "remoteapplicationmode", "alternate shell", "shell working directory", "videoplaybackmode",
            "administrative session", "desktopscalefactor", "selectedmonitors", "maximizetocurrentdisplays",
            "singlemoninwindowedmode", "span monitors", "use redirection server name", "rdgiskdcproxy",
            "remoteappmousemoveinject", "autoreconnect max retries");

    private RdpImport() {}

    /** Maps {@code file} onto {@link AgentConfig#defaults()}. */
    public static Result toConfig(RdpFile file) {
        List<String> applied = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        AgentConfig base = AgentConfig.defaults();
        Connection conn = base.connection();
        List<HostAddress> hosts = new ArrayList<>();
        int port = conn.port();
        Security security = conn.security();
        String lbi = null;
        String user = "";
        String domain = "";
        Optional<Long> prompt = Optional.empty();
        Integer width = null;
        Integer height = null;
        int bpp = base.desktop().bpp();

        for (Setting s : file.settings().values()) {
            String key = s.name().toLowerCase(Locale.ROOT);
            switch (key) {
                case "full address" -> {
                    hosts.add(0, host(s));
                    applied.add(s.name() + " -> connection.hosts[0]");
                }
                case "alternate full address" -> {
                    HostAddress alt = host(s);
                    if (!hosts.contains(alt)) {
                        hosts.add(alt);
                    }
                    applied.add(s.name() + " -> connection.hosts (tried after the full address)");
                }
                case "server port" -> {
                    port = (int) range(s, 1, 65535);
                    applied.add(s.name() + " -> connection.port");
                }
                case "username" -> {
                    String u = string(s);
                    int bs = u.indexOf('\\');
                    if (bs >= 0) {
                        domain = u.substring(0, bs);
                        user = u.substring(bs + 1);
                        applied.add(s.name() + " -> credentials.domain + credentials.username (DOMAIN\\user)");
                    } else {
                        user = u;
                        applied.add(s.name() + " -> credentials.username");
                    }
                }
                case "domain" -> {
                    domain = string(s);
                    applied.add(s.name() + " -> credentials.domain");
                }
                case "desktopwidth" -> {
                    width = (int) range(s, Desktop.MIN_SIZE, Desktop.MAX_SIZE);
                    applied.add(s.name() + " -> desktop.width");
                }
                case "desktopheight" -> {
                    height = (int) range(s, Desktop.MIN_SIZE, Desktop.MAX_SIZE);
                    applied.add(s.name() + " -> desktop.height");
                }
                case "session bpp" -> {
                    long v = s.integer();
                    if (v == 16 || v == 24 || v == 32) {
                        bpp = (int) v;
                        applied.add(s.name() + " -> desktop.bpp");
                    } else if (v == 8 || v == 15) {
                        bpp = 16;
                        applied.add(s.name() + " -> desktop.bpp 16 (" + v + " bpp is not offered by Porthole)");
                    } else {
                        throw new RdpFileException(s.line(), "session bpp " + v + " is not 8, 15, 16, 24 or 32");
                    }
                }
                case "loadbalanceinfo" -> {
                    lbi = string(s).strip();
                    applied.add(s.name() + " -> connection.loadBalanceInfo");
                }
                case "enablecredsspsupport" -> {
                    security = s.integer() == 0 ? Security.TLS : Security.AUTO;
                    applied.add(s.name() + " -> connection.security " + security.id());
                }
                case "authentication level" -> {
                    long v = s.integer();
                    if (v == 0) {
                        unsupported.add(s.name() + " 0 (connect even if the server cannot be verified): Porthole always"
                                + " verifies the server certificate; use connection.trust to pin it");
                    } else {
                        applied.add(s.name() + " " + v + " -> connection.trust system (server always verified)");
                    }
                }
                case "prompt for credentials" -> {
                    prompt = Optional.of(s.integer());
                    applied.add(s.name() + " -> credentials.mode");
                }
                case "audiomode" -> {
                    long v = s.integer();
                    if (v == 0) {
                        unsupported.add(s.name() + " 0 (play on this device): audio output redirection is not supported"
                                + " yet; remote audio is not played");
                    } else {
                        ignored.add(s.name() + " " + v + " (" + (v == 1 ? "leave at remote computer" : "do not play")
                                + "): matches Porthole");
                    }
                }
                default -> {
                    if (GATEWAY.contains(key)) {
                        unsupported.add(s.name() + ": RD Gateway is not supported; Porthole connects to the hosts"
                                + " directly");
                    } else if (REDIRECTION.contains(key) || key.startsWith("redirect")) {
                        boolean on = s.type() == 'i' ? s.integer() != 0 : !s.value().isBlank();
                        if (on) {
                            unsupported.add(s.name() + ": device redirection is not supported; not redirected");
                        } else {
                            ignored.add(s.name() + " (off)");
                        }
                    } else if (key.startsWith("password")) {
                        unsupported.add(s.name() + ": saved passwords (Windows DPAPI) cannot be imported; use"
                                + " porthole config set-password");
                    } else if (NO_EFFECT.contains(key)) {
                        ignored.add(s.name() + ": no effect on the appliance");
                    } else {
                        ignored.add(s.name() + ": unknown setting");
                    }
                }
            }
        }
        if ((width == null) != (height == null)) {
            Setting s = file.get(width == null ? "desktopheight" : "desktopwidth").orElseThrow();
            throw new RdpFileException(s.line(), (width == null ? "desktopwidth" : "desktopheight")
                    + " is missing; give both desktop sizes or neither");
        }
        CredentialsMode mode = CredentialsMode.INTERACTIVE;
        if (prompt.isPresent() && prompt.get() == 0 && !user.isEmpty()) {
            mode = CredentialsMode.KIOSK;
            applied.add("credentials.mode kiosk: set the password with `porthole config set-password`");
        }
        Connection c = new Connection(hosts, port, security, conn.trust(), lbi, conn.clientName(),
                conn.connectTimeoutSeconds());
        Credentials cred;
        try {
            cred = new Credentials(mode, user, domain);
        } catch (IllegalArgumentException e) {
            int line = file.get("username").map(Setting::line).orElse(0);
            throw new RdpFileException(line, e.getMessage());
        }
        AgentConfig config = base.withConnection(c).withCredentials(cred)
                .withDesktop(new Desktop(width == null ? 0 : width, height == null ? 0 : height, bpp,
                        base.desktop().monitors()));
        if (hosts.isEmpty()) {
            unsupported.add("no 'full address' in the file: the configuration has no host");
        }
        return new Result(config, applied, unsupported, ignored);
    }

    private static HostAddress host(Setting s) {
        try {
            return HostAddress.parse(string(s));
        } catch (IllegalArgumentException e) {
            throw new RdpFileException(s.line(), s.name() + ": " + e.getMessage());
        }
    }

    private static String string(Setting s) {
        if (s.type() != 's') {
            throw new RdpFileException(s.line(), "'" + s.name() + "' must have type s, not " + s.type());
        }
        if (s.value().length() > 1024) {
            throw new RdpFileException(s.line(), "'" + s.name() + "' is longer than 1024 characters");
        }
        return s.value();
    }

    private static long range(Setting s, long min, long max) {
        if (s.type() != 'i') {
            throw new RdpFileException(s.line(), "'" + s.name() + "' must have type i, not " + s.type());
        }
        long v = s.integer();
        if (v < min || v > max) {
            throw new RdpFileException(s.line(), s.name() + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }
}
