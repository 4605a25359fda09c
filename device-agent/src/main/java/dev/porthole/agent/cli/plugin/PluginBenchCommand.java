package dev.porthole.agent.cli.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.certify.ChannelBenchmark;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.VerifiedPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin bench}: channel round trip and throughput, sandboxed against in-process, for an echoing plugin. */
@Command(name = "bench", description = "Measure channel round trip (p50/p99) and throughput for 64 B, 4 KiB and 1 MiB messages "
        + "through an echoing plugin: in its sandbox against in-process.")
public final class PluginBenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "A signed package of an echoing plugin (e.g. the echo example).")
    Path pkg;

    @Option(names = "--channel", paramLabel = "NAME", description = "The channel to measure (default: the first declared).")
    String channel;

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VerifiedPackage vp = files.verifier().verify(PackageArchive.read(pkg), Instant.now());
        String ch = channel != null ? channel : vp.manifest().channels().getFirst();
        Path work = Files.createTempDirectory("porthole-bench-");
        ChannelBenchmark.run(vp, ch, files.verifier(), PluginSandboxes.config(work.resolve("run")), HostConfig.defaults(), work,
                ChannelBenchmark.Plan.standard(), spec.commandLine().getOut());
        return 0;
    }
}
