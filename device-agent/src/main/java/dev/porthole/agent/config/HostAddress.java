package dev.porthole.agent.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One RDP host (or broker) of the configuration: a DNS name, IPv4 or IPv6 address and an optional port.
 * Written {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a bare IPv6 address without brackets
 * is accepted too (then without port).
 *
 * @param host name or address (IPv6 without brackets), lower-case
 * @param port 1..65535, or 0 for the connection's default port
 */
public record HostAddress(String host, int port) {

    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}(%[a-z0-9_.-]{1,32})?");

    public HostAddress {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean v6 = host.indexOf(':') >= 0;
        if (v6 ? !IPV6.matcher(host).matches() : !DNS.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(host) + "' is not a host name or address");
        }
        if (port != 0 && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@code host}, {@code host:port}, {@code [v6]:port}, {@code [v6]} or a bare IPv6 address. */
    public static HostAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(t) + "' has no closing ']'");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostAddress(host, 0);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(t) + "': expected ':port' after ']'");
            }
            return new HostAddress(host, port(rest.substring(1)));
        }
        int first = t.indexOf(':');
        if (first < 0) {
            return new HostAddress(t, 0);
        }
        if (t.indexOf(':', first + 1) >= 0) {
            return new HostAddress(t, 0); // bare IPv6
        }
        return new HostAddress(t.substring(0, first), port(t.substring(first + 1)));
    }

    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port '" + AgentConfig.Checks.shorten(s) + "' is not a number 1..65535");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is outside 1..65535");
        }
        return p;
    }

    /** The form {@link #parse} reads back. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? (port == 0 ? host : "[" + host + "]") : host;
        return port == 0 ? h : h + ":" + port;
    }
}
