package dev.porthole.agent.credentials;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.tinylog.TaggedLogger;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.store.AtomicFiles;

/**
 * The kiosk password at rest: AES-256-GCM (JDK) under the {@link DeviceKey}, in {@code <state>/credentials/password.enc}
 * (owner-only). File format: magic {@code PHPW}, version 1, a 12-byte random nonce, then the ciphertext of the UTF-8
 * password with its 16-byte tag; the magic and version are authenticated as associated data. The password is handled
 * as {@code char[]}/{@code byte[]} and cleared after use; it never reaches a log line or a {@code toString()}.
 */
public final class PasswordStore {

    private static final byte[] MAGIC = {'P', 'H', 'P', 'W'};
    private static final int VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    /** Longest password accepted (characters). */
    public static final int MAX_CHARS = 1024;
    private static final int MAX_FILE = MAGIC.length + 1 + NONCE + MAX_CHARS * 4 + TAG_BITS / 8;

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("agent");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Path keyFile;

    public PasswordStore(Path file, Path keyFile) {
        this.file = file;
        this.keyFile = keyFile;
    }

    /** The store of {@code state}: {@link StateDirectory#kioskPassword()} under {@link StateDirectory#deviceKey()}. */
    public static PasswordStore of(StateDirectory state) {
        return new PasswordStore(state.kioskPassword(), state.deviceKey());
    }

    public Path file() {
        return file;
    }

    /** Encrypts and stores {@code password} (crash-safe, owner-only); creates the device key on first use. */
    public void store(char[] password) {
        if (password.length == 0) {
            throw new CredentialsException("the password is empty");
        }
        if (password.length > MAX_CHARS) {
            throw new CredentialsException("the password is longer than " + MAX_CHARS + " characters");
        }
        SecretKey key = DeviceKey.loadOrCreate(keyFile);
        byte[] plain = utf8(password);
        byte[] out = null;
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header());
            byte[] ct = c.doFinal(plain);
            out = ByteBuffer.allocate(MAGIC.length + 1 + NONCE + ct.length).put(header()).put(nonce).put(ct).array();
            AtomicFiles.directory(file.toAbsolutePath().getParent(), AtomicFiles.OWNER_ONLY_DIR);
            AtomicFiles.write(file, out, AtomicFiles.OWNER_ONLY);
            LOG.info("kiosk password stored path={}", file);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot encrypt the password: " + e.getMessage(), e);
        } catch (ProvisioningException e) {
            throw new CredentialsException("cannot store the password: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Whether a password is stored. */
    public boolean exists() {
        return Files.exists(file);
    }

    /** Decrypts the stored password; empty when none is stored. The caller clears the array after use. */
    public Optional<char[]> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        DeviceKey.checkOwnerOnly(file);
        byte[] data;
        try {
            data = AtomicFiles.read(file, MAX_FILE).orElse(null);
        } catch (ProvisioningException e) {
            throw new CredentialsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (data == null) {
            return Optional.empty();
        }
        if (data.length < MAGIC.length + 1 + NONCE + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new CredentialsException(file + " is not a Porthole encrypted password file");
        }
        if (data[MAGIC.length] != VERSION) {
            throw new CredentialsException(file + " has format version " + data[MAGIC.length] + ", expected " + VERSION);
        }
        SecretKey key = DeviceKey.load(keyFile).orElseThrow(() -> new CredentialsException(
                "the device key " + keyFile + " is missing, so " + file + " cannot be decrypted; set the password again"));
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, MAGIC.length + 1, NONCE));
            c.updateAAD(header());
            int off = MAGIC.length + 1 + NONCE;
            plain = c.doFinal(data, off, data.length - off);
            return Optional.of(chars(plain));
        } catch (AEADBadTagException e) {
            throw new CredentialsException(file + " does not decrypt with the device key " + keyFile
                    + " (tampered with, or encrypted on another device); set the password again", e);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot decrypt " + file + ": " + e.getMessage(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Removes the stored password. */
    public void delete() {
        try {
            AtomicFiles.delete(file);
        } catch (ProvisioningException e) {
            throw new CredentialsException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] header() {
        byte[] h = Arrays.copyOf(MAGIC, MAGIC.length + 1);
        h[MAGIC.length] = VERSION;
        return h;
    }

    private static byte[] utf8(char[] password) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(password));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            if (b.hasArray()) {
                Arrays.fill(b.array(), (byte) 0);
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new CredentialsException("the password is not valid Unicode (unpaired surrogate)");
        }
    }

    private static char[] chars(byte[] utf8) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
            char[] out = new char[c.remaining()];
            c.get(out);
            if (c.hasArray()) {
                Arrays.fill(c.array(), '\0');
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new CredentialsException("the stored password is not valid UTF-8");
        }
    }

    /** Names the file only. */
    @Override
    public String toString() {
        return "PasswordStore[" + file + "]";
    }
}
