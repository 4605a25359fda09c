package dev.porthole.plugin.sandbox.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.porthole.plugin.sandbox.SandboxException;

/** The vendor-side steps as a library (the {@code porthole plugin pack|sign} commands call these). */
public final class PackageTool {

    private PackageTool() {}

    /**
     * Builds an unsigned package from a manifest, jars (placed under {@code lib/}) and extra files
     * (placed by file name at the top level, e.g. the seccomp profile), and checks its contents.
     */
    public static PackageArchive pack(Path manifest, List<Path> jars, List<Path> extraFiles, ChannelPolicy policy) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(PluginManifest.FILE, read(manifest));
        for (Path j : jars) {
            String name = j.getFileName().toString();
            if (!name.endsWith(".jar")) {
                throw new SandboxException(SandboxException.Kind.ARGUMENT, j + " is not a .jar file");
            }
            put(files, "lib/" + name, read(j));
        }
        for (Path f : extraFiles) {
            put(files, f.getFileName().toString(), read(f));
        }
        files.keySet().forEach(p -> PackageArchive.checkPath(p, false));
        PackageArchive a = new PackageArchive(new java.util.TreeMap<>(files));
        PackageVerifier.checkContents(a, policy);
        return a;
    }

    /** Builds an unsigned package from a directory laid out as the package (manifest.json, lib/*.jar, ...). */
    public static PackageArchive pack(Path dir, ChannelPolicy policy) {
        PackageArchive a = PackageArchive.fromDirectory(dir, PackageArchive.Limits.defaults());
        PackageVerifier.checkContents(a, policy);
        return a;
    }

    /** Signs a package (replacing any signature): a detached CMS signature over its digest list. */
    public static PackageArchive sign(PackageArchive unsigned, PrivateKey key, List<X509Certificate> chain, ChannelPolicy policy) {
        PackageVerifier.checkContents(unsigned, policy);
        TreeMap<String, byte[]> files = new TreeMap<>(unsigned.files());
        files.remove(PackageArchive.SIGNATURE);
        PackageArchive clean = new PackageArchive(files);
        return clean.withSignature(PackageSignature.sign(clean.digestList(), key, chain));
    }

    private static void put(Map<String, byte[]> files, String path, byte[] content) {
        if (files.put(path, content) != null) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "two files would both be " + path);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
