package dev.porthole.agent.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.store.AtomicFiles;

/**
 * The device key: 32 random bytes in {@code <state>/keys/device.key} (owner-only {@code 0600}, directory {@code 0700}),
 * created on first use with a crash-safe write. It encrypts credentials at rest (AES-256-GCM, {@link PasswordStore}).
 * A key file readable by group or others, or of the wrong size, is refused rather than used.
 */
public final class DeviceKey {

    /** Key length in bytes (AES-256). */
    public static final int LENGTH = 32;

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("agent");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceKey() {}

    /** Loads the key at {@code file}, creating it (and its directory) when it does not exist. */
    public static SecretKey loadOrCreate(Path file) {
        Optional<SecretKey> existing = load(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        try {
            AtomicFiles.directory(file.toAbsolutePath().getParent(), AtomicFiles.OWNER_ONLY_DIR);
            AtomicFiles.write(file, key, AtomicFiles.OWNER_ONLY);
            LOG.info("device key created path={}", file);
            return new SecretKeySpec(key, "AES");
        } catch (ProvisioningException e) {
            throw new CredentialsException("cannot create the device key " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Loads the key at {@code file}; empty when it does not exist. */
    public static Optional<SecretKey> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        checkOwnerOnly(file);
        byte[] key;
        try {
            key = AtomicFiles.read(file, LENGTH).orElseThrow(() -> new CredentialsException(file + " disappeared"));
        } catch (ProvisioningException e) {
            throw new CredentialsException("device key " + file + " is not " + LENGTH + " bytes: " + e.getMessage(), e);
        }
        try {
            if (key.length != LENGTH) {
                throw new CredentialsException("device key " + file + " has " + key.length + " bytes, expected " + LENGTH);
            }
            return Optional.of(new SecretKeySpec(key, "AES"));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Refuses a secret file that group or others can access. */
    static void checkOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            for (PosixFilePermission bad : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE)) {
                if (p.contains(bad)) {
                    throw new CredentialsException(file + " has mode " + PosixFilePermissions.toString(p)
                            + "; a secret file must be owner-only (rw-------), refusing to use it");
                }
            }
        } catch (IOException e) {
            throw new CredentialsException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
        }
    }
}
