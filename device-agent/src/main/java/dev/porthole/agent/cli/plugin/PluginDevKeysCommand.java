package dev.porthole.agent.cli.plugin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.pkg.DevCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole plugin dev-keys}: a throwaway fleet CA, a vendor code-signing certificate and a
 * device certification key, so the whole workflow runs on a workstation. Never for production.
 */
@Command(name = "dev-keys", description = "Create DEVELOPMENT keys: a fleet CA (trust anchor), a vendor code-signing key and a device certification key.")
public final class PluginDevKeysCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--vendor", defaultValue = "Example Corp", paramLabel = "NAME", description = "The vendor's name (default: ${DEFAULT-VALUE}).")
    String vendor;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N")
    int days;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Instant now = Instant.now().minusSeconds(300);
        Duration validity = Duration.ofDays(days);
        DevCertificates.Identity ca = DevCertificates.ca("Porthole Development Fleet CA", now, validity);
        DevCertificates.Identity v = DevCertificates.vendor(vendor + " plugins (development)", ca, now, validity);
        DevCertificates.Identity device = DevCertificates.leaf("Porthole device certification (development)", ca, now, validity, null);
        PluginFiles.write(out.resolve("fleet-ca.pem"), DevCertificates.pem(ca.certificate()));
        PluginFiles.write(out.resolve("fleet-ca-key.pem"), DevCertificates.pem(ca.privateKey()));
        PluginFiles.write(out.resolve("vendor.pem"), DevCertificates.pem(v.certificate()));
        PluginFiles.write(out.resolve("vendor-key.pem"), DevCertificates.pem(v.privateKey()));
        PluginFiles.write(out.resolve("device.pem"), DevCertificates.pem(device.certificate()));
        PluginFiles.write(out.resolve("device-key.pem"), DevCertificates.pem(device.privateKey()));
        PrintWriter o = spec.commandLine().getOut();
        o.println("development keys in " + out + ":");
        o.println("  fleet-ca.pem      trust anchor: install as <state>/plugin-trust-anchors.pem or pass with --trust");
        o.println("  vendor.pem, vendor-key.pem   sign packages: porthole plugin sign PKG --key vendor-key.pem --cert vendor.pem");
        o.println("  device.pem, device-key.pem   sign certification reports: porthole plugin certify PKG --device-key ...");
        return 0;
    }
}
