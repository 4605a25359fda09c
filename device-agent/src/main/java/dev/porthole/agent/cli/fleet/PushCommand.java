package dev.porthole.agent.cli.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.provisioning.fleet.FleetPush;
import dev.porthole.provisioning.mqtt.MqttLink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code porthole fleet push}: merge the layers, sign one document per device, publish retained. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Merge layers/fleet.json -> layers/groups/<group>.json -> layers/devices/<device>.json ->"
                + " layers/priority.json (JSON Merge Patch; priority cannot be overridden) into one signed, versioned"
                + " document per device and publish it retained on its config/desired topic.",
                "Devices whose merged settings did not change are skipped unless --force."})
public final class PushCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--device", paramLabel = "ID", description = "Push to this device (repeatable; default: all"
            + " enrolled devices).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--not-after", paramLabel = "DURATION", converter = FleetOptions.DurationConverter.class,
            description = "Documents are not accepted as new after now + DURATION.")
    Duration notAfter;

    @Option(names = "--force", description = "Publish a new version even when nothing changed.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (MqttLink link = common.connections().connected("push", common.timeout)) {
            List<FleetPush.Pushed> pushed = new FleetPush(common.fleet(), FleetOptions.clock())
                    .push(link, devices, notAfter, force, common.timeout);
            for (FleetPush.Pushed p : pushed) {
                out.println(p.skipped()
                        ? p.device() + "  unchanged (v" + p.version() + ")"
                        : p.device() + "  v" + p.version() + "  " + String.join(" ", p.layers()) + "  sha256 "
                        + p.sha256().substring(0, 16));
            }
            out.println(pushed.stream().filter(p -> !p.skipped()).count() + " published, "
                    + pushed.stream().filter(FleetPush.Pushed::skipped).count() + " unchanged");
        }
        return 0;
    }
}
