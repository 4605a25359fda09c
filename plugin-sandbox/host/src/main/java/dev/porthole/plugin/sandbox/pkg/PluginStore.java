package dev.porthole.plugin.sandbox.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Installed plugins on the device. Layout under the root directory:
 * <pre>
 * plugins/&lt;id&gt;/package/...        the package's files as signed (read-only to the plugin)
 * plugins/&lt;id&gt;/installed.json      who signed it and when it was installed
 * plugin-state/&lt;id&gt;/              the plugin's one writable directory
 * </pre>
 * Install verifies first and replaces an older version atomically (staging directory + rename).
 * {@link #load} verifies again — signature, trust and every file digest — so a package modified on
 * disk after installation is refused at start.
 */
public final class PluginStore {

    private final Path root;
    private final PackageVerifier verifier;

    /**
     * @param root     the store's directory (created when missing)
     * @param verifier trust anchors and channel policy
     */
    public PluginStore(Path root, PackageVerifier verifier) {
        this.root = root;
        this.verifier = verifier;
    }

    /** An installed, verified plugin. */
    public record InstalledPlugin(PluginManifest manifest, Path packageDir, Path stateDir, PackageSignature.Signer signer,
                                  Instant installedAt, VerifiedPackage verified) {
        public String id() {
            return manifest.id();
        }
    }

    /** A line of {@link #list()}. */
    public record Entry(String id, String version, String vendor, String signer, Instant installedAt) {}

    /**
     * Verifies and installs a package file, replacing any installed version.
     *
     * @throws SandboxException with the reason when the package is refused
     */
    public InstalledPlugin install(Path packageFile, Instant now) {
        VerifiedPackage vp = verifier.verify(PackageArchive.read(packageFile), now);
        String id = vp.manifest().id();
        Path pluginDir = root.resolve("plugins").resolve(id);
        Path staging = root.resolve("plugins").resolve("." + id + ".staging");
        try {
            Files.createDirectories(root.resolve("plugins"));
            deleteTree(staging);
            Path pkg = staging.resolve("package");
            for (Map.Entry<String, byte[]> f : vp.archive().files().entrySet()) {
                Path target = pkg.resolve(f.getKey()).normalize();
                if (!target.startsWith(pkg)) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "package path escapes: " + f.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            Map<String, Object> meta = new TreeMap<>();
            meta.put("id", id);
            meta.put("version", vp.manifest().version());
            meta.put("vendor", vp.manifest().vendor());
            meta.put("signer", vp.signer().subject());
            meta.put("signerCertificateSha256", vp.signer().certificateSha256());
            meta.put("installedAt", now.toString());
            Files.write(staging.resolve("installed.json"), StrictJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(meta).getBytes(StandardCharsets.UTF_8));
            Path old = root.resolve("plugins").resolve("." + id + ".old");
            deleteTree(old);
            if (Files.exists(pluginDir)) {
                Files.move(pluginDir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, pluginDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, pluginDir);
            }
            deleteTree(old);
            Files.createDirectories(stateDir(id));
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "installing " + id + " failed: " + e.getMessage(), e);
        }
        return load(id, now);
    }

    /**
     * Loads an installed plugin, verifying its files again.
     *
     * @throws SandboxException STATE when not installed; SIGNATURE/TRUST/MALFORMED when the files on disk no longer verify
     */
    public InstalledPlugin load(String id, Instant now) {
        Path pluginDir = root.resolve("plugins").resolve(id);
        Path pkg = pluginDir.resolve("package");
        if (!PluginManifest.ID.matcher(id).matches() || !Files.isDirectory(pkg)) {
            throw new SandboxException(SandboxException.Kind.STATE, "plugin '" + id + "' is not installed");
        }
        PackageArchive archive = PackageArchive.fromDirectory(pkg, PackageArchive.Limits.defaults(), true);
        VerifiedPackage vp;
        try {
            vp = verifier.verify(archive, now);
        } catch (SandboxException e) {
            throw new SandboxException(e.kind(), "installed plugin " + id + " no longer verifies: " + e.getMessage(), e);
        }
        if (!vp.manifest().id().equals(id)) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "installed plugin directory " + id + " holds " + vp.manifest().id());
        }
        Instant installed = now;
        try {
            JsonNode meta = StrictJson.parse(Files.readAllBytes(pluginDir.resolve("installed.json")), 16 * 1024, "installed.json");
            installed = Instant.parse(meta.path("installedAt").asText(now.toString()));
        } catch (IOException | RuntimeException e) {
            // metadata is informational only
        }
        return new InstalledPlugin(vp.manifest(), pkg, stateDir(id), vp.signer(), installed, vp);
    }

    /** Installed plugins (each verified), by id. Ones that fail verification are listed with the reason as signer. */
    public List<Entry> list(Instant now) {
        List<Entry> out = new ArrayList<>();
        Path plugins = root.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            return out;
        }
        try (Stream<Path> s = Files.list(plugins)) {
            for (Path p : s.sorted().toList()) {
                String id = p.getFileName().toString();
                if (id.startsWith(".")) {
                    continue;
                }
                try {
                    InstalledPlugin ip = load(id, now);
                    out.add(new Entry(id, ip.manifest().version(), ip.manifest().vendor(), ip.signer().subject(), ip.installedAt()));
                } catch (SandboxException e) {
                    out.add(new Entry(id, "?", "?", "REFUSED: " + e.getMessage(), null));
                }
            }
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot list " + plugins + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes a plugin and its state directory. Returns whether it was installed. */
    public boolean remove(String id) {
        if (!PluginManifest.ID.matcher(id).matches()) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "'" + id + "' is not a plugin id");
        }
        Path pluginDir = root.resolve("plugins").resolve(id);
        boolean existed = Files.exists(pluginDir);
        try {
            deleteTree(pluginDir);
            deleteTree(stateDir(id));
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "removing " + id + " failed: " + e.getMessage(), e);
        }
        return existed;
    }

    /** The plugin's writable state directory. */
    public Path stateDir(String id) {
        return root.resolve("plugin-state").resolve(id);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
