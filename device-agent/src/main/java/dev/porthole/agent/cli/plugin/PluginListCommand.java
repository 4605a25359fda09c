package dev.porthole.agent.cli.plugin;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.pkg.PluginStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code porthole plugin list}: installed plugins, each verified again. */
@Command(name = "list", description = "List installed plugins (each is verified again; tampered ones show as REFUSED).")
public final class PluginListCommand implements Callable<Integer> {

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PluginStore.Entry> entries = files.store().list(Instant.now());
        if (entries.isEmpty()) {
            out.println("no plugins installed in " + files.root());
            return 0;
        }
        out.printf("%-32s %-12s %-24s %s%n", "ID", "VERSION", "VENDOR", "SIGNER");
        for (PluginStore.Entry e : entries) {
            out.printf("%-32s %-12s %-24s %s%n", e.id(), e.version(), e.vendor(), e.signer());
        }
        return entries.stream().anyMatch(e -> e.signer().startsWith("REFUSED")) ? 1 : 0;
    }
}
