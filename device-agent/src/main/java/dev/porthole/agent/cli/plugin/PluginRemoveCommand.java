package dev.porthole.agent.cli.plugin;

import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin remove}: deletes an installed plugin and its state directory. */
@Command(name = "remove", description = "Remove an installed plugin and its state directory.")
public final class PluginRemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // removing needs no trust anchors
        PluginStore store = new PluginStore(files.root(), new PackageVerifier(java.util.List.of(), ChannelPolicy.defaults()));
        if (store.remove(id)) {
            spec.commandLine().getOut().println("removed " + id);
            return 0;
        }
        spec.commandLine().getOut().println("not installed: " + id);
        return 1;
    }
}
