package dev.porthole.agent.cli.plugin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.certify.Certification;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code porthole plugin verify-report DIR}: checks a certification report's detached signature
 * (report.json.p7s over report.json) against the trust anchors — what the fleet does with a submitted report.
 */
@Command(name = "verify-report", description = "Verify a certification report (report.json signed by report.json.p7s) "
        + "against the trust anchors and print who signed it.")
public final class PluginVerifyReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory certify wrote (report.json, report.json.p7s, report.txt).")
    Path dir;

    @Mixin
    PluginFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        byte[] json = bytes(dir.resolve("report.json"));
        byte[] sig = bytes(dir.resolve("report.json.p7s"));
        PackageSignature.Signer s = Certification.verifyReport(json, sig, files.anchors(), Instant.now());
        PrintWriter o = spec.commandLine().getOut();
        o.println("OK " + dir.resolve("report.json") + " signed by " + s.subject() + " (issuer " + s.issuer() + ", until "
                + s.notAfter() + ")");
        Path txt = dir.resolve("report.txt");
        if (Files.isRegularFile(txt)) {
            o.println(PluginFiles.read(txt).lines().findFirst().orElse(""));
        }
        return 0;
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
