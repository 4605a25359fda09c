package dev.porthole.agent.cli.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import picocli.CommandLine.Option;

/**
 * Where the device keeps plugins and their trust anchors (the composition root decides; the
 * plugin-sandbox library is given paths). Defaults: {@code $PORTHOLE_STATE} or
 * {@code ~/.local/state/porthole}; anchors at {@code <root>/plugin-trust-anchors.pem}, provisioned by
 * the fleet.
 */
public final class PluginFiles {

    @Option(names = "--root", paramLabel = "DIR", description = "The device's state directory (default: $PORTHOLE_STATE or ~/.local/state/porthole).")
    Path root;

    @Option(names = "--trust", paramLabel = "PEM", description = "Trust anchors (CA certificates) for plugin signatures (default: <root>/plugin-trust-anchors.pem).")
    Path trust;

    /** The state directory. */
    public Path root() {
        if (root != null) {
            return root;
        }
        String env = System.getenv("PORTHOLE_STATE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "porthole");
    }

    /** The trust anchors file. */
    public Path trustFile() {
        return trust != null ? trust : root().resolve("plugin-trust-anchors.pem");
    }

    /** The trust anchors; fails naming the file when it is missing or empty. */
    public List<X509Certificate> anchors() {
        return certificates(trustFile());
    }

    /** A verifier with the anchors and the default channel policy. */
    public PackageVerifier verifier() {
        return new PackageVerifier(anchors(), ChannelPolicy.defaults());
    }

    /** The plugin store under the state directory. */
    public PluginStore store() {
        return new PluginStore(root(), verifier());
    }

    static List<X509Certificate> certificates(Path pem) {
        return PackageSignature.readCertificates(read(pem), pem.toString());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    static void write(Path p, String text) {
        try {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
