package dev.porthole.agent.logging;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.tinylog.configuration.Configuration;

/**
 * TinyLog 2 configuration of the device agent. Every subsystem logs with its own tag
 * ({@link #TAGS}); lines carry {@code key=value} fields. CLI commands log to the console only; the
 * running agent logs to the console and to a size-capped rolling file in its state directory.
 *
 * <p>Must run before the first log line: TinyLog freezes its configuration on first use.
 */
public final class Logging {

    /** Subsystem tags, one per module (ARCHITECTURE.md). */
    public static final java.util.List<String> TAGS =
            java.util.List.of("agent", "rdp", "display", "hw", "plugin", "provisioning", "testbed");

    static final String FORMAT = "{date: yyyy-MM-dd'T'HH:mm:ss.SSSZ} {level|min-size=5} [{tag}] {message}";

    /** Size cap of one log file before rotation. */
    public static final String FILE_SIZE = "10mb";

    /** Rotated files kept besides the current one. */
    public static final int FILE_BACKUPS = 5;

    private Logging() {}

    /** Console only, to standard error, at {@code level}. */
    public static Map<String, String> cliProperties(String level) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("writer", "console");
        p.put("writer.level", checkLevel(level));
        p.put("writer.format", "{date: HH:mm:ss.SSS} {level|min-size=5} [{tag}] {message}");
        p.put("writer.stream", "err");
        return p;
    }

    /** Console plus a rolling file {@code <stateDir>/logs/porthole.<n>.log}, size-capped, at {@code level}. */
    public static Map<String, String> agentProperties(Path stateDir, String level) {
        Map<String, String> p = cliProperties(level);
        String file = stateDir.resolve("logs").resolve("porthole.{count}.log").toString();
        p.put("writer2", "rolling file");
        p.put("writer2.level", checkLevel(level));
        p.put("writer2.format", FORMAT);
        p.put("writer2.file", file);
        p.put("writer2.latest", stateDir.resolve("logs").resolve("porthole.log").toString());
        p.put("writer2.policies", "startup, size: " + FILE_SIZE);
        p.put("writer2.backups", Integer.toString(FILE_BACKUPS));
        p.put("writer2.buffered", "false");
        p.put("writer2.charset", "UTF-8");
        p.put("writingthread", "true");
        return p;
    }

    /**
     * Applies {@code properties} unless logging is already in use (TinyLog freezes its configuration
     * at the first log line; a second CLI invocation in the same JVM keeps the first configuration).
     *
     * @return whether the properties were applied
     */
    public static boolean apply(Map<String, String> properties) {
        if (Configuration.isFrozen()) {
            return false;
        }
        Configuration.replace(properties);
        return true;
    }

    static String checkLevel(String level) {
        String l = level.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "trace", "debug", "info", "warn", "error", "off" -> l;
            default -> throw new IllegalArgumentException(
                    "log level '" + level + "' is not one of trace, debug, info, warn, error, off");
        };
    }
}
