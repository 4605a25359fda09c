package dev.porthole.provisioning.fleet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.config.ConfigSigner;
import dev.porthole.provisioning.config.SigningKeys;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.pki.TlsContexts;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.Ids;

/**
 * The fleet manager's directory, made by {@link FleetInit} (directories 0700; keys and claims 0600):
 * <pre>
 * fleet.json                    tenant, broker URI, the fleet's MQTT identity
 * ca/ca.pem, ca/ca.key          the fleet CA (issues device, claim and fleet certificates)
 * ca/trust.pem                  CAs trusted for the broker's server certificate (default: the fleet CA)
 * signing/config-signing.key    Ed25519 config-signing key (distinct from every TLS key)
 * signing/config-signing.pub    its public key, installed on devices
 * client/fleet.pem, fleet.key   the fleet's own client certificate (CN = fleet identity)
 * claims/&lt;claim&gt;.json           claim records (secret, expiry, who used it)
 * claims/&lt;claim&gt;.bundle.json    claim bundles to hand to devices
 * devices/&lt;device&gt;.json         enrolled devices and their groups
 * layers/fleet.json, layers/priority.json, layers/groups/&lt;group&gt;.json, layers/devices/&lt;device&gt;.json
 * pushed/&lt;device&gt;/&lt;version&gt;.jws  documents published, for rollback and to continue the version sequence
 * </pre>
 *
 * @param root          the directory
 * @param tenant        the tenant this fleet directory manages
 * @param broker        the broker URI
 * @param fleetIdentity the certificate CN of the fleet side (the broker ACL's fleet user)
 */
public record FleetDirectory(Path root, String tenant, URI broker, String fleetIdentity) {

    /** Schema id of {@code fleet.json}. */
    public static final String SCHEMA = "porthole.fleet/v1";

    public FleetDirectory {
        Ids.require("tenant id", tenant);
        Ids.require("fleet identity", fleetIdentity);
    }

    /** Opens an initialized fleet directory. */
    public static FleetDirectory open(Path root) {
        byte[] bytes = AtomicFiles.read(root.resolve("fleet.json"), 64 * 1024).orElseThrow(() ->
                new ProvisioningException(Kind.USAGE, root + " is not a fleet directory (no fleet.json); run"
                        + " 'porthole fleet init' first"));
        ObjectNode o = StrictJson.parseObject(bytes, root.resolve("fleet.json").toString());
        if (!SCHEMA.equals(o.path("schema").asText())) {
            throw new ProvisioningException(Kind.MALFORMED, root.resolve("fleet.json") + " schema is "
                    + o.path("schema") + ", expected " + SCHEMA);
        }
        return new FleetDirectory(root, o.path("tenant").asText(), URI.create(o.path("broker").asText()),
                o.path("fleetIdentity").asText());
    }

    void writeManifest() {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("tenant", tenant);
        o.put("broker", broker.toString());
        o.put("fleetIdentity", fleetIdentity);
        AtomicFiles.write(root.resolve("fleet.json"), StrictJson.pretty(o).getBytes(StandardCharsets.UTF_8),
                AtomicFiles.SHAREABLE);
    }

    /** The fleet CA. */
    public CertificateAuthority ca() {
        return new CertificateAuthority(Pem.readCertificates(text("ca/ca.pem"), "ca/ca.pem").getFirst(),
                Pem.readPrivateKey(text("ca/ca.key"), "ca/ca.key"));
    }

    /** CAs trusted for the broker's server certificate. */
    public List<X509Certificate> brokerTrust() {
        return Pem.readCertificates(text("ca/trust.pem"), "ca/trust.pem");
    }

    /** The config-signing key pair. */
    public KeyPair signingKeys() {
        PrivateKey priv = SigningKeys.readPrivatePem(text("signing/config-signing.key"));
        return new KeyPair(SigningKeys.readPublicPem(text("signing/config-signing.pub")), priv);
    }

    /** A signer with the config-signing key. */
    public ConfigSigner signer() {
        return new ConfigSigner(signingKeys());
    }

    /** TLS for the fleet's own MQTT connections. */
    public SSLContext sslContext() {
        return TlsContexts.clientContext(Pem.readPrivateKey(text("client/fleet.key"), "client/fleet.key"),
                Pem.readCertificates(text("client/fleet.pem"), "client/fleet.pem"), brokerTrust());
    }

    public Path claims() {
        return root.resolve("claims");
    }

    public Path devices() {
        return root.resolve("devices");
    }

    public Path layers() {
        return root.resolve("layers");
    }

    public Path pushed() {
        return root.resolve("pushed");
    }

    String text(String relative) {
        Path p = root.resolve(relative);
        return new String(AtomicFiles.read(p, 1 << 20).orElseThrow(() ->
                new ProvisioningException(Kind.STORAGE, p + " is missing from the fleet directory")),
                StandardCharsets.UTF_8);
    }

    /** Whether {@code root} holds a fleet directory. */
    public static boolean exists(Path root) {
        return Files.exists(root.resolve("fleet.json"));
    }
}
