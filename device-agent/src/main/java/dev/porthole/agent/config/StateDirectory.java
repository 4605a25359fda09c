package dev.porthole.agent.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The agent's state directory (the only place it writes on the device; DESIGN.md "Storage on device") and the
 * files in it. Default {@value #DEFAULT}, or {@code $PORTHOLE_STATE_DIR}, or a {@code --state-dir} option.
 *
 * @param root the directory
 */
public record StateDirectory(Path root) {

    /** The state directory on the appliance. */
    public static final String DEFAULT = "/var/lib/porthole";

    /** Environment variable that overrides {@link #DEFAULT}. */
    public static final String ENV = "PORTHOLE_STATE_DIR";

    public StateDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code option} when given, else {@code $PORTHOLE_STATE_DIR}, else {@value #DEFAULT}. */
    public static StateDirectory resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return new StateDirectory(option);
        }
        String e = env.get(ENV);
        return new StateDirectory(Path.of(e != null && !e.isBlank() ? e : DEFAULT));
    }

    /** {@code <root>/config/last-known-good.json}: the last configuration that loaded (and, once the agent marks it, worked). */
    public Path lastKnownGood() {
        return root.resolve("config").resolve("last-known-good.json");
    }

    /** {@code <root>/keys/device.key}: the device key that encrypts credentials at rest (0600). */
    public Path deviceKey() {
        return root.resolve("keys").resolve("device.key");
    }

    /** {@code <root>/credentials/password.enc}: the kiosk password, encrypted with the device key (0600). */
    public Path kioskPassword() {
        return root.resolve("credentials").resolve("password.enc");
    }

    /** {@code <root>/status.json}: the running agent's status ({@code porthole status}). */
    public Path status() {
        return root.resolve("status.json");
    }

    /** {@code <root>/logs}: the rolling log files. */
    public Path logs() {
        return root.resolve("logs");
    }
}
