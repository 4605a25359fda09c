package dev.porthole.plugin.sandbox.pkg;

import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/**
 * A package whose signature, trust chain, file digests, manifest and (optional) seccomp profile have
 * all been checked.
 *
 * @param seccompProfile the vendor's extra profile, or {@code null} when the manifest names none
 */
public record VerifiedPackage(PackageArchive archive, PluginManifest manifest, PackageSignature.Signer signer,
                              SeccompProfile seccompProfile) {
}
