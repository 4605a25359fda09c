package dev.porthole.agent.cli.plugin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.certify.Certification;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code porthole plugin certify}: runs the conformance suite on this device and writes a report
 * (JSON + text) signed with the device's certification key.
 */
@Command(name = "certify", description = "Run the conformance suite on this device (sandbox, lifecycle, channels under load, "
        + "misbehaviour observations, start-up time) and write a report signed with the device certification key.")
public final class PluginCertifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE")
    Path pkg;

    @Mixin
    PluginFiles files;

    @Option(names = "--device-key", required = true, paramLabel = "PEM", description = "The device's certification private key.")
    Path deviceKey;

    @Option(names = "--device-cert", required = true, paramLabel = "PEM", description = "The device's certification certificate (and chain).")
    Path deviceCert;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write report.json, report.txt and report.json.p7s.")
    Path out;

    @Option(names = "--quick", description = "A lighter load (for a quick check; the report says so).")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("porthole-certify-");
        SandboxConfig sandbox = PluginSandboxes.config(work.resolve("run"));
        var device = new java.util.LinkedHashMap<>(PluginSandboxes.device(sandbox));
        device.put("load", quick ? "quick" : "standard");
        Certification c = new Certification(files.verifier(), sandbox, HostConfig.defaults(), InstantSource.system(), device);
        o.println("certifying " + pkg + " on this device (this takes a minute) ...");
        o.flush();
        Certification.Report r = c.run(pkg, work, quick ? Certification.Load.quick() : Certification.Load.standard());
        Certification.write(r, out, PackageSignature.readPrivateKey(PluginFiles.read(deviceKey), deviceKey.toString()),
                PluginFiles.certificates(deviceCert));
        o.print(r.text());
        o.println("report: " + out.resolve("report.json") + " (+ report.txt, report.json.p7s)");
        return r.verdict() == Certification.Verdict.PASS ? 0 : 1;
    }
}
