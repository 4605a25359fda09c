package dev.porthole.agent.cli.fleet;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.fleet.FleetCommands;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code porthole fleet command}: send one command, wait for the response, print it (screenshots: save PNG). */
@Command(name = "command", mixinStandardHelpOptions = true,
        description = {"Send a command to a device and print its response: ping, reconnect, reboot, screenshot, logs,"
                + " set-log-level.",
                "Examples: fleet command --device kiosk-7 ping; fleet command --device kiosk-7 screenshot --out"
                + " shot.png; fleet command --device kiosk-7 logs --arg maxBytes=65536;"
                + " fleet command --device kiosk-7 set-log-level --arg level=debug"})
public final class CommandCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--device", paramLabel = "ID", required = true, description = "The device.")
    String device;

    @Parameters(index = "0", paramLabel = "NAME", description = "The command.")
    String name;

    @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "A command argument (repeatable; integers and"
            + " true/false are sent as such).")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save a binary result (default for"
            + " screenshots: <device>-<time>.png; log text is printed).")
    Path outFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode a = StrictJson.object();
        args.forEach((k, v) -> {
            if (v.matches("-?\\d{1,18}")) {
                a.put(k, Long.parseLong(v));
            } else if (v.equals("true") || v.equals("false")) {
                a.put(k, Boolean.parseBoolean(v));
            } else {
                a.put(k, v);
            }
        });
        try (MqttLink link = common.connections().connected("command", common.timeout)) {
            FleetCommands.Response r = new FleetCommands(common.fleet(), link).send(device, name, a, common.timeout);
            if (!r.ok()) {
                spec.commandLine().getErr().println("porthole: " + device + " answered " + name + " with error "
                        + r.code() + ": " + r.message());
                return 1;
            }
            if (r.data() == null) {
                out.print(StrictJson.pretty(r.result()));
            } else if (outFile == null && r.contentType() != null && r.contentType().startsWith("text/")) {
                out.print(new String(r.data(), StandardCharsets.UTF_8));
            } else {
                Path file = outFile != null ? outFile : Path.of(device + "-"
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-')
                        + (r.contentType() != null && r.contentType().equals("image/png") ? ".png" : ".bin"));
                FleetCommands.save(r, file);
                out.println("saved " + r.data().length + " bytes (" + r.contentType() + ") to " + file);
            }
            out.flush();
        }
        return 0;
    }
}
