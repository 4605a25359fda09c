package dev.porthole.agent.cli.plugin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;
import dev.porthole.plugin.sandbox.pkg.VerifiedPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin verify}: checks a package as the device would before installing it. */
@Command(name = "verify", description = "Check a package's manifest, signature, trust chain and file digests; print what it asks for.")
public final class PluginVerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE")
    Path pkg;

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            VerifiedPackage vp = files.verifier().verify(PackageArchive.read(pkg), Instant.now());
            out.println("OK " + pkg);
            describe(out, vp);
            return 0;
        } catch (SandboxException e) {
            out.println("REFUSED " + pkg + ": " + e.kind() + ": " + e.getMessage());
            return 1;
        }
    }

    static void describe(PrintWriter out, VerifiedPackage vp) {
        PluginManifest m = vp.manifest();
        out.printf("  id:           %s%n  version:      %s%n  vendor:       %s%n  signed by:    %s (issuer %s, until %s)%n",
                m.id(), m.version(), m.vendor(), vp.signer().subject(), vp.signer().issuer(), vp.signer().notAfter());
        out.printf("  entry class:  %s%n  channels:     %s%n  capabilities: %s%n  memory:       %d MiB heap%n",
                m.entryClass(), m.channels(), m.capabilities().isEmpty() ? "none" : m.capabilities(), m.memoryLimitMb());
        out.printf("  seccomp:      %s%n", m.seccompProfile() == null ? "platform filters only"
                : "platform filters + " + m.seccompProfile() + " (" + vp.seccompProfile().rules().size() + " rules)");
    }
}
