package dev.porthole.agent.cli;

import java.util.concurrent.Callable;

import dev.porthole.agent.cli.fleet.CommandCommand;
import dev.porthole.agent.cli.fleet.EnrollResponderCommand;
import dev.porthole.agent.cli.fleet.InitCommand;
import dev.porthole.agent.cli.fleet.PushCommand;
import dev.porthole.agent.cli.fleet.RollbackCommand;
import dev.porthole.agent.cli.fleet.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code porthole fleet}: the fleet manager's side of the fleet link (issue #6). Every sub-command works on a fleet
 * directory ({@code --dir}, default {@code $PORTHOLE_FLEET_DIR} or {@code ./fleet}) made by {@code fleet init}.
 */
@Command(name = "fleet",
        description = "Manage a fleet of Porthole devices over MQTT 5: enrollment, signed configuration, status,"
                + " commands.",
        mixinStandardHelpOptions = true,
        subcommands = {
                InitCommand.class,
                EnrollResponderCommand.class,
                PushCommand.class,
                StatusCommand.class,
                CommandCommand.class,
                RollbackCommand.class,
        })
public final class FleetCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
