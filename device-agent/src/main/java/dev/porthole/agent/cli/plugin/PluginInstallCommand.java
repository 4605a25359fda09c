package dev.porthole.agent.cli.plugin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin install}: verifies and installs a package (replacing an installed version). */
@Command(name = "install", description = "Verify and install a package into the device's plugin store.")
public final class PluginInstallCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE")
    Path pkg;

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            PluginStore.InstalledPlugin p = files.store().install(pkg, Instant.now());
            spec.commandLine().getOut().printf("installed %s %s (signed by %s) in %s%n", p.id(), p.manifest().version(),
                    p.signer().subject(), p.packageDir().getParent());
            return 0;
        } catch (SandboxException e) {
            spec.commandLine().getOut().println("REFUSED " + pkg + ": " + e.kind() + ": " + e.getMessage());
            return 1;
        }
    }
}
