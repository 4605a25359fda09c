package dev.porthole.plugin.sandbox.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * The files of a plugin package (a ZIP archive), read with bounded memory: limits on entry count,
 * file size and total size are enforced on the bytes actually inflated (not on what headers claim),
 * and every path must be a plain relative path (no {@code ..}, no absolute paths, no duplicates, no
 * odd characters). The signature lives at {@link #SIGNATURE}; every other file is covered by it.
 *
 * @param files path → content, sorted by path
 */
public record PackageArchive(SortedMap<String, byte[]> files) {

    /** The detached CMS signature inside a signed package. */
    public static final String SIGNATURE = "META-INF/PORTHOLE.SIG";

    /** The first line of the signed digest list. */
    public static final String DIGEST_LIST_HEADER = "porthole-plugin-package 1";

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._+-]{0,99}){0,15}");
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, for reproducible archives

    /** Size limits for reading untrusted archives. */
    public record Limits(int maxEntries, long maxFileBytes, long maxTotalBytes) {
        /** 256 entries, 32 MiB per file, 64 MiB in all. */
        public static Limits defaults() {
            return new Limits(256, 32L << 20, 64L << 20);
        }
    }

    public PackageArchive {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Whether the package carries a signature. */
    public boolean signed() {
        return files.containsKey(SIGNATURE);
    }

    /** The content of {@code path}, or fails naming it. */
    public byte[] file(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package has no file '" + path + "'");
        }
        return b;
    }

    /** The manifest, parsed and validated. */
    public PluginManifest manifest() {
        return PluginManifest.parse(file(PluginManifest.FILE));
    }

    /**
     * The signed content: {@link #DIGEST_LIST_HEADER}, then one line per file except the signature,
     * sorted by path: {@code <sha256 hex> <path>\n}.
     */
    public byte[] digestList() {
        StringBuilder sb = new StringBuilder(DIGEST_LIST_HEADER).append('\n');
        files.forEach((path, content) -> {
            if (!path.equals(SIGNATURE)) {
                sb.append(sha256Hex(content)).append(' ').append(path).append('\n');
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** This archive with the signature added (or replaced). */
    public PackageArchive withSignature(byte[] signature) {
        TreeMap<String, byte[]> m = new TreeMap<>(files);
        m.put(SIGNATURE, signature.clone());
        return new PackageArchive(m);
    }

    /** Reads an archive from a stream with {@code limits}. */
    public static PackageArchive read(InputStream in, Limits limits) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            byte[] buf = new byte[64 * 1024];
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory()) {
                    checkPath(name.substring(0, Math.max(0, name.length() - 1)), true);
                    continue;
                }
                checkPath(name, false);
                if (files.size() >= limits.maxEntries()) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "package has more than " + limits.maxEntries() + " files");
                }
                if (files.containsKey(name)) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "package contains '" + name + "' twice");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long size = 0;
                int r;
                while ((r = zip.read(buf)) > 0) {
                    size += r;
                    total += r;
                    if (size > limits.maxFileBytes()) {
                        throw new SandboxException(SandboxException.Kind.MALFORMED, "package file '" + name + "' exceeds "
                                + limits.maxFileBytes() + " bytes");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new SandboxException(SandboxException.Kind.MALFORMED, "package content exceeds " + limits.maxTotalBytes() + " bytes");
                    }
                    out.write(buf, 0, r);
                }
                files.put(name, out.toByteArray());
            }
        } catch (ZipException e) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package is not a valid ZIP archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "reading the package failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // bad UTF-8 in an entry name
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package has a malformed entry name: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package is empty (or not a ZIP archive)");
        }
        return new PackageArchive(files);
    }

    /** Reads an archive file with default limits. */
    public static PackageArchive read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Limits.defaults());
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read package " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Collects a plugin's files from a directory (for {@code pack}): every regular file under it;
     * symbolic links and files outside the path rules are refused.
     */
    public static PackageArchive fromDirectory(Path dir, Limits limits) {
        return fromDirectory(dir, limits, false);
    }

    /**
     * Like {@link #fromDirectory(Path, Limits)}; with {@code withSignature} the directory may hold
     * {@link #SIGNATURE} (an installed package).
     */
    public static PackageArchive fromDirectory(Path dir, Limits limits, boolean withSignature) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "symbolic link in the plugin directory: " + dir.relativize(p));
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                checkPath(rel, false);
                if (rel.equals(SIGNATURE) && !withSignature) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "the plugin directory already holds " + SIGNATURE);
                }
                long size = Files.size(p);
                total[0] += size;
                if (size > limits.maxFileBytes() || total[0] > limits.maxTotalBytes() || files.size() >= limits.maxEntries()) {
                    throw new SandboxException(SandboxException.Kind.MALFORMED, "plugin directory exceeds the package limits at " + rel);
                }
                files.put(rel, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot read " + dir + ": " + e.getMessage(), e);
        }
        return new PackageArchive(files);
    }

    /** Writes the archive (sorted entries, fixed timestamps: the same files give the same bytes). */
    public void write(OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setLastModifiedTime(EPOCH);
                e.setCreationTime(EPOCH);
                e.setLastAccessTime(EPOCH);
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "writing the package failed: " + e.getMessage(), e);
        }
    }

    /** Writes the archive to {@code file} (through a temporary file and a rename). */
    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(out);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void checkPath(String path, boolean directory) {
        if (path.isEmpty() && directory) {
            return;
        }
        if (!PATH.matcher(path).matches() || Stream.of(path.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "package path '" + printable(path)
                    + "' is not a plain relative path ([A-Za-z0-9._+-] segments, no '..')");
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(120).forEach(c -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.toString();
    }

    /** SHA-256 of {@code b}, lower-case hex. */
    public static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
