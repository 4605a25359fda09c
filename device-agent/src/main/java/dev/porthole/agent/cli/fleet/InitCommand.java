package dev.porthole.agent.cli.fleet;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.fleet.ClaimRegistry;
import dev.porthole.provisioning.fleet.FleetInit;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Pem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code porthole fleet init}: fleet CA, config-signing key, fleet certificate and claims in a new fleet directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a fleet directory: a fleet CA (new, or --ca-cert/--ca-key), an Ed25519 config-signing"
                + " key, the fleet's client certificate and claim bundles for devices.",
                "With --claims-only, add claims to an existing fleet directory."})
public final class InitCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--tenant", paramLabel = "ID", description = "Tenant id (letters, digits, . _ -).")
    String tenant;

    @Option(names = "--broker", paramLabel = "URI", description = "Broker address, ssl://host:port.")
    URI broker;

    @Option(names = "--fleet-identity", paramLabel = "CN", defaultValue = "fleet",
            description = "Common name of the fleet's client certificate, the fleet user of the broker ACL"
                    + " (default: ${DEFAULT-VALUE}).")
    String fleetIdentity;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "Use this existing CA certificate as the fleet CA.")
    Path caCert;

    @Option(names = "--ca-key", paramLabel = "PEM", description = "The private key of --ca-cert.")
    Path caKey;

    @Option(names = "--broker-ca", paramLabel = "PEM",
            description = "CA of the broker's server certificate, when not the fleet CA.")
    Path brokerCa;

    @Option(names = "--claim", paramLabel = "DEVICE", description = "Make a claim bound to this device id (repeatable).")
    List<String> boundClaims = new ArrayList<>();

    @Option(names = "--claims", paramLabel = "N", defaultValue = "0",
            description = "Make N claims not bound to a device id (default: ${DEFAULT-VALUE}).")
    int unboundClaims;

    @Option(names = "--claim-validity", paramLabel = "DURATION", defaultValue = "7d",
            converter = FleetOptions.DurationConverter.class,
            description = "How long claims are valid (default: ${DEFAULT-VALUE}).")
    Duration claimValidity;

    @Option(names = "--claims-only", description = "Only add claims to the existing fleet directory.")
    boolean claimsOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> claimDevices = new ArrayList<>(boundClaims);
        for (int i = 0; i < unboundClaims; i++) {
            claimDevices.add(null);
        }
        if (claimsOnly) {
            ClaimRegistry registry = new ClaimRegistry(common.fleet());
            for (String d : claimDevices) {
                printClaim(out, registry, registry.create(d, claimValidity, FleetOptions.clock().instant()));
            }
            return 0;
        }
        if (tenant == null || broker == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "fleet init needs --tenant and --broker");
        }
        if ((caCert == null) != (caKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ca-cert and --ca-key go together");
        }
        FleetInit.Options o = FleetInit.Options.of(tenant, broker).withFleetIdentity(fleetIdentity)
                .withClaims(claimDevices, claimValidity);
        if (caCert != null) {
            X509Certificate cert = Pem.readCertificates(Files.readString(caCert, StandardCharsets.US_ASCII),
                    caCert.toString()).getFirst();
            o = o.withCa(new CertificateAuthority(cert, Pem.readPrivateKey(Files.readString(caKey,
                    StandardCharsets.US_ASCII), caKey.toString())));
        }
        if (brokerCa != null) {
            o = o.withBrokerTrust(Pem.readCertificates(Files.readString(brokerCa, StandardCharsets.US_ASCII),
                    brokerCa.toString()));
        }
        FleetInit.Result r = FleetInit.init(common.dir, o, FleetOptions.clock().instant());
        out.println("fleet directory " + common.dir.toAbsolutePath() + " (tenant " + tenant + ", broker " + broker + ")");
        out.println("fleet CA        " + common.dir.resolve("ca/ca.pem") + " (the broker must trust it for client"
                + " certificates)");
        out.println("signing key     " + common.dir.resolve("signing/config-signing.pub") + " (kid "
                + r.fleet().signer().keyId() + ")");
        out.println("fleet client    " + common.dir.resolve("client/fleet.pem") + " (CN " + fleetIdentity + ")");
        ClaimRegistry registry = new ClaimRegistry(r.fleet());
        for (ClaimBundle b : r.claims()) {
            printClaim(out, registry, b);
        }
        return 0;
    }

    private static void printClaim(PrintWriter out, ClaimRegistry registry, ClaimBundle b) {
        out.println("claim           " + b.claimId() + " for " + (b.device() == null ? "any device id" : b.device())
                + ", expires " + b.expiresAt() + ": " + registry.bundleFile(b.claimId()));
    }
}
