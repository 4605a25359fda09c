package dev.porthole.agent.cli.fleet;

import java.util.concurrent.Callable;

import dev.porthole.provisioning.fleet.FleetPush;
import dev.porthole.provisioning.mqtt.MqttLink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code porthole fleet rollback}: republish earlier settings under a higher version. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Republish the settings of an earlier pushed version (default: the one before the latest)"
                + " under a new, higher version, so the device accepts it.")
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--device", paramLabel = "ID", required = true, description = "The device.")
    String device;

    @Option(names = "--to", paramLabel = "VERSION", description = "The version whose settings to restore.")
    Long to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (MqttLink link = common.connections().connected("rollback", common.timeout)) {
            FleetPush.Pushed p = new FleetPush(common.fleet(), FleetOptions.clock())
                    .rollback(link, device, to, common.timeout);
            spec.commandLine().getOut().println(p.device() + "  v" + p.version() + "  " + String.join(" ", p.layers()));
        }
        return 0;
    }
}
