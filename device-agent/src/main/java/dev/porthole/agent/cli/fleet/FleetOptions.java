package dev.porthole.agent.cli.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

import dev.porthole.provisioning.fleet.FleetConnections;
import dev.porthole.provisioning.fleet.FleetDirectory;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every {@code porthole fleet} sub-command shares (a picocli mixin). */
public final class FleetOptions {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:PORTHOLE_FLEET_DIR:-fleet}",
            description = "The fleet directory (default: $PORTHOLE_FLEET_DIR or ./fleet; now ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for the broker and for answers (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    FleetDirectory fleet() {
        return FleetDirectory.open(dir);
    }

    FleetConnections connections() {
        return new FleetConnections(fleet(), new PahoConnector(),
                b -> b.connectTimeout(min(timeout, Duration.ofSeconds(15))).operationTimeout(timeout));
    }

    static InstantSource clock() {
        return InstantSource.system();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, {@code 250ms}, or ISO-8601 ({@code PT30S}). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 5m, 24h,"
                        + " 7d or 250ms");
            }
        }
    }
}
