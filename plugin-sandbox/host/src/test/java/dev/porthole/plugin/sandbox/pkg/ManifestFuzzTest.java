package dev.porthole.plugin.sandbox.pkg;

import java.io.ByteArrayInputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/** Fuzz targets for the untrusted package inputs: manifest, seccomp profile, archive. Only SandboxException may escape. */
class ManifestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] data) {
        try {
            PluginManifest m = PluginManifest.parse(data);
            PluginManifest.parse(m.toJson());
        } catch (SandboxException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "30s")
    void seccompProfile(byte[] data) {
        try {
            SeccompProfile.parse(data, "fuzz.json");
        } catch (SandboxException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "30s")
    void archive(byte[] data) {
        try {
            PackageArchive a = PackageArchive.read(new ByteArrayInputStream(data), new PackageArchive.Limits(16, 1 << 16, 1 << 18));
            a.digestList();
            a.manifest();
        } catch (SandboxException expected) {
            // the only acceptable failure
        }
    }
}
