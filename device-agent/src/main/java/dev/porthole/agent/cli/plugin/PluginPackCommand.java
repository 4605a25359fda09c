package dev.porthole.agent.cli.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.PackageTool;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin pack}: builds an unsigned package from a directory, or from a manifest and jars. */
@Command(name = "pack", description = "Build an unsigned plugin package (ZIP) from a directory laid out as the package "
        + "(manifest.json, lib/*.jar, ...) or from --manifest and --jar files.")
public final class PluginPackCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "A directory laid out as the package.")
    Path dir;

    @Option(names = "--manifest", paramLabel = "FILE", description = "The manifest.json (instead of DIR).")
    Path manifest;

    @Option(names = "--jar", paramLabel = "JAR", description = "A jar to place under lib/ (repeatable).")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "Another file to place at the top level, e.g. the seccomp profile (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PACKAGE", description = "Where to write the package.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((dir == null) == (manifest == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either DIR or --manifest with --jar files");
        }
        PackageArchive a = dir != null ? PackageTool.pack(dir, ChannelPolicy.defaults())
                : PackageTool.pack(manifest, jars, files, ChannelPolicy.defaults());
        a.write(output);
        PluginManifest m = a.manifest();
        spec.commandLine().getOut().printf("packed %s %s (%d files, unsigned) -> %s%n", m.id(), m.version(), a.files().size(), output);
        return 0;
    }
}
