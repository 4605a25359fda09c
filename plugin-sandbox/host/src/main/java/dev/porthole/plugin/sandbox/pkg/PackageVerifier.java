package dev.porthole.plugin.sandbox.pkg;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/**
 * Checks a package before anything in it is used: the manifest is valid, every declared channel is
 * allowed, the jars and profile named exist, a signature is present, it verifies over the digest list
 * of every file, and the signer chains to one of the trust anchors.
 *
 * @param anchors the fleet-provisioned trust anchors (vendor CA certificates)
 */
public record PackageVerifier(List<X509Certificate> anchors, ChannelPolicy policy) {

    public PackageVerifier {
        anchors = List.copyOf(anchors);
    }

    /**
     * Verifies {@code archive} at time {@code at}.
     *
     * @throws SandboxException MALFORMED, POLICY, SIGNATURE or TRUST with the reason
     */
    public VerifiedPackage verify(PackageArchive archive, Instant at) {
        PluginManifest manifest = checkContents(archive, policy);
        if (!archive.signed()) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "package " + manifest.id() + " is not signed (no "
                    + PackageArchive.SIGNATURE + ")");
        }
        PackageSignature.Signer signer = PackageSignature.verify(archive.digestList(), archive.file(PackageArchive.SIGNATURE), anchors, at);
        SeccompProfile profile = manifest.seccompProfile() == null ? null
                : SeccompProfile.parse(archive.file(manifest.seccompProfile()), manifest.seccompProfile());
        return new VerifiedPackage(archive, manifest, signer, profile);
    }

    /**
     * The checks that need no signature (also run by {@code pack} and {@code sign}): manifest, channel
     * policy, at least one jar under {@code lib/}, the named profile present and valid.
     */
    public static PluginManifest checkContents(PackageArchive archive, ChannelPolicy policy) {
        PluginManifest manifest = archive.manifest();
        policy.check(manifest.channels());
        boolean jar = archive.files().keySet().stream().anyMatch(p -> p.startsWith("lib/") && p.endsWith(".jar"));
        if (!jar) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package " + manifest.id() + " has no jar under lib/");
        }
        if (manifest.seccompProfile() != null) {
            if (!archive.files().containsKey(manifest.seccompProfile())) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "manifest.json: $.seccompProfile: '"
                        + manifest.seccompProfile() + "' is not in the package");
            }
            SeccompProfile.parse(archive.file(manifest.seccompProfile()), manifest.seccompProfile());
        }
        return manifest;
    }
}
