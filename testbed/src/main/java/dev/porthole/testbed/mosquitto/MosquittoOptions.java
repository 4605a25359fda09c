package dev.porthole.testbed.mosquitto;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MosquittoBroker} is set up. Start from {@link #defaults()} and change what a test needs:
 * <pre>{@code
 * MosquittoOptions.defaults()
 *         .withFleetIdentity("ops")                       // resets the ACL to MosquittoAcl.porthole("ops")
 *         .withAcl(MosquittoAcl.builder().pattern(Access.READWRITE, "lab/%u/#").build())
 *         .withExtraConfig("message_size_limit 65536");
 * }</pre>
 *
 * @param fleetIdentity the certificate CN of the fleet side (default {@value #DEFAULT_FLEET_IDENTITY})
 * @param acl           the broker's ACL file
 * @param extraConfig   further global {@code mosquitto.conf} lines, appended before the listener section
 * @param startTimeout  how long a (re)start may take until the port accepts connections
 */
public record MosquittoOptions(String fleetIdentity, MosquittoAcl acl, List<String> extraConfig, Duration startTimeout) {

    /** The default certificate CN of the fleet side. */
    public static final String DEFAULT_FLEET_IDENTITY = "fleet";

    public MosquittoOptions {
        Objects.requireNonNull(fleetIdentity, "fleetIdentity");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(startTimeout, "startTimeout");
        extraConfig = List.copyOf(extraConfig);
        for (String line : extraConfig) {
            if (line.contains("\n") || line.contains("\r")) {
                throw new IllegalArgumentException("extra mosquitto.conf line must be one line: '" + line + "'");
            }
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
    }

    /** Fleet identity {@value #DEFAULT_FLEET_IDENTITY}, {@link MosquittoAcl#porthole(String)}, 15 s start timeout. */
    public static MosquittoOptions defaults() {
        return new MosquittoOptions(DEFAULT_FLEET_IDENTITY, MosquittoAcl.porthole(DEFAULT_FLEET_IDENTITY), List.of(),
                Duration.ofSeconds(15));
    }

    /** Another fleet identity, with the design's default ACL for it (call {@link #withAcl} afterwards to override). */
    public MosquittoOptions withFleetIdentity(String identity) {
        return new MosquittoOptions(identity, MosquittoAcl.porthole(identity), extraConfig, startTimeout);
    }

    /** Another ACL. */
    public MosquittoOptions withAcl(MosquittoAcl newAcl) {
        return new MosquittoOptions(fleetIdentity, newAcl, extraConfig, startTimeout);
    }

    /** Extra global configuration lines (for example {@code max_keepalive 30}), replacing earlier ones. */
    public MosquittoOptions withExtraConfig(String... lines) {
        return new MosquittoOptions(fleetIdentity, acl, List.of(lines), startTimeout);
    }

    /** Another start timeout. */
    public MosquittoOptions withStartTimeout(Duration timeout) {
        return new MosquittoOptions(fleetIdentity, acl, extraConfig, timeout);
    }
}
