package dev.porthole.agent.cli.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.porthole.provisioning.fleet.FleetStatus;
import dev.porthole.provisioning.mqtt.MqttLink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code porthole fleet status}: a table of devices from their retained birth, state and config reports. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every device: state, applied and pushed configuration version, last seen, errors.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--watch", description = "Keep printing the table when something changes (Ctrl-C to stop).")
    boolean watch;

    @Option(names = "--duration", paramLabel = "DURATION", converter = FleetOptions.DurationConverter.class,
            description = "With --watch: stop after this long.")
    Duration duration;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s",
            converter = FleetOptions.DurationConverter.class,
            description = "Collect retained messages until none came for this long (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        FleetStatus status = new FleetStatus(common.fleet());
        try (MqttLink link = common.connections().link("status")) {
            AtomicBoolean changed = new AtomicBoolean();
            List<FleetStatus.Row> rows = status.snapshot(link, settle, common.timeout);
            print(out, rows);
            if (!watch) {
                return 0;
            }
            status.attach(link, r -> changed.set(true));
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                if (changed.getAndSet(false)) {
                    out.println();
                    print(out, status.rows());
                }
            }
        }
        return 0;
    }

    private void print(PrintWriter out, List<FleetStatus.Row> rows) {
        out.print(json ? FleetStatus.json(rows) : FleetStatus.table(rows));
        out.flush();
    }
}
