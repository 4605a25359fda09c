package dev.porthole.plugin.sandbox.pkg;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * A capability a plugin requests in its manifest, from a fixed list. What each grants in the sandbox:
 * <ul>
 *   <li>{@link Network}: the host's network namespace and IPv4/IPv6 sockets (the default is no network
 *       at all). The named hosts are recorded for review and certification; the sandbox does not yet
 *       filter by destination.</li>
 *   <li>{@link Audio}: the ALSA device nodes ({@code /dev/snd}) bound into the sandbox when present.</li>
 *   <li>{@link Usb}: the {@code /dev/bus/usb} nodes of attached devices with the given vendor/product id,
 *       bound into the sandbox when present at start.</li>
 * </ul>
 */
public sealed interface Capability {

    /** The manifest's {@code type} value. */
    String type();

    /** A {@code host:port} a network-capable plugin talks to. */
    record HostPort(String host, int port) {
        private static final Pattern DNS = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
        private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}]");

        public HostPort {
            if (host == null || !(DNS.matcher(host).matches() || IPV4.matcher(host).matches() || IPV6.matcher(host).matches())) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "host '" + host
                        + "' is not a lower-case DNS name, an IPv4 address or a bracketed IPv6 address");
            }
            if (port < 1 || port > 65535) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "port " + port + " outside 1..65535");
            }
        }

        /** Parses {@code host:port} (IPv6 in brackets). */
        public static HostPort parse(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "'" + s + "' is not host:port");
            }
            String port = s.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "'" + s + "' has a bad port");
            }
            return new HostPort(s.substring(0, colon).toLowerCase(Locale.ROOT), Integer.parseInt(port));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** Outbound network to the named hosts. */
    record Network(List<HostPort> hosts) implements Capability {
        public Network {
            hosts = List.copyOf(hosts);
        }

        public String type() {
            return "network";
        }
    }

    /** Audio playback and capture through ALSA. */
    record Audio() implements Capability {
        public String type() {
            return "audio";
        }
    }

    /** One USB device model, by vendor and product id. */
    record Usb(int vendorId, int productId) implements Capability {
        public Usb {
            if (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "USB ids must be 16-bit");
            }
        }

        public String type() {
            return "usb";
        }

        @Override
        public String toString() {
            return String.format("Usb[%04x:%04x]", vendorId, productId);
        }
    }
}
