package dev.porthole.provisioning.fleet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.config.SigningKeys;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Csr;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.store.AtomicFiles;

/**
 * {@code porthole fleet init}: makes a fleet directory ({@link FleetDirectory}) with a fleet CA (new, or an existing
 * one imported), a config-signing key, the fleet's own client certificate, an empty fleet layer, and claims.
 * Refuses to touch a directory that already holds a fleet (it would replace keys devices depend on).
 */
public final class FleetInit {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    /**
     * What to make.
     *
     * @param tenant            tenant id
     * @param broker            {@code ssl://host:port} devices and the fleet connect to
     * @param fleetIdentity     CN of the fleet's client certificate (the broker ACL's fleet user)
     * @param importedCa        an existing CA to use as the fleet CA, or null to make an EC P-256 one
     * @param brokerTrust       CAs that issued the broker's server certificate; empty: the fleet CA
     * @param claimDevices      one claim per entry: a device id the claim is bound to, or null for an unbound claim
     * @param claimValidity     how long claims (and their certificates) are valid
     * @param caValidity        validity of a new CA
     */
    public record Options(String tenant, URI broker, String fleetIdentity, CertificateAuthority importedCa,
                          List<X509Certificate> brokerTrust, List<String> claimDevices, Duration claimValidity,
                          Duration caValidity) {
        public Options {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(fleetIdentity, "fleetIdentity");
            brokerTrust = List.copyOf(brokerTrust);
            claimDevices = java.util.Collections.unmodifiableList(new ArrayList<>(claimDevices));
            Objects.requireNonNull(claimValidity, "claimValidity");
            Objects.requireNonNull(caValidity, "caValidity");
        }

        /** Defaults: fleet identity {@code fleet}, a new CA valid ten years, no claims, claims valid 7 days. */
        public static Options of(String tenant, URI broker) {
            return new Options(tenant, broker, "fleet", null, List.of(), List.of(), Duration.ofDays(7),
                    Duration.ofDays(3650));
        }

        public Options withCa(CertificateAuthority ca) {
            return new Options(tenant, broker, fleetIdentity, ca, brokerTrust, claimDevices, claimValidity, caValidity);
        }

        public Options withClaims(List<String> devices, Duration validity) {
            return new Options(tenant, broker, fleetIdentity, importedCa, brokerTrust, devices, validity, caValidity);
        }

        public Options withFleetIdentity(String identity) {
            return new Options(tenant, broker, identity, importedCa, brokerTrust, claimDevices, claimValidity, caValidity);
        }

        public Options withBrokerTrust(List<X509Certificate> trust) {
            return new Options(tenant, broker, fleetIdentity, importedCa, trust, claimDevices, claimValidity, caValidity);
        }
    }

    /** The result: the directory and the claim bundles made. */
    public record Result(FleetDirectory fleet, List<ClaimBundle> claims) {}

    private FleetInit() {}

    public static Result init(Path root, Options o, Instant now) {
        if (FleetDirectory.exists(root)) {
            throw new ProvisioningException(Kind.USAGE, root + " already holds a fleet (fleet.json); refusing to"
                    + " replace its keys");
        }
        if (!"ssl".equals(o.broker().getScheme()) || o.broker().getPort() <= 0) {
            throw new ProvisioningException(Kind.USAGE, "broker must be ssl://host:port, not " + o.broker());
        }
        FleetDirectory fleet = new FleetDirectory(root, o.tenant(), o.broker(), o.fleetIdentity());
        AtomicFiles.directory(root, AtomicFiles.OWNER_ONLY_DIR);
        Path ca = AtomicFiles.directory(root.resolve("ca"), AtomicFiles.OWNER_ONLY_DIR);
        CertificateAuthority authority = o.importedCa() != null ? o.importedCa()
                : CertificateAuthority.create("Porthole fleet CA " + o.tenant(), o.caValidity(), now);
        AtomicFiles.write(ca.resolve("ca.pem"), pem(authority.chain()), AtomicFiles.SHAREABLE);
        AtomicFiles.write(ca.resolve("ca.key"), Pem.privateKey(authority.key()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(ca.resolve("trust.pem"), pem(o.brokerTrust().isEmpty() ? authority.chain() : o.brokerTrust()),
                AtomicFiles.SHAREABLE);

        Path signing = AtomicFiles.directory(root.resolve("signing"), AtomicFiles.OWNER_ONLY_DIR);
        KeyPair sk = SigningKeys.generate();
        AtomicFiles.write(signing.resolve("config-signing.key"),
                SigningKeys.privatePem(sk.getPrivate()).getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(signing.resolve("config-signing.pub"),
                SigningKeys.publicPem(sk.getPublic()).getBytes(StandardCharsets.US_ASCII), AtomicFiles.SHAREABLE);

        Path client = AtomicFiles.directory(root.resolve("client"), AtomicFiles.OWNER_ONLY_DIR);
        KeyPair fk = Csr.newDeviceKeyPair();
        X509Certificate fc = authority.issueClient(fk.getPublic(), o.fleetIdentity(), o.tenant(), o.caValidity(), now);
        AtomicFiles.write(client.resolve("fleet.pem"), pem(List.of(fc, authority.certificate())), AtomicFiles.SHAREABLE);
        AtomicFiles.write(client.resolve("fleet.key"), Pem.privateKey(fk.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);

        Path layers = AtomicFiles.directory(root.resolve("layers"), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.directory(layers.resolve("groups"), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.directory(layers.resolve("devices"), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(layers.resolve("fleet.json"), StrictJson.pretty(StrictJson.object())
                .getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        AtomicFiles.directory(fleet.devices(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.directory(fleet.claims(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.directory(fleet.pushed(), AtomicFiles.OWNER_ONLY_DIR);
        fleet.writeManifest(); // last: its presence means "initialized"

        ClaimRegistry claims = new ClaimRegistry(fleet);
        List<ClaimBundle> bundles = new ArrayList<>();
        for (String device : o.claimDevices()) {
            bundles.add(claims.create(device, o.claimValidity(), now));
        }
        LOG.info("fleet initialized dir={} tenant={} broker={} configKey={} claims={}", root, o.tenant(), o.broker(),
                SigningKeys.keyId(sk.getPublic()), bundles.size());
        return new Result(fleet, bundles);
    }

    private static byte[] pem(List<X509Certificate> certs) {
        return Pem.certificates(certs).getBytes(StandardCharsets.US_ASCII);
    }
}
