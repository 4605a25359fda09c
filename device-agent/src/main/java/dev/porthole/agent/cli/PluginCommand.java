package dev.porthole.agent.cli;

import java.util.concurrent.Callable;

import dev.porthole.agent.cli.plugin.PluginBenchCommand;
import dev.porthole.agent.cli.plugin.PluginCertifyCommand;
import dev.porthole.agent.cli.plugin.PluginDevKeysCommand;
import dev.porthole.agent.cli.plugin.PluginInstallCommand;
import dev.porthole.agent.cli.plugin.PluginListCommand;
import dev.porthole.agent.cli.plugin.PluginPackCommand;
import dev.porthole.agent.cli.plugin.PluginRemoveCommand;
import dev.porthole.agent.cli.plugin.PluginSignCommand;
import dev.porthole.agent.cli.plugin.PluginVerifyCommand;
import dev.porthole.agent.cli.plugin.PluginVerifyReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code porthole plugin ...}: the plugin package workflow — vendors pack and sign, devices verify,
 * install, list and remove; {@code certify} runs the conformance suite on this device. The library
 * behind it is the plugin-sandbox module; this class only wires files and options to it.
 */
@Command(name = "plugin", description = "Plugin packages: pack, sign, verify, install, list, remove, certify, verify-report, bench.",
        subcommands = {
                PluginPackCommand.class,
                PluginSignCommand.class,
                PluginVerifyCommand.class,
                PluginInstallCommand.class,
                PluginListCommand.class,
                PluginRemoveCommand.class,
                PluginCertifyCommand.class,
                PluginVerifyReportCommand.class,
                PluginBenchCommand.class,
                PluginDevKeysCommand.class,
        })
public final class PluginCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
