package dev.porthole.testbed.freerdp;

import java.util.Objects;

/**
 * Where and as whom an RDP client logs on: host and port, NLA credentials, and the SHA-256 of the
 * certificate the server must present (lower-case hex, no separators), or {@code null} to accept any.
 */
public record RdpTarget(String host, int port, String username, String password, String domain,
                        String certificateSha256) {

    public RdpTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(domain, "domain");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 1..65535");
        }
        if (certificateSha256 != null && !certificateSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("certificateSha256 must be 64 lower-case hex digits: " + certificateSha256);
        }
    }

    /** The same target with another password (for negative tests). */
    public RdpTarget withPassword(String otherPassword) {
        return new RdpTarget(host, port, username, otherPassword, domain, certificateSha256);
    }

    /** The same target expecting another certificate (for negative tests). */
    public RdpTarget withCertificateSha256(String otherSha256) {
        return new RdpTarget(host, port, username, password, domain, otherSha256);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RdpTarget[" + (domain.isEmpty() ? "" : domain + "\\") + username + "@" + host + ":" + port
                + (certificateSha256 == null ? "" : ", sha256 " + certificateSha256) + "]";
    }
}
