package dev.porthole.provisioning.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * Crash-safe file writes: the new content goes to a temporary file in the same directory, which is flushed to the
 * device ({@code fsync}), then renamed over the target in one atomic step, and the directory is flushed so the
 * rename itself survives a power cut. A reader sees the old content or the new, never a mix or a torn file.
 * Temporary files are created with their final permissions (owner-only for keys), so a secret is never readable by
 * others even for a moment.
 */
public final class AtomicFiles {

    /** Owner read/write only ({@code 0600}). */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Owner read/write, others read ({@code 0644}). */
    public static final Set<PosixFilePermission> SHAREABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Owner-only directory ({@code 0700}). */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private static final String TEMP_PREFIX = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /** Writes {@code data} to {@code target} crash-safely with {@code permissions}. */
    public static void write(Path target, byte[] data, Set<PosixFilePermission> permissions) {
        Path dir = target.toAbsolutePath().getParent();
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        Path tmp = dir.resolve(TEMP_PREFIX + target.getFileName() + "-" + HexFormat.of().formatHex(suffix));
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(permissions);
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attr)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            // the umask may have narrowed the creation mode; set exactly what was asked for
            Files.setPosixFilePermissions(tmp, permissions);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new ProvisioningException(Kind.STORAGE, "the file system of " + dir
                        + " cannot rename atomically; it cannot hold the state directory", e);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next cleanTemporaryFiles removes it
            }
            throw new ProvisioningException(Kind.STORAGE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code target} and flushes its directory; does nothing when it does not exist. */
    public static void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                syncDirectory(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot delete " + target + ": " + e.getMessage(), e);
        }
    }

    /** Renames {@code from} to {@code to} atomically (replacing it) and flushes the directory. */
    public static void rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(to.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot rename " + from + " to " + to + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads at most {@code maxBytes} of {@code file}; empty when it does not exist; too large is an error. */
    public static Optional<byte[]> read(Path file, int maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw new ProvisioningException(Kind.STORAGE, file + " is larger than " + maxBytes + " bytes");
            }
            return Optional.of(data);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) with {@code permissions} when missing. */
    public static Path directory(Path dir, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(permissions));
                } catch (FileAlreadyExistsException e) {
                    throw new ProvisioningException(Kind.STORAGE, dir + " exists and is not a directory", e);
                }
                Files.setPosixFilePermissions(dir, permissions);
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    syncDirectory(parent);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes temporary files a crash left behind in {@code dir}; returns how many. */
    public static int cleanTemporaryFiles(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
                n++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot clean " + dir + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** {@code fsync} of a directory, so renames and deletions in it are durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
